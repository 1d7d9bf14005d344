using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using GlmMcp.Core.Imaging;
using GlmMcp.Core.Rendering;
using GlmMcp.Core.Security;
using GlmMcp.Server.Cli;
using GlmMcp.Testing;
using Microsoft.Extensions.Configuration;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// <c>glm-mcp-bench png</c>: the bytes of the images a client gets back, beside Playwright MCP's screenshot of the
/// same page at the same viewport from the same run (<c>@playwright/mcp</c> under <c>bench/anchors</c>): our
/// <c>render_page</c> result over stdio (1280×800, 1920×1080, 4000×4000 at scale 2), the CDP screenshot re-encoded by
/// our PNG encoder (decode and encode times), and the <c>visual_diff</c> overlay of two revisions of the page at
/// 1920×1080 and 3840×2160 (encode time).
/// </summary>
internal static class BenchPngCommand
{
    private const string PlaywrightMcpCli = "node_modules/@playwright/mcp/cli.js";

    private static readonly (int Width, int Height, double Scale)[] _renders = [(1280, 800, 1), (1920, 1080, 1), (4000, 4000, 2)];
    private static readonly (int Width, int Height)[] _overlays = [(1920, 1080), (3840, 2160)];

    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Timed encodes per image (after one warm-up).", DefaultValueFactory = _ => 10 };
        var anchors = new Option<DirectoryInfo?>("--anchors") { Description = "Folder with node_modules/@playwright/mcp (default: bench/anchors of this checkout)." };
        var command = new Command("png", "Bytes of returned images (render_page, visual_diff overlay) and PNG encode times, beside Playwright MCP's screenshot bytes.");
        command.Options.Add(runs);
        command.Options.Add(anchors);
        ServerSettings.AddTo(command, ServerSettings.Shared);
        command.SetAction((result, ct) => VerbRunner.RunAsync(async () =>
        {
            var configuration = ServerSettings.Build(result, ServerSettings.Shared);
            var options = configuration.GetSection(RenderingOptions.Section).Get<RenderingOptions>() ?? new RenderingOptions();
            var chromium = ChromiumLocator.Locate(options);
            var count = Math.Max(1, result.GetValue(runs));
            var anchorFolder = result.GetValue(anchors)?.FullName ?? BenchPaths.FindCheckoutAnchors();
            var playwrightMcp = anchorFolder is null ? null : Path.Join(anchorFolder, PlaywrightMcpCli);
            if (!File.Exists(playwrightMcp))
                playwrightMcp = null;
            using var folder = new TempFolder();
            var report = new BenchReport($"PNG bytes and encode times, Chromium {chromium}; {Environment.ProcessorCount} cores, load {LoadAverage()}");
            var lines = new List<string>();
            var decoder = new ImageDecoder(new ImagingOptions { MaxMegapixels = 100 });

            await using (var renderer = new PageRenderer(options, new UrlPolicy([])))
            {
                foreach (var (width, height, scale) in _renders)
                {
                    var size = $"{width}×{height}" + (scale == 1 ? "" : $"@{scale}");
                    var anchorBytes = playwrightMcp is null || scale != 1 ? (int?)null : await PlaywrightMcpScreenshotAsync(playwrightMcp, chromium, folder, width, height, ct);
                    var returned = await RenderPageOverStdioAsync(chromium, folder, width, height, scale, ct);
                    var shot = await renderer.RenderAsync(new RenderRequest { Html = BenchPage.Html(1), Width = width, Height = height, DeviceScaleFactor = scale }, ct);
                    var image = decoder.Decode(shot.Image, "screenshot");
                    var encoded = TimeEncode(report, $"render {size}: decode CDP screenshot", $"render {size}: encode (ours)", shot.Image, image, decoder, count);
                    lines.Add($"render {size}: Playwright MCP {Bytes(anchorBytes)}; render_page returned {Bytes(returned.Bytes)} {returned.Width}×{returned.Height}{Ratio(returned.Bytes, anchorBytes)}; " +
                              $"CDP screenshot {Bytes(shot.Image.Length)}{Ratio(shot.Image.Length, anchorBytes)}; re-encoded by ours {Bytes(encoded)}{Ratio(encoded, anchorBytes)}");
                }

                foreach (var (width, height) in _overlays)
                {
                    var size = $"{width}×{height}";
                    var anchorBytes = playwrightMcp is null ? (int?)null : await PlaywrightMcpScreenshotAsync(playwrightMcp, chromium, folder, width, height, ct);
                    var before = decoder.Decode((await renderer.RenderAsync(new RenderRequest { Html = BenchPage.Html(1), Width = width, Height = height }, ct)).Image, "before");
                    var after = decoder.Decode((await renderer.RenderAsync(new RenderRequest { Html = BenchPage.Html(22), Width = width, Height = height }, ct)).Image, "after");
                    using var map = PixelmatchComparer.Compare(before, after, 0.1, includeAntialiasing: false, new PixelRect(0, 0, width, height), []);
                    var (regions, _) = RegionFinder.Find(map, mergeDistance: 16, maxRegions: 20);
                    var png = Array.Empty<byte>();
                    for (var i = 0; i <= count; i++)
                    {
                        var (wall, cpu) = Measure(() =>
                        {
                            using var picture = DiffImageRenderer.Render(before, map, regions, DiffImageKind.Overlay);
                            png = PngWriter.EncodeIndexed(picture);
                        });
                        if (i == 0)
                            continue;
                        report.Add($"visual_diff {size}: overlay draw + encode (ours)", wall);
                        report.Add($"visual_diff {size}: overlay draw + encode, CPU all threads", cpu);
                    }
                    lines.Add($"visual_diff {size} ({map.ChangedPixels} changed): overlay {Bytes(png.Length)}{Ratio(png.Length, anchorBytes)} of Playwright MCP's screenshot of the page ({Bytes(anchorBytes)})");
                }
            }

            report.Print(Console.Out); // stdout-ok: CLI verb output, never under serve
            foreach (var line in lines)
                Console.Out.WriteLine(line); // stdout-ok: CLI verb output, never under serve
            if (playwrightMcp is null)
                Console.Out.WriteLine("Playwright MCP not measured: run `npm install --prefix bench/anchors` to install @playwright/mcp"); // stdout-ok: CLI verb output
            Console.Out.WriteLine("goal (issue 12): returned PNGs ≤ 0.8× Playwright MCP's bytes at no more encode time than before"); // stdout-ok: CLI verb output
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Times decoding the CDP screenshot and encoding it with our encoder (wall and CPU); returns the encoded length.</summary>
    private static int TimeEncode(BenchReport report, string decodeRow, string encodeRow, byte[] png, RgbaImage image, ImageDecoder decoder, int runs)
    {
        var length = ImageEncoder.EncodePng(image).Length;
        for (var i = 0; i < runs; i++)
        {
            var (wall, cpu) = Measure(() => decoder.Decode(png, "screenshot"));
            report.Add(decodeRow, wall);
            report.Add(decodeRow + ", CPU", cpu);
            (wall, cpu) = Measure(() => ImageEncoder.EncodePng(image));
            report.Add(encodeRow, wall);
            report.Add(encodeRow + ", CPU all threads", cpu);
        }
        return length;
    }

    /// <summary>Wall and process CPU milliseconds of <paramref name="action"/>; CPU time is the fairer figure on a busy machine.</summary>
    private static (double Wall, double Cpu) Measure(Action action)
    {
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpu = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        var wall = watch.Elapsed.TotalMilliseconds;
        self.Refresh();
        return (wall, (self.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    /// <summary>Playwright MCP at the given viewport: navigate to the page, take a PNG screenshot, return its bytes.</summary>
    private static async Task<int> PlaywrightMcpScreenshotAsync(string cli, string chromium, TempFolder folder, int width, int height, CancellationToken ct)
    {
        var page = folder.File("page.html");
        await File.WriteAllTextAsync(page, BenchPage.Html(1), ct);
        string[] args = [cli, "--headless", "--isolated", "--no-sandbox", "--executable-path", chromium,
            "--viewport-size", $"{width}x{height}", "--allow-unrestricted-file-access", "--output-dir", folder.Path];
        await using var anchor = await StdioMcpProbe.StartAsync("node", args, new Dictionary<string, string>(), folder.Path, ct);
        await anchor.RequestAsync("tools/call", new JsonObject { ["name"] = "browser_navigate", ["arguments"] = new JsonObject { ["url"] = new Uri(page).AbsoluteUri } }, ct);
        var shot = await anchor.RequestAsync("tools/call", new JsonObject { ["name"] = "browser_take_screenshot", ["arguments"] = new JsonObject { ["type"] = "png" } }, ct);
        return ImageOf(shot).Length;
    }

    /// <summary>Our server over stdio: one <c>render_page</c> call; the returned image's bytes and size.</summary>
    private static async Task<(int Bytes, int Width, int Height)> RenderPageOverStdioAsync(string chromium, TempFolder folder, int width, int height, double scale, CancellationToken ct)
    {
        await using var ours = await StdioMcpProbe.StartAsync(BenchPaths.ServerExecutable, ["serve", "--chromium", chromium], new Dictionary<string, string>(), folder.Path, ct);
        var arguments = new JsonObject { ["html"] = BenchPage.Html(1), ["width"] = width, ["height"] = height, ["device_scale_factor"] = scale, ["format"] = "png" };
        var result = await ours.RequestAsync("tools/call", new JsonObject { ["name"] = "render_page", ["arguments"] = arguments }, ct);
        var png = ImageOf(result);
        var (_, imageWidth, imageHeight) = ImageHeader.Read(png);
        return (png.Length, imageWidth, imageHeight);
    }

    private static byte[] ImageOf(JsonNode result) =>
        Convert.FromBase64String(result["content"]!.AsArray().First(c => c?["type"]?.GetValue<string>() == "image")!["data"]!.GetValue<string>());

    private static string Bytes(int? bytes) => bytes is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) + " B" : "not measured";

    private static string Ratio(int bytes, int? anchor) => anchor is { } a ? $" ({(double)bytes / a:0.00}×)" : "";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
