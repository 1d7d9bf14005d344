using GlmMcp.Server.Tests.Infrastructure;

namespace GlmMcp.Server.Tests.Workflows;

[Trait("Category", "EndToEnd")]
public sealed class CodeCommandTests
{
    private const string Page = "<!DOCTYPE html><html><body style=\"margin:0\"><div style=\"height:50px;background:#1f3a93\"></div></body></html>";

    [Fact]
    public async Task Glm_mcp_code_writes_the_page_and_prints_each_rounds_score()
    {
        var replies = new Queue<string>(["no code here, sorry", "```html\n" + Page + "\n```"]);
        await using var vllm = new LoopbackHttpServer((c, r) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion(replies.Dequeue())));
        using var folder = new TempFolder();
        await using (var renderer = new GlmMcp.Core.Rendering.PageRenderer(new GlmMcp.Core.Rendering.RenderingOptions { ChromiumPath = "/usr/bin/chromium" }, new GlmMcp.Core.Security.UrlPolicy([])))
            folder.Write("shot.png", (await renderer.RenderAsync(new GlmMcp.Core.Rendering.RenderRequest { Html = Page, Width = 200, Height = 100 })).Image);

        var run = await CliRun.RunAsync(folder.Path, "code", "shot.png", "-o", "page.html", "--rounds", "2",
            "--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(Page, await File.ReadAllTextAsync(folder.File("page.html")));
        Assert.Contains("round 1 generate", run.Stderr);
        Assert.Contains("(no code in the answer)", run.Stderr);
        Assert.Matches(@"round 2 generate +score 100\.0  ← best", run.Stderr);
        Assert.Contains("wrote ", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Glm_mcp_code_exits_1_with_the_reason_when_the_model_writes_no_code()
    {
        await using var vllm = new LoopbackHttpServer((c, r) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion("I can't help with that.")));
        using var folder = new TempFolder();
        folder.Write("shot.png", ImageFixtures.Bytes("text-before.png"));

        var run = await CliRun.RunAsync(folder.Path, "code", "shot.png", "--rounds", "1",
            "--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No code produced", run.Stderr);
    }
}
