using BenchmarkDotNet.Attributes;
using GlmMcp.Inference.Glm;
using Microsoft.Extensions.AI;

namespace GlmMcp.Bench.Micro;

/// <summary>Building a GLM-4.6V refine prompt (system, target, render and diff images, feedback text) from chat messages.</summary>
[MemoryDiagnoser]
public class PromptBenchmarks
{
    private readonly GlmPromptBuilder _builder = new();
    private List<ChatMessage> _messages = null!;

    [GlobalSetup]
    public void Setup()
    {
        var (before, after) = ScreenshotPair.Png(1280, 800);
        _messages =
        [
            new(ChatRole.System, "You turn screenshots into one self-contained HTML file."),
            new(ChatRole.User, [new TextContent("The target:"), new DataContent(before, "image/png"), new TextContent("Your render:"), new DataContent(after, "image/png"),
                new TextContent(string.Join('\n', Enumerable.Range(0, 20).Select(i => $"Region {i}: colour differs at ({i * 40}, {i * 30}) 120×40")))]),
            new(ChatRole.Assistant, "<html><body>" + new string('x', 8000) + "</body></html>"),
            new(ChatRole.User, "Fix the differences listed above and answer with the whole corrected file."),
        ];
    }

    [Benchmark]
    public int BuildRefinePrompt() => _builder.Build(_messages).Text.Length;
}
