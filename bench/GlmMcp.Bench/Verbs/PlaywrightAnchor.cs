using System.Diagnostics;
using System.Globalization;
using GlmMcp.Core;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// The Playwright anchor process (<c>bench/anchors/render-anchor.mjs</c>): one node process with a warm page, timed
/// one render per command so the benchmark can alternate it with ours.
/// </summary>
internal sealed class PlaywrightAnchor : IAsyncDisposable
{
    private static readonly TimeSpan _answerTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _page;

    private PlaywrightAnchor(Process process, string page)
    {
        _process = process;
        _page = page;
    }

    public static async Task<PlaywrightAnchor> StartAsync(string script, string chromium, string pageTemplate, CancellationToken ct)
    {
        var page = Path.Join(Path.GetTempPath(), $"glm-mcp-bench-{Environment.ProcessId}.html");
        await File.WriteAllTextAsync(page, pageTemplate, ct);
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { script, page, chromium })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new UserInputException("Could not start node for the Playwright anchor.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var anchor = new PlaywrightAnchor(process, page);
        var ready = await anchor.ReadLineAsync(ct);
        if (ready != "ready")
        {
            await anchor.DisposeAsync();
            throw new UserInputException($"The Playwright anchor did not start (got: {ready ?? "end of output"}); run `npm install --prefix bench/anchors`.");
        }
        return anchor;
    }

    /// <summary>Runs <c>warm N</c> or <c>cold N</c> and returns the milliseconds the anchor measured.</summary>
    public async Task<double> TimeAsync(string kind, int n, CancellationToken ct)
    {
        await _process.StandardInput.WriteLineAsync($"{kind} {n.ToString(CultureInfo.InvariantCulture)}".AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
        var answer = await ReadLineAsync(ct);
        return double.TryParse(answer, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            ? ms
            : throw new UserInputException($"The Playwright anchor failed on '{kind} {n}' (got: {answer ?? "end of output"}).");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                _process.StandardInput.Close();
                if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                    _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
            File.Delete(_page);
        }
    }

    private async Task<string?> ReadLineAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_answerTimeout);
        return await _process.StandardOutput.ReadLineAsync(timeout.Token);
    }
}
