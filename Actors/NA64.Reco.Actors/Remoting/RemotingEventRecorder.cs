using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Akka.Remote;

namespace NA64.Reco.Actors.Remoting;

/// <summary>
/// Writes the remoting lifecycle events of this node into <see cref="RemoteAssociations"/>. Registered as an Akka logger
/// (<see cref="Hosting.PipelineHosting.ConfigureAkkaLogging"/>) because loggers are the only actors Akka starts before
/// remoting and the cluster: a node joins its seeds while the actor system is being created, and a recorder started
/// after that would miss the first associations. It logs nothing.
/// </summary>
public sealed class RemotingEventRecorder : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public RemotingEventRecorder()
    {
        var associations = RemoteAssociations.Get(Context.System);
        Receive<InitializeLogger>(_ =>
        {
            Context.System.EventStream.Subscribe(Self, typeof(RemotingLifecycleEvent));
            associations.StartRecording();
            Sender.Tell(new LoggerInitialized());
        });
        Receive<RemotingLifecycleEvent>(e => associations.Record(e, DateTime.UtcNow));
        // As a logger it is subscribed to the log events too: the console logger writes them.
        Receive<LogEvent>(_ => { });
    }
}
