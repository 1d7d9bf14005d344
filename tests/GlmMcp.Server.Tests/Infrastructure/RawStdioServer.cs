using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace GlmMcp.Server.Tests.Infrastructure;

/// <summary>
/// The real <c>glm-mcp</c> process over stdio, spoken to line by line without an MCP client: for what a client
/// library would never send (requests before <c>initialize</c>, oversized lines).
/// </summary>
public sealed class RawStdioServer : IAsyncDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly TempFolder _folder;
    private readonly StringBuilder _stderr = new();

    private RawStdioServer(Process process, TempFolder folder)
    {
        _process = process;
        _folder = folder;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
                _stderr.AppendLine(e.Data);
        };
        _process.BeginErrorReadLine();
    }

    public int ProcessId => _process.Id;

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public static RawStdioServer Start(IDictionary<string, string>? environment = null)
    {
        var folder = new TempFolder();
        var info = new ProcessStartInfo(ServerBinary.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder.Path,
        };
        info.ArgumentList.Add("serve");
        // These tests never render: no Chromium is started behind them.
        info.ArgumentList.Add("--prelaunch");
        info.ArgumentList.Add("false");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        return new RawStdioServer(Process.Start(info)!, folder);
    }

    /// <summary>Sends <c>initialize</c> and <c>notifications/initialized</c> and waits for the answer.</summary>
    public async Task InitializeAsync()
    {
        await SendAsync("""{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        using var answer = await ReadAnswerAsync("\"init\"");
        Assert.True(answer.RootElement.TryGetProperty("result", out _), answer.RootElement.GetRawText());
        await SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line);
        await _process.StandardInput.WriteAsync('\n');
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Writes <paramref name="prefix"/>, then <paramref name="fillBytes"/> of 'A', then <paramref name="suffix"/> and a newline, in pieces.</summary>
    public async Task SendLargeAsync(string prefix, long fillBytes, string suffix)
    {
        var stream = _process.StandardInput.BaseStream;
        await stream.WriteAsync(Encoding.UTF8.GetBytes(prefix));
        var piece = new byte[1 << 20];
        Array.Fill(piece, (byte)'A');
        for (var left = fillBytes; left > 0; left -= piece.Length)
            await stream.WriteAsync(piece.AsMemory(0, (int)Math.Min(piece.Length, left)));
        await stream.WriteAsync(Encoding.UTF8.GetBytes(suffix + "\n"));
        await stream.FlushAsync();
    }

    /// <summary>Writes <paramref name="parts"/> one after another, then a newline: one message of raw UTF-8 bytes.</summary>
    public async Task SendBytesAsync(params ReadOnlyMemory<byte>[] parts)
    {
        var stream = _process.StandardInput.BaseStream;
        foreach (var part in parts)
            await stream.WriteAsync(part);
        await stream.WriteAsync("\n"u8.ToArray());
        await stream.FlushAsync();
    }

    /// <summary>The next answer whose id is <paramref name="idJson"/> (as JSON: <c>7</c> or <c>"seven"</c>); other lines are skipped.</summary>
    public async Task<JsonDocument> ReadAnswerAsync(string idJson)
    {
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("id", out var id) && id.GetRawText() == idJson)
                return json;
            json.Dispose();
        }
        throw new InvalidOperationException($"The server closed stdout before answering {idJson}. Stderr: {Stderr}");
    }

    /// <summary>The error of the answer with <paramref name="idJson"/>: its code and message; fails when it is a result.</summary>
    public async Task<(int Code, string Message)> ReadErrorAsync(string idJson)
    {
        using var answer = await ReadAnswerAsync(idJson);
        Assert.True(answer.RootElement.TryGetProperty("error", out var error), answer.RootElement.GetRawText());
        return (error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString()!);
    }

    /// <summary>The peak resident memory of the server so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => StatusBytes("VmHWM:");

    private long StatusBytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The resident memory of the server now (VmRSS), in bytes.</summary>
    public long ResidentBytes() => StatusBytes("VmRSS:");

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        _folder.Dispose();
    }
}
