using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Core.Tests.Workflows;

public sealed class MarkupElementSpanTests
{
    [Theory]
    [InlineData("<button onClick={() => a > b && go()}>Go</button> rest", "<button onClick={() => a > b && go()}>Go</button>")]
    [InlineData("<div className=\"x\"><div>inner</div>{items.map(i => <div key={i}>{i}</div>)}</div> rest", "<div className=\"x\"><div>inner</div>{items.map(i => <div key={i}>{i}</div>)}</div>")]
    [InlineData("<Card title=\"a>b\" /> rest", "<Card title=\"a>b\" />")]
    [InlineData("<input class=\"email\" placeholder=\"you@example.com\">\n<button>", "<input class=\"email\" placeholder=\"you@example.com\">")]
    [InlineData("<p>{{ count > 1 ? 'many' : 'one' }} don't</p>", "<p>{{ count > 1 ? 'many' : 'one' }} don't</p>")]
    public void The_element_ends_after_its_own_end_tag_with_expressions_quotes_and_nesting_respected(string text, string element)
    {
        Assert.Equal(element, text[..MarkupElementSpan.End(text, 0)]);
    }

    [Fact]
    public void An_element_that_never_closes_has_no_end()
    {
        Assert.Equal(-1, MarkupElementSpan.End("<div><span>open", 0));
    }
}
