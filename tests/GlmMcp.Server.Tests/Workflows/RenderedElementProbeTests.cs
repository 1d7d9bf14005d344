using GlmMcp.Core.Imaging;
using GlmMcp.Core.Workflows.LocateAndEdit;

namespace GlmMcp.Server.Tests.Workflows;

public sealed class RenderedElementProbeTests(WorkflowServices services) : IClassFixture<WorkflowServices>
{
    private const string Page = """
        <!DOCTYPE html><html><head><style>body{margin:0;font-family:sans-serif} .row{display:flex;gap:40px;padding:40px}
        button{width:160px;height:60px;border:0;background:#ddd} .hidden{display:none}</style></head>
        <body><div class="row"><button>One</button><button><span>Two</span></button></div><p class="hidden">x</p>
        <div style="height:1200px"></div></body></html>
        """;

    [Fact]
    public async Task The_tagged_page_renders_pixel_identical_to_the_renderer_and_reports_each_elements_box_and_stack()
    {
        var tagged = HtmlSourceTagger.Tag(Page);
        var (rendered, _) = await services.RenderAsync(Page, 640, 300);

        var layout = await services.Get<IElementProbe>().MeasureAsync(ProbePage.Text(tagged.Html), 640, 300, 1, (320, 70), null, default);

        var probed = services.Get<ImageDecoder>().Decode(layout.Png, "probe");
        Assert.True(services.Get<VisualDiffer>().Diff(rendered, probed, new VisualDiffOptions { DiffImage = DiffImageKind.None, Threshold = 0 }).Identical);
        var second = tagged.Elements.Single(e => e.TextOf(Page) == "<button><span>Two</span></button>");
        Assert.Equal(new PixelRect(240, 40, 160, 60), layout.Boxes.Single(b => b.Span == second.Span).Box);
        Assert.False(layout.Boxes.Single(b => b.Span == tagged.Elements.Single(e => e.Tag == "p").Span).Visible);
        var span = tagged.Elements.Single(e => e.Tag == "span").Span;
        var stack = layout.StackAtFocus.ToList();
        Assert.True(stack.IndexOf(span) >= 0 && stack.IndexOf(span) < stack.IndexOf(second.Span), string.Join(",", stack));
    }
}
