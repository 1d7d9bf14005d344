using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GlmMcp.Core;

namespace GlmMcp.Bench.Verbs;

/// <summary>
/// A bare MCP client over stdio for the benchmarks: starts a server process, does the handshake, and times requests
/// from writing the line to reading the answer with the same id, as an IDE sees them. Raw JSON lines, no SDK, so
/// both servers (ours and the node anchors) pay for exactly the same client. Requests may overlap: one reader hands
/// each answer to the request with its id.
/// </summary>
internal sealed class StdioMcpProbe : IAsyncDisposable
{
    private static readonly TimeSpan _answerTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _name;
    private readonly Stopwatch _sinceStart;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<JsonNode>> _pending = new();
    private readonly Task _reader;
    private int _nextId;

    private StdioMcpProbe(Process process, string name, Stopwatch sinceStart)
    {
        _process = process;
        _name = name;
        _sinceStart = sinceStart;
        _reader = Task.Run(ReadAnswersAsync);
    }

    /// <summary>The server's process id (its Chromium runs below it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>CPU time the server process has used so far, all threads.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
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
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var answer = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = int.Parse(id, CultureInfo.InvariantCulture), ["method"] = method, ["params"] = parameters }, ct);
            var message = await answer.Task.WaitAsync(_answerTimeout, ct);
            return message["result"] ?? throw new UserInputException($"{_name} answered {method} with an error: {message["error"]?.ToJsonString()}");
        }
        catch (TimeoutException)
        {
            throw new UserInputException($"{_name} did not answer {method} within {_answerTimeout.TotalSeconds:0} s.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Reads the server's output to its end, handing each answer to the request waiting for its id.</summary>
    private async Task ReadAnswersAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                JsonNode? message;
                try
                {
                    message = JsonNode.Parse(line);
                }
                catch (JsonException)
                {
                    continue;
                }
                if (message?["id"] is JsonValue answerId && _pending.TryGetValue(answerId.ToString(), out var waiting))
                    waiting.TrySetResult(message);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process went away; the waiting requests fail below.
        }
        foreach (var waiting in _pending.Values)
            waiting.TrySetException(new UserInputException($"{_name} closed its output before answering."));
    }

    private async Task WriteAsync(JsonObject message, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            await _process.StandardInput.WriteLineAsync(message.ToJsonString().AsMemory(), ct);
            await _process.StandardInput.FlushAsync(ct);
        }
        finally
        {
            _writeGate.Release();
        }
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
        await _reader;
        _process.Dispose();
        _writeGate.Dispose();
    }
}
