using GlmMcp.Server.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Server.Tests.Workflows;

public sealed class VisualDiffExplainTests
{
    [Fact]
    public async Task Visual_diff_with_explain_adds_the_models_account_of_each_region_with_a_severity()
    {
        await using var vllm = new LoopbackHttpServer((c, r) => VllmReplies.WriteJsonAsync(c,
            VllmReplies.Completion("The text block changed.\n#1 [MEDIUM] the second line of text was reworded")));
        await using var server = await InProcessServer.StartAsync(["--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm"]);
        var before = server.WorkingDirectory.Write("before.png", ImageFixtures.Bytes("text-before.png"));
        var after = server.WorkingDirectory.Write("after.png", ImageFixtures.Bytes("text-after.png"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var result = await server.Client.CallToolAsync("visual_diff",
            new Dictionary<string, object?> { ["before"] = before, ["after"] = after, ["explain"] = true }, cancellationToken: timeout.Token);

        Assert.NotEqual(true, result.IsError);
        var explanation = result.Content.OfType<TextContentBlock>().Last().Text;
        Assert.StartsWith("The text block changed.", explanation);
        Assert.Matches(@"#1 \[MEDIUM\] x=\d+ y=\d+ width=\d+ height=\d+: the second line of text was reworded", explanation);
        var request = Assert.Single(vllm.Requests).Json;
        var images = request.GetProperty("messages")[0].GetProperty("content").EnumerateArray().Count(p => p.GetProperty("type").GetString() == "image_url");
        Assert.Equal(3, images);
    }
}
