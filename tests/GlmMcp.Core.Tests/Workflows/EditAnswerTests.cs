using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class EditAnswerTests
{
    [Fact]
    public void An_html_fence_and_css_fences_with_file_names_are_read_apart()
    {
        var answer = EditAnswer.Parse("Here:\n```html\n<button class=\"b dark\">Go</button>\n```\n```css css/site.css\n.dark { color: #fff; }\n```\n```css `theme.css`\n.x{}\n```");

        Assert.Equal("<button class=\"b dark\">Go</button>", answer.Html);
        Assert.Equal([new("css/site.css", ".dark { color: #fff; }"), new("theme.css", ".x{}")], answer.Css);
    }

    [Fact]
    public void A_bare_element_without_a_fence_is_the_html()
    {
        Assert.Equal("<p>hi</p>", EditAnswer.Parse("  <p>hi</p>\n").Html);
        var nothing = EditAnswer.Parse("I cannot do that.");
        Assert.Null(nothing.Html);
        Assert.Empty(nothing.Css);
    }

    [Fact]
    public void A_jsx_or_vue_fence_is_the_element_and_a_cut_off_fence_still_counts()
    {
        Assert.Equal("<button style={{ color: 'red' }}>Go</button>", EditAnswer.Parse("```jsx\n<button style={{ color: 'red' }}>Go</button>\n```").Html);
        Assert.Equal("<b>cut", EditAnswer.Parse("```vue\n<b>cut").Html);
    }
}
