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

    private SoakServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

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
        foreach (var argument in (string[])["serve", "--http", "--port", "0", .. arguments])
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new UserInputException("Could not start glm-mcp.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new UserInputException("glm-mcp exited before it listened."));
                return;
            }
            var match = ListeningLine().Match(e.Data);
            if (match.Success)
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/mcp"));
        };
        process.BeginErrorReadLine();
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return new SoakServer(process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), ct));
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
