namespace GlmMcp.Bench.Tests;

public sealed class JudgeWriteCorpusTests
{
    [Fact]
    public async Task Judge_write_corpus_writes_each_selected_page_with_its_screenshot_for_glm_mcp_eval()
    {
        using var folder = new TempFolder();
        var corpus = Path.Join(folder.Path, "corpus");

        var run = await BenchRun.RunAsync(folder.Path, "judge", "--write-corpus", corpus, "--pages", "pricing");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(["pricing-warm.html", "pricing-warm.png", "pricing.html", "pricing.png"], Directory.GetFiles(corpus).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var png = await File.ReadAllBytesAsync(Path.Join(corpus, "pricing-warm.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        // The PNG header's width and height: the page's own size (1024×768), not the default viewport.
        Assert.Equal((1024, 768), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        Assert.StartsWith("<!doctype html>", (await File.ReadAllTextAsync(Path.Join(corpus, "pricing.html"))).TrimStart());
        Assert.Contains("run `glm-mcp eval ", run.Stdout);
    }
}
