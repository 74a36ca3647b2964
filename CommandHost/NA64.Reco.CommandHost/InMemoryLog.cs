using Microsoft.Extensions.Logging;

namespace NA64.Reco.CommandHost;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps the last lines logged on this node in a ring, for <c>log peek</c>.
/// Registered in every host next to the console logger; thread-safe, bounded.
/// </summary>
public sealed class InMemoryLog : ILoggerProvider
{
    private readonly string[] _ring;
    private readonly Lock _lock = new();
    private long _written;

    public InMemoryLog(int capacity = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new string[capacity];
    }

    public int Capacity => _ring.Length;

    public void Add(string line)
    {
        lock (_lock)
        {
            _ring[_written % _ring.Length] = line;
            _written++;
        }
    }

    /// <summary>The last <paramref name="count"/> lines, oldest first.</summary>
    public IReadOnlyList<string> Last(int count)
    {
        lock (_lock)
        {
            var n = (int)Math.Min(Math.Min(count, _written), _ring.Length);
            var lines = new string[n];
            for (var i = 0; i < n; i++) lines[i] = _ring[(_written - n + i) % _ring.Length];
            return lines;
        }
    }

    public ILogger CreateLogger(string categoryName) => new RingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class RingLogger(InMemoryLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception).ReplaceLineEndings(" ");
            if (exception is not null) message += $" ({exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")})";
            log.Add(FormattableString.Invariant($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {Level(logLevel)} {category}: {message}"));
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
    }
}
