using Akka.Event;
using Akka.Hosting.Logging;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// Akka's log events to Microsoft.Extensions.Logging (Akka.Hosting's logger) after the actor system's log filters:
/// Akka.Hosting's own logger writes every event, filters or not.
/// </summary>
public sealed class FilteredLoggerFactoryLogger : LoggerFactoryLogger
{
    private readonly LogFilterEvaluator _filter = Context.System.Settings.LogFilter;

    protected override bool Receive(object message) =>
        (message is LogEvent e && !_filter.ShouldTryKeepMessage(e, out _)) || base.Receive(message);
}
