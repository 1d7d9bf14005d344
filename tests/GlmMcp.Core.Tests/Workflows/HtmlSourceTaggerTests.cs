using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class HtmlSourceTaggerTests
{
    [Fact]
    public void Every_body_element_carries_the_span_of_its_own_source_text()
    {
        const string source = "<!DOCTYPE html>\n<html><head><title>t</title><style>p > a { color: red }</style></head>\n" +
                              "<body><div class=\"card\"><p>Hi <b>there</b></p><img src=\"x.png\"><br/></div></body></html>";

        var tagged = HtmlSourceTagger.Tag(source);

        Assert.Equal(["body", "div", "p", "b", "img", "br"], tagged.Elements.Select(e => e.Tag));
        Assert.Equal("<div class=\"card\"><p>Hi <b>there</b></p><img src=\"x.png\"><br/></div>", tagged.Elements[1].TextOf(source));
        Assert.Equal("<b>there</b>", tagged.Elements[3].TextOf(source));
        Assert.Equal("<img src=\"x.png\">", tagged.Elements[4].TextOf(source));
        Assert.Equal([-1, 0, 1, 2, 1, 1], tagged.Elements.Select(e => e.Parent));
        foreach (var e in tagged.Elements)
            Assert.Contains($"<{e.Tag} data-glm-src=\"{e.Span}\"", tagged.Html);
        Assert.Contains("<title>t</title>", tagged.Html);
    }

    [Fact]
    public void Comments_raw_text_and_quoted_angle_brackets_do_not_create_elements()
    {
        const string source = "<body><!-- <div>not me</div> --><script>if (a < b && '<p>' > c) {}</script>" +
                              "<a title=\"1 > 0\" href='x>y'>link</a><textarea><i>raw</i></textarea><style>div>p{}</style></body>";

        var tagged = HtmlSourceTagger.Tag(source);

        Assert.Equal(["body", "a", "textarea"], tagged.Elements.Select(e => e.Tag));
        Assert.Equal("<a title=\"1 > 0\" href='x>y'>link</a>", tagged.Elements[1].TextOf(source));
        Assert.Equal("<textarea><i>raw</i></textarea>", tagged.Elements[2].TextOf(source));
    }

    [Fact]
    public void Implicitly_closed_and_unclosed_elements_end_where_the_next_one_begins_or_the_source_ends()
    {
        const string source = "<ul>\n  <li>one\n  <li>two <span>x</span>\n</ul>\n<p>para\n<div>block</div>\n<section><em>open";

        var tagged = HtmlSourceTagger.Tag(source);
        var text = tagged.Elements.Select(e => e.TextOf(source)).ToList();

        Assert.Equal("<li>one", text[1]);
        Assert.Equal("<li>two <span>x</span>", text[2]);
        Assert.Equal(["ul", "li", "li", "span", "p", "div", "section", "em"], tagged.Elements.Select(e => e.Tag));
        Assert.Equal("<p>para", text[4]);
        Assert.Equal("<div>block</div>", text[5]);
        Assert.Equal("<section><em>open", text[6]);
        Assert.Equal("<em>open", text[7]);
    }

    [Fact]
    public void Stray_end_tags_are_ignored_and_svg_self_closing_children_are_elements()
    {
        const string source = "<div></span><svg viewBox=\"0 0 10 10\"><path d=\"M0 0L10 10\"/><circle r=\"2\" /></svg></div>";

        var tagged = HtmlSourceTagger.Tag(source);

        Assert.Equal(["div", "svg", "path", "circle"], tagged.Elements.Select(e => e.Tag));
        Assert.Equal(source, tagged.Elements[0].TextOf(source));
        Assert.Equal("<circle r=\"2\" />", tagged.Elements[3].TextOf(source));
    }

    [Fact]
    public void A_document_without_any_element_gives_no_elements_and_unchanged_html()
    {
        var tagged = HtmlSourceTagger.Tag("just text < 3 and 5 > 4");

        Assert.Empty(tagged.Elements);
        Assert.Equal("just text < 3 and 5 > 4", tagged.Html);
    }
}
