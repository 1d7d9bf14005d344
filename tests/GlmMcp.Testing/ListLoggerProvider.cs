using Microsoft.Extensions.Logging;

namespace GlmMcp.Testing;

/// <summary>Keeps every log line ("Level Category: message") in <see cref="Lines"/>, for servers run inside a test.</summary>
public sealed class ListLoggerProvider(LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    /// <summary>The least severe level kept.</summary>
    public LogLevel Minimum { get; } = minimum;

    /// <summary>The lines so far; lock it while reading.</summary>
    public List<string> Lines { get; } = [];

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var line = $"{logLevel} {category}: {formatter(state, exception)}" + (exception is null ? "" : " " + exception.Message);
            lock (provider.Lines)
                provider.Lines.Add(line);
        }
    }
}
