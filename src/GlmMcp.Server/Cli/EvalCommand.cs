using System.CommandLine;
using System.Globalization;
using GlmMcp.Core;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows.Eval;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using GlmMcp.Inference.Engines;
using GlmMcp.Server.Contract;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Server.Cli;

/// <summary>
/// <c>glm-mcp eval CORPUS --out DIR</c>: screenshot_to_code over every screenshot of a folder on the configured engine,
/// with <c>report.html</c> and <c>report.json</c> written to DIR (see docs/eval.md). Exit 0 when every case produced a
/// page, 1 when a case failed or produced none (the others still ran), 2 on an error, 130 when cancelled (the report of
/// the cases done is still written).
/// </summary>
internal static class EvalCommand
{
    /// <summary>What the workflow may read and render, and which engine writes the code: the same settings as <c>serve</c>.</summary>
    private static readonly IReadOnlyList<SettingOption> Settings = [.. ServerSettings.Shared, .. EngineSettings.Serve];

    public static Command Create()
    {
        var corpus = new Argument<string>("CORPUS")
        {
            Description = "A folder of screenshots (PNG, JPEG, WebP), each with its reference page beside it as NAME.html when there is one.",
        };
        var output = new Option<string>("--out", "-o") { Description = "The report folder: report.html, report.json and cases/ (created when missing).", DefaultValueFactory = _ => "eval-report" };
        var rounds = new Option<int>("--rounds") { Description = ArgumentText.Rounds, DefaultValueFactory = _ => ScreenshotToCodeRequest.DefaultRounds };
        var targetScore = new Option<double>("--target-score") { Description = ArgumentText.TargetScore, DefaultValueFactory = _ => ScreenshotToCodeRequest.DefaultTargetScore };
        var stack = new Option<string>("--stack") { Description = ArgumentText.Stack, DefaultValueFactory = _ => PageStacks.Html };
        var limit = new Option<int?>("--limit") { Description = "Run only the first N screenshots (by file name)." };
        var scale = new Option<double>("--scale") { Description = "Device scale of the screenshots (2 for retina; default 1).", DefaultValueFactory = _ => 1 };
        var instructions = new Option<string?>("--instructions") { Description = ArgumentText.Instructions };

        var command = new Command("eval",
            "Run screenshot_to_code over a folder of screenshots on the configured engine and write a report: report.html (target, every round's " +
            "render and diff, score curves, a Design2Code table where NAME.html references exist) and report.json. " +
            "Exit 0 when every case produced a page, 1 when some did not, 2 on an error. " +
            "Example: glm-mcp eval designs/ --out eval-report --engine openai --base-url http://gpu-node:8000/v1 --model glm-4.6v");
        command.Arguments.Add(corpus);
        foreach (var option in new Option[] { output, rounds, targetScore, stack, limit, scale, instructions })
            command.Options.Add(option);
        ServerSettings.AddTo(command, Settings);
        command.SetAction((result, ct) => VerbRunner.RunAsync(Names, async () =>
        {
            var corpusFolder = Path.GetFullPath(result.GetRequiredValue(corpus));
            if (!Directory.Exists(corpusFolder))
                throw new UserInputException(File.Exists(corpusFolder)
                    ? $"CORPUS must be a folder of screenshots, not a file: {InputEcho.Truncate(corpusFolder)}. For one screenshot use 'glm-mcp code'."
                    : $"CORPUS must be a folder of screenshots; not found: {InputEcho.Truncate(corpusFolder)}.");
            var outputFolder = Path.GetFullPath(result.GetRequiredValue(output));
            if (File.Exists(outputFolder))
                throw new UserInputException($"'--out' is a file, not a folder: {InputEcho.Truncate(outputFolder)}. Give a folder for the report (it is created when missing).");
            await OutputFile.WriteAsync("--out", outputFolder, () => Task.FromResult(Directory.CreateDirectory(outputFolder)));

            // The run's sessions go beside its report, not into the user's session workspace.
            var configuration = new ConfigurationBuilder()
                .AddConfiguration(ServerSettings.Build(result, Settings))
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Sessions:Workspace"] = Path.Join(outputFolder, "sessions") })
                .Build();
            var services = new ServiceCollection();
            services.AddLogging(l => l.AddStderrConsole(configuration));
            services.AddGlmMcp(configuration);
            await using var provider = services.BuildServiceProvider();

            // The person at the shell chose both folders: they are allowed besides the configured roots.
            var roots = new AllowedRoots(provider.GetRequiredService<AllowedRoots>().Roots.Append(corpusFolder).Append(outputFolder));
            using var sessionRoots = CallerRoots.Begin(roots);
            var request = new EvalRequest(corpusFolder, outputFolder, result.GetRequiredValue(stack), result.GetValue(rounds), result.GetValue(targetScore),
                result.GetValue(scale), result.GetValue(limit), result.GetValue(instructions));

            var engines = provider.GetRequiredService<IChatClientProvider>();
            var chat = await engines.GetAsync(null, null, ct);
            var engine = engines.Describe(null);
            Console.Error.WriteLine($"engine: {engine}");
            var report = await provider.GetRequiredService<EvalRunner>().RunAsync(request, chat, engine, roots,
                new SynchronousProgress<string>(line => Console.Error.WriteLine(line)), ct);

            var s = report.Summary;
            var design = s.Design is { } d
                ? string.Create(CultureInfo.InvariantCulture, $"; Design2Code on {s.DesignCases}: block-match {d.BlockMatch:0.000}, text {d.Text:0.000}, position {d.Position:0.000}, colour {d.Color:0.000}, visual {d.Visual:0.000}")
                : "";
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.Completed} of {s.Cases} case(s) produced a page, {s.ReachedTarget} reached {request.TargetScore:0.#}; mean first score {s.MeanFirstScore:0.0}, mean best {s.MeanBestScore:0.0}{design}"));
            Console.Error.WriteLine($"report: {Path.Join(outputFolder, "report.html")} (figures in report.json)");
            if (s.Cancelled)
                return ExitCodes.Cancelled;
            return s.Failed == 0 ? ExitCodes.Ok : ExitCodes.Different;
        }));
        return command;
    }

    /// <summary>How <c>screenshot_to_code</c>'s messages are spelled here.</summary>
    private static readonly OptionNames Names = new(
        ("instructions", "--instructions"), ("stack", "--stack"), ("device_scale_factor", "--scale"), ("max_rounds", "--rounds"), ("target_score", "--target-score"),
        ("limit", "--limit"));
}
