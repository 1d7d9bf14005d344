using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GlmMcp.Bench.Soak;

/// <summary>
/// An OpenAI-compatible chat endpoint on loopback that misbehaves in turn: a good answer, a good streamed answer, a 500,
/// malformed JSON, an empty 200, a 429 asking to retry in an hour, and a stream that stalls after its headers. The
/// soak run points the server's <c>openai</c> engine at it; every call must end in an answer or a clear error.
/// </summary>
internal sealed class MisbehavingModelServer : IAsyncDisposable
{
    public static readonly string[] Modes = ["ok", "ok-stream", "500", "malformed", "empty-200", "429-hour", "stall"];

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    private MisbehavingModelServer(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    public static MisbehavingModelServer Start()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new MisbehavingModelServer(port);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var mode = Modes[(Interlocked.Increment(ref _requests) - 1) % Modes.Length];
        var response = context.Response;
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream))
                body = await reader.ReadToEndAsync(_stop.Token);
            var streamed = body.Replace(" ", "", StringComparison.Ordinal).Contains("\"stream\":true", StringComparison.Ordinal);
            switch (mode)
            {
                case "ok" or "ok-stream" when streamed:
                    response.ContentType = "text/event-stream";
                    await WriteAsync(response,
                        "data: {\"id\":\"1\",\"object\":\"chat.completion.chunk\",\"model\":\"glm-4.6v\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"A page with a header\"}}]}\n\n" +
                        "data: {\"id\":\"1\",\"object\":\"chat.completion.chunk\",\"model\":\"glm-4.6v\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" and four cards.\"},\"finish_reason\":\"stop\"}]}\n\n" +
                        "data: [DONE]\n\n");
                    break;
                case "ok":
                case "ok-stream":
                    response.ContentType = "application/json";
                    await WriteAsync(response, """{"id":"1","object":"chat.completion","model":"glm-4.6v","choices":[{"index":0,"message":{"role":"assistant","content":"A page with a header and four cards."},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":8,"total_tokens":18}}""");
                    break;
                case "500":
                    response.StatusCode = 500;
                    await WriteAsync(response, """{"error":{"message":"CUDA out of memory"}}""");
                    break;
                case "malformed":
                    response.ContentType = "application/json";
                    await WriteAsync(response, """{"id":"1","choices":[{"message":{"content":"cut""");
                    break;
                case "empty-200":
                    response.ContentType = "application/json";
                    response.Close();
                    break;
                case "429-hour":
                    response.StatusCode = 429;
                    response.AddHeader("Retry-After", "3600");
                    await WriteAsync(response, """{"error":{"message":"rate limited"}}""");
                    break;
                default:
                    // Headers, one chunk, then nothing until the run ends.
                    response.ContentType = "text/event-stream";
                    response.SendChunked = true;
                    var first = Encoding.UTF8.GetBytes("data: {\"id\":\"1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}\n\n");
                    await response.OutputStream.WriteAsync(first, _stop.Token);
                    await response.OutputStream.FlushAsync(_stop.Token);
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                    break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up or the run ended.
        }
    }

    private async Task WriteAsync(HttpListenerResponse response, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes, _stop.Token);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
