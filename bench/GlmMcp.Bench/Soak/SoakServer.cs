using System.Diagnostics;
using System.Text.RegularExpressions;
using GlmMcp.Bench.Verbs;
using GlmMcp.Core;
using ModelContextProtocol.Client;

namespace GlmMcp.Bench.Soak;

/// <summary>A real <c>glm-mcp serve --http --port 0</c> process for the soak run; the address is read from its stderr.</summary>
internal sealed partial class SoakServer : IAsyncDisposable
{
    private readonly Process _process;

    private readonly List<string> _stderr;

    private SoakServer(Process process, Uri endpoint, List<string> stderr)
    {
        _process = process;
        Endpoint = endpoint;
        _stderr = stderr;
    }

    /// <summary>What the server logged as a failure (<c>fail:</c>/<c>crit:</c> with the lines that follow), for the report.</summary>
    public IReadOnlyList<string> LoggedFailures()
    {
        lock (_stderr)
        {
            var failures = new List<string>();
            for (var i = 0; i < _stderr.Count; i++)
                if (_stderr[i].StartsWith("fail:", StringComparison.Ordinal) || _stderr[i].StartsWith("crit:", StringComparison.Ordinal))
                    failures.Add(string.Join(" | ", _stderr.Skip(i).Take(4).Select(l => l.Trim())));
            return failures;
        }
    }

    public Uri Endpoint { get; }

    /// <summary>
    /// Settings of every server the soak starts: the misbehaving model server stalls a stream for ever and answers
    /// 500s, so the engine's timeouts and retry delay are short (seconds, not the product's minutes) — a soak call
    /// then ends in a clear error within the call timeout instead of waiting for it, and the phases stay short.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string>
    {
        ["GLM_MCP_Engine__OpenAi__Timeout"] = "00:00:20",
        ["GLM_MCP_Engine__OpenAi__IdleTimeout"] = "00:00:05",
        ["GLM_MCP_Engine__OpenAi__RetryDelay"] = "00:00:00.200",
        ["GLM_MCP_Engine__OpenAi__MaxRetryAfter"] = "00:00:01",
    };

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public static async Task<SoakServer> StartAsync(IEnumerable<string> arguments, string workingDirectory, CancellationToken ct)
    {
        var info = new ProcessStartInfo(BenchPaths.ServerExecutable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in Environment)
            info.Environment[key] = value;
        foreach (var argument in (string[])["serve", "--http", "--port", "0", .. arguments])
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new UserInputException("Could not start glm-mcp.");
        var errors = new List<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new UserInputException("glm-mcp exited before it listened."));
                return;
            }
            lock (errors)
                errors.Add(e.Data);
            var match = ListeningLine().Match(e.Data);
            if (match.Success)
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/mcp"));
        };
        process.BeginErrorReadLine();
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return new SoakServer(process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), ct), errors);
    }

    public Task<McpClient> ConnectAsync(CancellationToken ct) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = Endpoint, TransportMode = HttpTransportMode.StreamableHttp }),
            cancellationToken: ct);

    /// <summary>SIGKILL, as a crash or an OOM killer would.</summary>
    public void KillHard() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await term!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://[^\s/]+(:\d+)?)")]
    private static partial Regex ListeningLine();
}
