using System.Collections.Concurrent;
using GlmMcp.Core.Imaging;
using GlmMcp.Inference.Local.Gguf;
using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Tools;

/// <summary>
/// describe_image and doctor on the real local engine, loading the synthetic tiny GGUF pair (docs/tiny-gguf.md).
/// </summary>
public sealed class DescribeImageLocalEngineTests : IDisposable
{
    private readonly TempFolder _models = new();

    public DescribeImageLocalEngineTests()
    {
        SyntheticGgufWriter.WriteTextModel(Model);
        SyntheticGgufWriter.WriteVisionProjector(Mmproj);
    }

    private string Model => _models.File("tiny-glm4.gguf");

    private string Mmproj => _models.File("tiny-mmproj-glm4v.gguf");

    public void Dispose() => _models.Dispose();

    private sealed class Recorder(ConcurrentQueue<ProgressNotificationValue> values) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => values.Enqueue(value);
    }

    [Fact]
    public async Task Describe_image_runs_on_the_local_engine_with_the_files_given_by_model_and_mmproj()
    {
        await using var server = await InProcessServer.StartAsync(["--model", Model, "--mmproj", Mmproj, "--thinking", "false"]);
        var png = ImageEncoder.EncodePng(RgbaImage.CreateFilled(120, 80, 200, 30, 30, 255));

        var result = await server.Client.CallToolAsync("describe_image",
            new Dictionary<string, object?> { ["image"] = Convert.ToBase64String(png), ["max_tokens"] = 6 });

        var texts = result.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        Assert.True(result.IsError != true, string.Join("\n", texts));
        Assert.Contains("engine: local custom", texts[1]);
        Assert.Contains("120x80", texts[1]);
        Assert.True(result.StructuredContent!.Value.GetProperty("outputTokens").GetInt64() <= 6);
    }

    [Fact]
    public async Task A_pdf_runs_on_the_local_engine_as_its_pages_with_their_numbers_in_the_text()
    {
        await using var media = await TestMedia.StartAsync();
        var pdf = await media.PdfAsync(TestMedia.Page("One"), TestMedia.Page("Two"));
        // Small pages keep the tiny model's prompt short; the sizes still come from the grid.
        await using var server = await InProcessServer.StartAsync(["--model", Model, "--mmproj", Mmproj, "--thinking", "false"],
            new Dictionary<string, string?> { ["GLM_MCP_Documents__PageSide"] = "224" });

        var result = await server.Client.CallToolAsync("describe_image",
            new Dictionary<string, object?> { ["image"] = Convert.ToBase64String(pdf), ["max_tokens"] = 4 });

        var texts = result.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        Assert.True(result.IsError != true, string.Join("\n", texts));
        Assert.Contains("engine: local custom", texts[1]);
        Assert.Contains("pdf: 2 of 2 pages (1, 2), 140x224 px", texts[1]);
        Assert.Equal(2, result.StructuredContent!.Value.GetProperty("pages").GetArrayLength());
    }

    [Fact]
    public async Task With_auto_pull_the_first_call_downloads_the_default_model_with_progress_then_answers()
    {
        using var cache = new TempFolder();
        var weights = await File.ReadAllBytesAsync(Model);
        var projector = await File.ReadAllBytesAsync(Mmproj);
        await using var mirror = new LoopbackHttpServer((c, r) => FileServer.ServeAsync(c, r, r.Path.Contains("mmproj") ? projector : weights));
        await using var server = await InProcessServer.StartAsync(
            ["--auto-pull", "true", "--cache-dir", cache.Path, "--thinking", "false"],
            new Dictionary<string, string?> { ["GLM_MCP_Models__BaseUrl"] = mirror.BaseUri.ToString() });
        var png = ImageEncoder.EncodePng(RgbaImage.CreateFilled(120, 80, 30, 200, 30, 255));
        var progress = new ConcurrentQueue<ProgressNotificationValue>();

        var result = await server.Client.CallToolAsync("describe_image",
            new Dictionary<string, object?> { ["image"] = Convert.ToBase64String(png), ["max_tokens"] = 4 }, new Recorder(progress));

        var texts = result.Content.OfType<TextContentBlock>().Select(t => t.Text).ToList();
        Assert.True(result.IsError != true, string.Join("\n", texts));
        Assert.Contains("engine: local glm-4.6v-flash", texts[1]);
        Assert.Equal(2, mirror.Requests.Count(r => r.Method == "GET"));
        Assert.Contains(progress, p => p.Message == "downloading the model files");
        Assert.True(File.Exists(Path.Join(cache.Path, "ggml-org", "GLM-4.6V-Flash-GGUF", "main", "GLM-4.6V-Flash-Q4_K_M.gguf")));
    }

    [Trait("Category", "EndToEnd")]
    [Fact]
    public async Task Doctor_validates_and_loads_the_local_model_files()
    {
        using var folder = new TempFolder();

        var run = await CliRun.RunAsync(folder.Path, "doctor", "--model", Model, "--mmproj", Mmproj);

        Assert.Contains("[ok  ] model", run.Stdout);
        Assert.Contains("M-RoPE sections", run.Stdout);
        Assert.Contains("loads the model", run.Stdout);
        Assert.DoesNotContain("FAIL] engine", run.Stdout);
        Assert.DoesNotContain("FAIL] model", run.Stdout);
    }
}
