using System.CommandLine;
using System.Globalization;
using GlmMcp.Core;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Security;
using GlmMcp.Core.Workflows;
using GlmMcp.Core.Workflows.ScreenshotToCode;
using GlmMcp.Inference.Engines;
using GlmMcp.Server.Contract;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GlmMcp.Server.Cli;

/// <summary>
/// <c>glm-mcp code SCREENSHOT.png -o page.html [--rounds 3]</c>: the main job from a terminal — the
/// <c>screenshot_to_code</c> loop with a progress bar on stderr and each round's score. Ctrl+C keeps the best so far.
/// Exit 0 with code, 1 when the model produced none, 2 on an error.
/// </summary>
internal static class CodeCommand
{
    /// <summary>What the tools may read and render, and which engine writes the code.</summary>
    private static readonly IReadOnlyList<SettingOption> Settings = [.. ServerSettings.Shared, .. EngineSettings.Serve];

    public static Command Create()
    {
        var image = new Argument<string>("SCREENSHOT") { Description = "The screenshot or design: a file, a loopback URL, a data: URI or base64." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the page here (default: print it on stdout)." };
        var outputDir = new Option<string?>("--output-dir") { Description = ArgumentText.OutputDir };
        var rounds = new Option<int>("--rounds") { Description = ArgumentText.Rounds, DefaultValueFactory = _ => ScreenshotToCodeRequest.DefaultRounds };
        var stack = new Option<string>("--stack") { Description = ArgumentText.Stack, DefaultValueFactory = _ => PageStacks.Html };
        var instructions = new Option<string?>("--instructions") { Description = ArgumentText.Instructions };
        var width = new Option<int?>("--width") { Description = "Viewport width in CSS pixels (default: image width / scale)." };
        var height = new Option<int?>("--height") { Description = "Viewport height in CSS pixels (default: image height / scale)." };
        var scale = new Option<double>("--scale") { Description = "Device scale of the screenshot (2 for retina; default 1).", DefaultValueFactory = _ => 1 };
        var targetScore = new Option<double>("--target-score") { Description = ArgumentText.TargetScore, DefaultValueFactory = _ => ScreenshotToCodeRequest.DefaultTargetScore };

        var command = new Command("code", "Screenshot → web page (HTML, Tailwind, React or Vue), rendered in Chromium and refined against the screenshot round by round.");
        command.Arguments.Add(image);
        foreach (var option in new Option[] { output, outputDir, rounds, stack, instructions, width, height, scale, targetScore })
            command.Options.Add(option);
        ServerSettings.AddTo(command, Settings);
        command.SetAction((result, ct) => VerbRunner.RunAsync(Names, async () =>
        {
            var configuration = ServerSettings.Build(result, Settings);
            var services = new ServiceCollection();
            services.AddLogging(l => l.AddStderrConsole(configuration));
            services.AddGlmMcp(configuration);
            await using var provider = services.BuildServiceProvider();

            var source = result.GetRequiredValue(image);
            var outputPath = result.GetValue(output);
            var projectFolder = result.GetValue(outputDir);
            // The person at the shell chose these files: their folders are allowed besides the configured roots.
            var roots = new AllowedRoots(provider.GetRequiredService<AllowedRoots>().Roots
                .Concat(CommandLineRoots.FoldersOf(source, outputPath))
                .Concat(projectFolder is null ? [] : CommandLineRoots.FoldersOf(Path.TrimEndingDirectorySeparator(projectFolder))));
            var outputFile = outputPath is null ? null : roots.ResolveOutputPath(outputPath, "--output");
            var stackName = result.GetRequiredValue(stack);
            // The session it creates belongs to these roots, as a tool call's belongs to its client's.
            using var sessionRoots = CallerRoots.Begin(roots);
            var target = await provider.GetRequiredService<ImageLoader>().LoadAsync(source, roots, "SCREENSHOT", ct);
            var factor = result.GetValue(scale);
            if (!(factor is >= 0.1 and <= 4))
                throw new UserInputException($"--scale must be between 0.1 and 4, got {factor}.");
            var project = projectFolder is null || !PageStacks.IsKnown(stackName) ? null : PageProject.Resolve(roots, Path.GetFullPath(projectFolder), stackName, "--output-dir");
            var request = new ScreenshotToCodeRequest(target, result.GetValue(instructions), stackName,
                result.GetValue(width) ?? Math.Max(1, (int)Math.Round(target.Width / factor)),
                result.GetValue(height) ?? Math.Max(1, (int)Math.Round(target.Height / factor)),
                factor, result.GetValue(rounds), result.GetValue(targetScore), outputFile, null, project);
            request.Validate();

            var engines = provider.GetRequiredService<IChatClientProvider>();
            using var bar = new ProgressBar(Console.Error);
            var chat = await engines.GetAsync(null, new SynchronousProgress<double>(f => bar.Draw(f, "downloading the model files")), ct);
            Console.Error.WriteLine($"engine: {engines.Describe(null)}");
            var run = await provider.GetRequiredService<ScreenshotToCodeWorkflow>().RunAsync(request, chat, bar, ct);
            bar.Done();

            foreach (var r in run.Rounds)
            {
                var score = r.Score is { } s ? s.Total.ToString("0.0", CultureInfo.InvariantCulture) : "  –  ";
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {r.Round} {r.Kind,-8} score {score}{(r.Round == run.BestRound && run.Code is not null ? "  ← best" : "")}{(r.Note is null ? "" : "  (" + r.Note + ")")}"));
            }
            if (run.Code is null)
            {
                Console.Error.WriteLine($"glm-mcp: {run.NoCodeReason}");
                return ExitCodes.Different;
            }
            if (run.Cancelled)
                Console.Error.WriteLine("cancelled: keeping the best version so far");
            foreach (var file in run.WrittenFiles ?? [])
                Console.Error.WriteLine($"wrote {file}");
            if (run.WrittenPath is { } written)
                Console.Error.WriteLine($"wrote {written} (session {run.SessionId}, score {run.Score!.Total.ToString("0.0", CultureInfo.InvariantCulture)})");
            else if (run.WrittenFiles is null)
                Console.Out.Write(run.Code); // stdout-ok: CLI verb output, never under serve
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>How <c>screenshot_to_code</c>'s messages are spelled here.</summary>
    private static readonly OptionNames Names = new(
        ("image", "SCREENSHOT"), ("instructions", "--instructions"), ("stack", "--stack"), ("width", "--width"), ("height", "--height"),
        ("device_scale_factor", "--scale"), ("max_rounds", "--rounds"), ("target_score", "--target-score"), ("output_path", "--output"), ("output_dir", "--output-dir"));

    /// <summary>A one-line bar on stderr, redrawn in place on a terminal and printed once per phase when redirected.</summary>
    private sealed class ProgressBar(TextWriter writer) : IProgress<WorkflowProgress>, IDisposable
    {
        private const int Width = 30;
        private readonly bool _interactive = !Console.IsErrorRedirected;
        private string? _lastMessage;

        public void Report(WorkflowProgress value) => Draw(value.Steps == 0 ? 0 : (double)value.Step / value.Steps, value.Message);

        public void Draw(double fraction, string message)
        {
            if (!_interactive)
            {
                if (message != _lastMessage)
                    writer.WriteLine(message);
                _lastMessage = message;
                return;
            }
            var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * Width);
            var line = string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('-', Width - filled)}] {fraction * 100,3:0}% {message}");
            writer.Write("\r" + line.PadRight(Math.Clamp(Console.BufferWidth - 1, 40, 120)));
            _lastMessage = message;
        }

        public void Done()
        {
            if (_interactive && _lastMessage is not null)
                writer.WriteLine();
            _lastMessage = null;
        }

        public void Dispose() => Done();
    }
}
