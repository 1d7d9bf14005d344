using System.CommandLine;
using GlmMcp.Bench.Judge;
using GlmMcp.Bench.Micro;
using GlmMcp.Bench.Soak;
using GlmMcp.Bench.Verbs;

var root = new RootCommand(
    "glm-mcp-bench: the performance figures of glm-mcp, each printed beside its anchor (Playwright MCP, odiff, pixelmatch, " +
    "Zhipu's vision MCP, LLamaSharp's own executor) from the same run; medians over several runs. " +
    "Install the anchors once with `npm install --prefix bench/anchors`.");
root.Subcommands.Add(BenchStartupCommand.Create());
root.Subcommands.Add(BenchRenderCommand.Create());
root.Subcommands.Add(BenchDiffCommand.Create());
root.Subcommands.Add(BenchPngCommand.Create());
root.Subcommands.Add(BenchEngineCommand.Create());
root.Subcommands.Add(BenchCodeCommand.Create());
root.Subcommands.Add(BenchThroughputCommand.Create());
root.Subcommands.Add(BenchColdRenderCommand.Create());
root.Subcommands.Add(BenchSoakCommand.Create());
root.Subcommands.Add(BenchJudgeCommand.Create());
root.Subcommands.Add(BenchEvalCommand.Create());
root.Subcommands.Add(BenchEditCommand.Create());
root.Subcommands.Add(BenchDocumentsCommand.Create());
root.Subcommands.Add(MicroCommand.Create());
return await root.Parse(args).InvokeAsync();
