using System.Text.Json;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Server.Tests.Infrastructure;

namespace GlmMcp.Server.Tests.Workflows;

/// <summary>The real <c>glm-mcp eval</c> process on a one-page corpus, its engine a loopback vLLM stand-in.</summary>
[Trait("Category", "EndToEnd")]
public sealed class EvalCommandTests
{
    private const string Page = "<!DOCTYPE html><html><body style=\"margin:0;font:16px sans-serif\"><div style=\"height:50px;background:#1f3a93\"></div><p style=\"margin:10px\">Hello there</p></body></html>";

    private static async Task<TempFolder> CorpusAsync()
    {
        var corpus = new TempFolder();
        corpus.Write("tiny.html", Page);
        await using var renderer = new PageRenderer(new RenderingOptions { ChromiumPath = "/usr/bin/chromium" }, new UrlPolicy([]));
        corpus.Write("tiny.png", (await renderer.RenderAsync(new RenderRequest { Html = Page, Width = 200, Height = 100 })).Image);
        return corpus;
    }

    [Fact]
    public async Task Glm_mcp_eval_runs_the_corpus_on_the_engine_prints_each_case_and_writes_report_html_and_json()
    {
        var replies = new Queue<string>(["```html\n" + Page.Replace("#1f3a93", "#16a34a", StringComparison.Ordinal) + "\n```", "```html\n" + Page + "\n```"]);
        await using var vllm = new LoopbackHttpServer((c, r) => VllmReplies.WriteJsonAsync(c, VllmReplies.Completion(replies.Dequeue())));
        using var corpus = await CorpusAsync();
        using var work = new TempFolder();

        var run = await CliRun.RunAsync(work.Path, "eval", corpus.Path, "--out", "report", "--rounds", "3",
            "--engine", "openai", "--base-url", vllm.BaseUri + "v1", "--model", "glm-4.6v", "--provider", "vllm");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Matches(@"case 1/1 tiny: rounds \d+\.\d → 100\.0, best 100\.0, design 1\.000", run.Stderr);
        Assert.Contains("1 of 1 case(s) produced a page, 1 reached 95", run.Stderr);
        Assert.True(File.Exists(work.File("report/report.html")));
        Assert.True(File.Exists(work.File("report/cases/001-tiny/round-1-diff.png")));
        Assert.True(Directory.Exists(work.File("report/sessions")), "the run's sessions stay beside its report");
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(work.File("report/report.json")));
        Assert.Equal(100, json.RootElement.GetProperty("summary").GetProperty("meanBestByRound")[1].GetDouble());
        Assert.Contains("openai", json.RootElement.GetProperty("engine").GetString());
    }

    [Fact]
    public async Task Glm_mcp_eval_with_bad_options_exits_2_naming_the_option_and_writes_no_report()
    {
        using var corpus = await CorpusAsync();
        using var work = new TempFolder();
        work.Write("taken", "a file");

        var rounds = await CliRun.RunAsync(work.Path, "eval", corpus.Path, "--out", "r1", "--rounds", "0", "--engine", "openai", "--base-url", "http://127.0.0.1:9/v1");
        var missing = await CliRun.RunAsync(work.Path, "eval", Path.Join(work.Path, "nope"), "--out", "r2");
        var outIsFile = await CliRun.RunAsync(work.Path, "eval", corpus.Path, "--out", "taken");

        Assert.Equal(2, rounds.ExitCode);
        Assert.Contains("'--rounds' must be between 1 and 10, got 0.", rounds.Stderr);
        Assert.False(File.Exists(work.File("r1/report.json")));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("CORPUS must be a folder of screenshots; not found", missing.Stderr);
        Assert.Equal(2, outIsFile.ExitCode);
        Assert.Contains("'--out' is a file, not a folder", outIsFile.Stderr);
    }
}
