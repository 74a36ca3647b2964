using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace NA64.Reco.CommandHost;

/// <summary>
/// An <see cref="ILoggerProvider"/> that keeps the last lines logged on this node in a ring, for <c>log peek</c>, and
/// hands each new line to its followers (<c>log tail --follow</c>).
/// Registered in every host next to the console logger; thread-safe, bounded.
/// </summary>
public sealed class InMemoryLog : ILoggerProvider
{
    private readonly string[] _ring;
    private readonly Lock _lock = new();
    private readonly List<ChannelWriter<string>> _followers = [];
    private long _written;

    public InMemoryLog(int capacity = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new string[capacity];
    }

    public int Capacity => _ring.Length;

    /// <summary>Followers now (<c>log tail --follow</c> replies streaming): zero once every one has ended.</summary>
    public int Followers
    {
        get
        {
            lock (_lock) return _followers.Count;
        }
    }

    public void Add(string line)
    {
        lock (_lock)
        {
            _ring[_written % _ring.Length] = line;
            _written++;
            // Non-blocking: a follower's channel is bounded and drops its oldest line, never holds the logger.
            foreach (var f in _followers) f.TryWrite(line);
        }
    }

    /// <summary>
    /// Writes the last <paramref name="backlog"/> lines to <paramref name="writer"/>, then each new one, until the returned
    /// handle is disposed; under one lock, so that no line is lost or written twice between the two.
    /// </summary>
    public IDisposable Follow(ChannelWriter<string> writer, int backlog)
    {
        lock (_lock)
        {
            foreach (var line in LastHeld(backlog)) writer.TryWrite(line);
            _followers.Add(writer);
        }
        return new Following(this, writer);
    }

    private void Unfollow(ChannelWriter<string> writer)
    {
        lock (_lock) _followers.Remove(writer);
    }

    /// <summary>The last <paramref name="count"/> lines, oldest first.</summary>
    public IReadOnlyList<string> Last(int count)
    {
        lock (_lock) return LastHeld(count);
    }

    /// <summary><see cref="Last"/> with the lock held.</summary>
    private string[] LastHeld(int count)
    {
        var n = (int)Math.Min(Math.Min(count, _written), _ring.Length);
        var lines = new string[n];
        for (var i = 0; i < n; i++) lines[i] = _ring[(_written - n + i) % _ring.Length];
        return lines;
    }

    public ILogger CreateLogger(string categoryName) => new RingLogger(this, categoryName);

    private sealed class Following(InMemoryLog log, ChannelWriter<string> writer) : IDisposable
    {
        public void Dispose() => log.Unfollow(writer);
    }

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
