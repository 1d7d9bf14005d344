using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using GlmMcp.Core;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// odiff 4.5.0 in <c>--server</c> mode (from <c>npm install odiff-bin@4.5.0</c>): it prints <c>{"ready":true}</c>, then
/// answers one JSON request per stdin line (<c>{"requestId","base","compare","output","options"}</c>) with one
/// JSON line (<c>{"requestId","match","reason","diffCount","diffPercentage"}</c> or <c>{"error"}</c>).
/// </summary>
internal sealed class OdiffServer : IDisposable
{
    private readonly Process _process;
    private int _nextId;

    private OdiffServer(Process process)
    {
        _process = process;
    }

    /// <summary>CPU time the odiff process has used so far, all threads.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The odiff binary under an anchors folder's node_modules, or null when it is not installed.</summary>
    public static string? Find(string? anchorsFolder)
    {
        if (anchorsFolder is null)
            return null;
        var candidates = new[]
        {
            Path.Join(anchorsFolder, "node_modules", "@odiff", $"linux-{(Environment.Is64BitProcess ? "x64" : "x86")}", "odiff"),
            Path.Join(anchorsFolder, "node_modules", "odiff-bin", "bin", "odiff"),
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    public static async Task<OdiffServer> StartAsync(string binary, CancellationToken ct)
    {
        var info = new ProcessStartInfo(binary, "--server")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var process = Process.Start(info) ?? throw new UserInputException($"Could not start {binary}.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var server = new OdiffServer(process);
        var ready = await server.ReadLineAsync(ct);
        if (!ready.Contains("\"ready\":true", StringComparison.Ordinal))
            throw new UserInputException($"odiff --server did not report ready (got: {ready}).");
        return server;
    }

    /// <summary>Compares two files, writing the diff PNG; returns odiff's pixel count.</summary>
    public async Task<long> CompareAsync(string basePath, string comparePath, string output, double threshold, bool antialiasing, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["requestId"] = _nextId++,
            ["base"] = basePath,
            ["compare"] = comparePath,
            ["output"] = output,
            ["options"] = new JsonObject { ["threshold"] = threshold, ["antialiasing"] = antialiasing },
        };
        await _process.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
        var answer = JsonNode.Parse(await ReadLineAsync(ct))?.AsObject()
                     ?? throw new UserInputException("odiff sent an empty answer.");
        if (answer["error"] is { } error)
            throw new UserInputException($"odiff: {error}");
        return answer["diffCount"]?.GetValue<long>() ?? 0;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        return await _process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new UserInputException("odiff --server closed its output.");
    }
}
