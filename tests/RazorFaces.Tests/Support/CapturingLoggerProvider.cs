using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RazorFaces.Tests.Support;

/// <summary>Keeps every log entry of a test server in memory so tests can assert that a reason was logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    /// <summary>Every entry so far, oldest first.</summary>
    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>How many entries there are so far: a mark for <see cref="Since"/>.</summary>
    public int Mark() => _entries.Count;

    /// <summary>The entries written after <paramref name="mark"/> was taken.</summary>
    public IReadOnlyList<CapturedLog> Since(int mark) => [.. _entries.Skip(mark)];

    /// <summary>Whether an entry at <paramref name="minimum"/> or above contains <paramref name="text"/>.</summary>
    public bool Contains(string text, LogLevel minimum = LogLevel.Trace) =>
        _entries.Any(e => e.Level >= minimum && e.Message.Contains(text, StringComparison.Ordinal));

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), exception));
            }
        }
    }
}
