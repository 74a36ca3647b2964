using System.Threading.Channels;
using Akka.Actor;

namespace NA64.Reco.CommandHost;

/// <summary>Hands the messages of type <typeparamref name="T"/> it receives to a channel: the bridge from actors to a streaming reply.</summary>
public sealed class ChannelForwarder<T> : ReceiveActor
{
    public ChannelForwarder(ChannelWriter<T> writer)
    {
        Receive<T>(m => writer.TryWrite(m));
    }

    public static Props Props(ChannelWriter<T> writer) => Akka.Actor.Props.Create(() => new ChannelForwarder<T>(writer));
}
