using System.Diagnostics;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;

namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>
/// The real <c>glm-mcp serve --http --port 0</c> process; <see cref="BaseUri"/> is read from its stderr. Tests that never
/// render pass <c>--prelaunch false</c>, so no Chromium starts behind them.
/// </summary>
public sealed partial class HttpServer : IAsyncDisposable
{
    private readonly Process _process;

    private HttpServer(Process process, Uri baseUri, TempFolder folder)
    {
        _process = process;
        BaseUri = baseUri;
        WorkingDirectory = folder;
    }

    public Uri BaseUri { get; }

    public TempFolder WorkingDirectory { get; }

    public int ProcessId => _process.Id;

    public static async Task<HttpServer> StartAsync(params string[] args)
    {
        var folder = new TempFolder();
        var info = new ProcessStartInfo(ServerBinary.Path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        foreach (var arg in (string[])["serve", "--http", "--port", "0", .. args])
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("glm-mcp exited before listening: " + string.Join("\n", stderr)));
                return;
            }
            lock (stderr) stderr.Add(e.Data);
            var match = ListeningLine().Match(e.Data);
            if (match.Success)
                listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.BeginErrorReadLine();
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var uri = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new HttpServer(process, uri, folder);
    }

    public Task<McpClient> ConnectAsync(string path = "/mcp", IDictionary<string, string>? headers = null, HttpTransportMode mode = HttpTransportMode.StreamableHttp, McpClientOptions? clientOptions = null) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(BaseUri, path),
            TransportMode = mode,
            AdditionalHeaders = headers,
        }), clientOptions);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM-like shutdown first so the server closes its browser; kill only if it does not stop.
            _process.StandardInput.Close();
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
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
        WorkingDirectory.Dispose();
    }

    [GeneratedRegex(@"listening on (http://[^\s/]+(:\d+)?)")]
    private static partial Regex ListeningLine();
}
