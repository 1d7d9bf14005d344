using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.VisualDiffExplain;
using GlmMcp.Server.Hosting;
using GlmMcp.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>The visual_diff workflow with the server's real services and a scripted model.</summary>
public sealed class VisualDiffExplainWorkflowTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ServiceProvider _services;

    public VisualDiffExplainWorkflowTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sessions:Workspace"] = Path.Join(_folder.Path, "sessions"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGlmMcp(configuration);
        _services = services.BuildServiceProvider();
    }

    private VisualDiffExplainWorkflow Workflow => _services.GetRequiredService<VisualDiffExplainWorkflow>();

    private AllowedRoots Roots => new([_folder.Path]);

    [Fact]
    public async Task With_a_model_it_writes_the_picture_even_when_none_was_asked_and_explains_the_measured_regions()
    {
        var before = _folder.Write("before.png", ImageFixtures.Bytes("text-before.png"));
        var after = _folder.Write("after.png", ImageFixtures.Bytes("text-after.png"));
        var model = new TestChatClient("Text changed.\n#1 [LOW] a word was replaced");
        var request = new VisualDiffExplainRequest(before, after, new VisualDiffOptions { DiffImage = DiffImageKind.None }, _folder.File("diff.png"));

        var result = await Workflow.RunAsync(request, Roots, model, CancellationToken.None);

        Assert.Equal(ImageFixtures.TextPairChangedPixels, result.Diff.DiffPixels);
        Assert.Equal(_folder.File("diff.png"), result.WrittenPath);
        Assert.Equal(result.Diff.DiffPng, await File.ReadAllBytesAsync(_folder.File("diff.png")));
        var explanation = Assert.IsType<DiffExplanation>(result.Explanation);
        Assert.Equal("Text changed.", explanation.Summary);
        Assert.Equal(("LOW", "a word was replaced"), (Assert.Single(explanation.Regions).Severity, explanation.Regions[0].Description));
        Assert.Single(model.Requests);
    }

    [Fact]
    public async Task A_request_for_only_the_returned_picture_still_writes_and_shows_the_model_the_exact_full_size_png()
    {
        var before = _folder.Write("before.png", ImageFixtures.Bytes("text-before.png"));
        var after = _folder.Write("after.png", ImageFixtures.Bytes("text-after.png"));
        // 420×150 drawn down to a long side of 100: the differ alone would encode only the small picture.
        var options = new VisualDiffOptions { ReturnedImageSide = 100, FullSizePng = false };
        var full = await _services.GetRequiredService<VisualDiffer>().DiffAsync(before, after, Roots, new VisualDiffOptions(), CancellationToken.None);
        var model = new TestChatClient("Text changed.");

        var written = await Workflow.RunAsync(new VisualDiffExplainRequest(before, after, options, _folder.File("diff.png")), Roots, null, CancellationToken.None);
        var explained = await Workflow.RunAsync(new VisualDiffExplainRequest(before, after, options, null), Roots, model, CancellationToken.None);
        var plain = await Workflow.RunAsync(new VisualDiffExplainRequest(before, after, options, null), Roots, null, CancellationToken.None);

        Assert.NotNull(full.DiffPng);
        Assert.Equal(full.DiffPng, await File.ReadAllBytesAsync(_folder.File("diff.png")));
        Assert.Equal(full.DiffPng, written.Diff.DiffPng);
        var images = Assert.Single(model.Requests).Messages.SelectMany(m => m.Contents).OfType<DataContent>().ToList();
        Assert.Equal(3, images.Count);
        Assert.Equal(full.DiffPng, images[2].Data.ToArray());
        Assert.Null(plain.Diff.DiffPng);
        Assert.Equal((100, 420), (plain.Diff.ReturnedDiff!.Width, plain.Diff.ReturnedDiff.FullWidth));
    }

    [Fact]
    public async Task Identical_images_are_explained_without_asking_the_model_and_without_a_model_nothing_is_explained()
    {
        var before = _folder.Write("before.png", ImageFixtures.Bytes("text-before.png"));
        var model = new TestChatClient();
        var request = new VisualDiffExplainRequest(before, before, new VisualDiffOptions(), null);

        var explained = await Workflow.RunAsync(request, Roots, model, CancellationToken.None);
        var plain = await Workflow.RunAsync(request, Roots, null, CancellationToken.None);

        Assert.True(explained.Diff.Identical);
        Assert.Same(VisualDiffExplainer.NothingChanged, explained.Explanation);
        Assert.Empty(model.Requests);
        Assert.Null(plain.Explanation);
        Assert.Null(plain.WrittenPath);
    }

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }
}
