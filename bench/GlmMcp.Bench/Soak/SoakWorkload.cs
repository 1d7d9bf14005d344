using System.Diagnostics;
using GlmMcp.Bench.Micro;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace GlmMcp.Bench.Soak;

/// <summary>
/// The mixed calls of the soak run and how each one ended: renders (plain, reaching out to loopback by every web API,
/// looping forever, from a file), diffs (good and outside the roots), and describe_image against the misbehaving model
/// server. A call ends well when it answers, or when it fails with a clear tool error where failing is expected; a
/// generic error, a transport failure or a call that outlives <see cref="CallTimeout"/> is a failure.
/// </summary>
internal sealed class SoakWorkload
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The SDK's text when a tool throws something the server did not turn into a clear error.</summary>
    private const string GenericError = "An error occurred invoking";

    private readonly List<(string Name, string Tool, Dictionary<string, object?> Arguments, bool MayFail)> _calls;
    private readonly List<SoakCall> _results = [];
    private readonly Lock _gate = new();
    private int _next;

    public SoakWorkload(string folder, string loopbackUrl)
    {
        var (before, after) = ScreenshotPair.Png(1280, 800);
        var beforePath = Path.Join(folder, "before.png");
        var afterPath = Path.Join(folder, "after.png");
        File.WriteAllBytes(beforePath, before);
        File.WriteAllBytes(afterPath, after);
        var pagePath = Path.Join(folder, "page.html");
        File.WriteAllText(pagePath, "<!doctype html><link rel=stylesheet href=style.css><h1>Soak</h1><p>A page from a file.</p>");
        File.WriteAllText(Path.Join(folder, "style.css"), "h1 { color: #1e293b; font: 600 32px sans-serif; }");
        var reachOut =
            "<!doctype html><h1>Reaching out</h1><script>" +
            $"try {{ new WebSocket('ws://{loopbackUrl}/ws'); }} catch (e) {{}}" +
            $"fetch('http://{loopbackUrl}/fetch').catch(() => {{}});" +
            $"navigator.sendBeacon && navigator.sendBeacon('http://{loopbackUrl}/beacon', 'x');" +
            $"try {{ new EventSource('http://{loopbackUrl}/events'); }} catch (e) {{}}" +
            $"</script><link rel=prefetch href='http://{loopbackUrl}/prefetch'><img src='http://{loopbackUrl}/img.png'>";
        _calls =
        [
            ("render html", "render_page", new() { ["html"] = "<!doctype html><h1 style='font:32px sans-serif'>Hello</h1><p>Soak test page.</p>", ["width"] = 800, ["height"] = 600 }, false),
            ("render reaching out", "render_page", new() { ["html"] = reachOut, ["width"] = 640, ["height"] = 480 }, false),
            ("render file", "render_page", new() { ["path"] = pagePath, ["width"] = 800, ["height"] = 600 }, false),
            ("visual_diff", "visual_diff", new() { ["before"] = beforePath, ["after"] = afterPath }, false),
            ("describe_image (misbehaving model)", "describe_image", new() { ["image"] = beforePath, ["prompt"] = "What is on this page?" }, true),
            ("render html", "render_page", new() { ["html"] = "<!doctype html><div style='display:grid;grid-template-columns:repeat(4,1fr);gap:16px'>" + string.Concat(Enumerable.Repeat("<div style='height:120px;background:#e2e8f0;border-radius:12px'></div>", 8)) + "</div>" }, false),
            ("visual_diff outside roots", "visual_diff", new() { ["before"] = "/etc/hostname", ["after"] = afterPath }, true),
            ("render looping page", "render_page", new() { ["html"] = "<script>while (true) {}</script>" }, true),
            ("visual_diff", "visual_diff", new() { ["before"] = afterPath, ["after"] = beforePath, ["diff_image"] = "mask" }, false),
            ("describe_image (misbehaving model)", "describe_image", new() { ["image"] = afterPath, ["mode"] = "ocr" }, true),
        ];
    }

    public IReadOnlyList<SoakCall> Results
    {
        get
        {
            lock (_gate)
                return [.. _results];
        }
    }

    /// <summary>Runs the next call of the mix (round-robin) on <paramref name="client"/> and records how it ended.</summary>
    public async Task RunNextAsync(string phase, McpClient client, CancellationToken ct, bool mayFailAnyway = false)
    {
        var (name, tool, arguments, mayFail) = _calls[(Interlocked.Increment(ref _next) - 1) % _calls.Count];
        var watch = Stopwatch.StartNew();
        string outcome;
        string? detail = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CallTimeout);
        try
        {
            var result = await client.CallToolAsync(tool, arguments, cancellationToken: timeout.Token);
            var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
            if (result.IsError != true)
                outcome = SoakCall.Ok;
            else if (text.Contains(GenericError, StringComparison.Ordinal))
                (outcome, detail) = (SoakCall.Failed, "generic error: " + Shorten(text));
            else if (IsLoadShedding(text))
                (outcome, detail) = (SoakCall.Busy, Shorten(text));
            else if (mayFail || mayFailAnyway)
                (outcome, detail) = (SoakCall.ClearError, Shorten(text));
            else
                (outcome, detail) = (SoakCall.Failed, "unexpected tool error: " + Shorten(text));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            (outcome, detail) = (SoakCall.Failed, $"no answer within {CallTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is McpException or HttpRequestException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            (outcome, detail) = mayFailAnyway ? (SoakCall.ClearError, Shorten(e.Message)) : (SoakCall.Failed, e.GetType().Name + ": " + Shorten(e.Message));
        }
        lock (_gate)
            _results.Add(new SoakCall(phase, name, watch.Elapsed.TotalMilliseconds, outcome, detail));
    }

    /// <summary>A clear "busy, try again" refusal: the bounded queue shedding load, by design under a burst.</summary>
    private static bool IsLoadShedding(string text) =>
        text.Contains("busy", StringComparison.OrdinalIgnoreCase) &&
        (text.Contains("try again", StringComparison.OrdinalIgnoreCase) || text.Contains("retry in", StringComparison.OrdinalIgnoreCase));

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
