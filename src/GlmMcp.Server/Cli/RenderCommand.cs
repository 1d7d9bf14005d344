using System.CommandLine;
using System.Text.Json;
using GlmMcp.Core;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Server.Contract;
using GlmMcp.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GlmMcp.Server.Cli;

/// <summary><c>glm-mcp render (--html-file F | --url U) --out shot.png</c>: the <c>render_page</c> tool from a shell.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var htmlFile = new Option<string?>("--html-file") { Description = "HTML file to render; files next to it (CSS, images) load too." };
        var url = new Option<string?>("--url") { Description = "URL to render: loopback (a local dev server) or a host allowed with --allow-host." };
        var output = new Option<string>("--out") { Description = "Image file to write (.png, or .jpg/.jpeg for JPEG).", Required = true };
        var width = new Option<int>("--width") { Description = ArgumentText.ViewportWidth, DefaultValueFactory = _ => 1280 };
        var height = new Option<int>("--height") { Description = ArgumentText.ViewportHeight, DefaultValueFactory = _ => 800 };
        var fullPage = new Option<bool>("--full-page") { Description = ArgumentText.FullPage };
        var scale = new Option<double>("--device-scale-factor") { Description = ArgumentText.DeviceScaleFactor, DefaultValueFactory = _ => 1 };
        var waitFor = new Option<int>("--wait-for-ms") { Description = ArgumentText.WaitForMs, DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print render_page's JSON (width, height, elapsedMs, blockedRequests, consoleErrors)." };

        var command = new Command("render", "Screenshot an HTML file or a local URL in headless Chromium (offline sandbox: blocked requests are listed).");
        foreach (var option in new Option[] { htmlFile, url, output, width, height, fullPage, scale, waitFor, json })
            command.Options.Add(option);
        ServerSettings.AddTo(command, ServerSettings.Shared);
        command.SetAction((result, ct) => VerbRunner.RunAsync(Names, async () =>
        {
            var file = result.GetValue(htmlFile);
            var address = result.GetValue(url);
            if ((file is null) == (address is null))
                throw new UserInputException("Give exactly one of --html-file or --url.");
            var outputFile = Path.GetFullPath(result.GetRequiredValue(output));
            var configuration = ServerSettings.Build(result, ServerSettings.Shared);
            var services = new ServiceCollection()
                .AddLogging(l => l.AddStderrConsole(configuration))
                .AddSecurity(configuration)
                .AddRendering(configuration);
            await using var provider = services.BuildServiceProvider();
            // The person at the shell chose this file: its folder is allowed besides the configured roots.
            var configured = provider.GetRequiredService<AllowedRoots>();
            var roots = file is null ? null : new AllowedRoots(configured.Roots.Append(Path.GetDirectoryName(Path.GetFullPath(file))!));
            var request = new RenderRequest
            {
                FilePath = file,
                Url = address,
                Roots = roots,
                Width = result.GetValue(width),
                Height = result.GetValue(height),
                FullPage = result.GetValue(fullPage),
                DeviceScaleFactor = result.GetValue(scale),
                WaitForMs = result.GetValue(waitFor),
                Format = FormatOf(outputFile),
            };
            var rendered = await provider.GetRequiredService<IPageRenderer>().RenderAsync(request, ct);
            await OutputFile.WriteAsync("--out", outputFile, () => File.WriteAllBytesAsync(outputFile, rendered.Image, ct));
            Console.WriteLine(result.GetValue(json) // stdout-ok: CLI verb output, never under serve
                ? ToolResults.Structured(RenderPageResult.From(rendered, null)).GetRawText()
                : Summary(rendered, outputFile));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>How <c>render_page</c>'s messages are spelled here.</summary>
    private static readonly OptionNames Names = new(
        ("path", "--html-file"), ("url", "--url"), ("width", "--width"), ("height", "--height"), ("full_page", "--full-page"),
        ("device_scale_factor", "--device-scale-factor"), ("wait_for_ms", "--wait-for-ms"));

    private static RenderFormat FormatOf(string outputFile) =>
        Path.GetExtension(outputFile).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => RenderFormat.Jpeg,
            ".png" => RenderFormat.Png,
            var other => throw new UserInputException($"--out must end in .png, .jpg or .jpeg (got '{other}')."),
        };

    private static string Summary(RenderResult result, string outputFile)
    {
        var lines = new List<string> { $"wrote {outputFile}: {result.Width}×{result.Height} {result.MimeType}, {result.ElapsedMs} ms" };
        lines.AddRange(result.BlockedRequests.Select(u => $"  blocked: {u}"));
        lines.AddRange(result.ConsoleErrors.Select(e => $"  console error: {e}"));
        return string.Join(Environment.NewLine, lines);
    }
}
