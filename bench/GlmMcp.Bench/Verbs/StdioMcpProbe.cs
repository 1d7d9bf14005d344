using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GlmMcp.Core;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// A bare MCP client over stdio for the benchmarks: starts a server process, does the handshake, and times requests
/// from writing the line to reading the answer with the same id, as an IDE sees them. Raw JSON lines, no SDK, so
/// both servers (ours and the node anchors) pay for exactly the same client.
/// </summary>
internal sealed class StdioMcpProbe : IAsyncDisposable
{
    private static readonly TimeSpan _answerTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _name;
    private readonly Stopwatch _sinceStart;
    private int _nextId;

    private StdioMcpProbe(Process process, string name, Stopwatch sinceStart)
    {
        _process = process;
        _name = name;
        _sinceStart = sinceStart;
    }

    /// <summary>Milliseconds since the process was started.</summary>
    public double SinceStartMs => _sinceStart.Elapsed.TotalMilliseconds;

    /// <summary>Milliseconds from starting the process to the <c>initialize</c> answer.</summary>
    public double InitializeMs { get; private set; }

    /// <summary>Starts <paramref name="file"/> and completes the handshake (<c>initialize</c>, then <c>notifications/initialized</c>).</summary>
    public static async Task<StdioMcpProbe> StartAsync(string file, IEnumerable<string> args, IDictionary<string, string> env, string? workingDirectory, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in env)
            info.Environment[key] = value;
        var watch = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new UserInputException($"Could not start {file}.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var probe = new StdioMcpProbe(process, Path.GetFileName(file) + " " + string.Join(' ', args.Take(1)), watch);
        try
        {
            await probe.RequestAsync("initialize", new JsonObject
            {
                ["protocolVersion"] = "2025-06-18",
                ["capabilities"] = new JsonObject(),
                ["clientInfo"] = new JsonObject { ["name"] = "glm-mcp-bench", ["version"] = "1" },
            }, ct);
            probe.InitializeMs = watch.Elapsed.TotalMilliseconds;
            await probe.WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" }, ct);
            return probe;
        }
        catch
        {
            await probe.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls tool <paramref name="name"/>; returns the milliseconds to its answer. A tool error is an exception.</summary>
    public async Task<double> TimeToolAsync(string name, JsonObject arguments, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var result = await RequestAsync("tools/call", new JsonObject { ["name"] = name, ["arguments"] = arguments }, ct);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (result["isError"]?.GetValue<bool>() == true)
            throw new UserInputException($"{_name}: {name} failed: {result["content"]?.ToJsonString()}");
        return elapsed;
    }

    /// <summary>Sends a request and returns its <c>result</c>; notifications and other ids in between are skipped.</summary>
    public async Task<JsonNode> RequestAsync(string method, JsonObject parameters, CancellationToken ct)
    {
        var id = ++_nextId;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_answerTimeout);
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                       ?? throw new UserInputException($"{_name} closed its output before answering {method}.");
            JsonNode? message;
            try
            {
                message = JsonNode.Parse(line);
            }
            catch (JsonException)
            {
                continue;
            }
            if (message?["id"] is not JsonValue answerId || answerId.ToString() != id.ToString(CultureInfo.InvariantCulture))
                continue;
            return message["result"] ?? throw new UserInputException($"{_name} answered {method} with an error: {message["error"]?.ToJsonString()}");
        }
    }

    private async Task WriteAsync(JsonObject message, CancellationToken ct)
    {
        await _process.StandardInput.WriteLineAsync(message.ToJsonString().AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(exit.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
