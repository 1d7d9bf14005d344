using LLama.Native;
using Microsoft.Extensions.Logging;

namespace GlmMcp.Inference.Local;

/// <summary>
/// Routes llama.cpp's and mtmd's native log to an <see cref="ILogger"/>. Without this the native library prints to
/// stdout, which corrupts the MCP stdio transport.
/// </summary>
internal static class LlamaNativeLog
{
    private static readonly Lock Gate = new();
    private static ILogger? _logger;

    [ThreadStatic]
    private static List<string>? _capture;

    /// <summary>The last error llama.cpp logged (it names, e.g., a missing tensor when a load fails).</summary>
    public static string? LastError { get; private set; }

    public static void RedirectTo(ILogger logger)
    {
        lock (Gate)
        {
            if (_logger is not null)
                return;
            _logger = logger;
            NativeLogConfig.llama_log_set(Forward);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> and returns the errors llama.cpp logged on this thread meanwhile (native calls
    /// log synchronously on the calling thread).
    /// </summary>
    public static IReadOnlyList<string> CaptureErrors(Action action)
    {
        var previous = _capture;
        _capture = [];
        try
        {
            action();
            return _capture;
        }
        finally
        {
            _capture = previous;
        }
    }

    private static void Forward(LLamaLogLevel level, string message)
    {
        if (string.IsNullOrWhiteSpace(message))
            return;
        if (level == LLamaLogLevel.Error)
        {
            LastError = message.Trim();
            _capture?.Add(LastError);
        }

        var logger = _logger;
        if (logger is null)
            return;
        var mapped = level switch
        {
            LLamaLogLevel.Error => LogLevel.Error,
            LLamaLogLevel.Warning => LogLevel.Warning,
            LLamaLogLevel.Info => LogLevel.Debug,
            _ => LogLevel.Trace,
        };
        logger.Log(mapped, "llama.cpp: {Message}", message.TrimEnd());
    }
}
