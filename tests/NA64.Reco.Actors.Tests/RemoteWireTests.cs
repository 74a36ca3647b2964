using NA64.Reco.Physics.RawData;
using Akka.Actor;
using Akka.Configuration;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Spill.SpillProtocol;

namespace NA64.Reco.Actors.Tests;

/// <summary>Two actor systems over real remoting on loopback: the wire format in use, not just in a unit.</summary>
public sealed class RemoteWireTests
{
    private static Config Remote => ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.loglevel = WARNING
        """).WithFallback(ConfigurationFactory.ParseString(Na64Serialization.Hocon));

    [Fact]
    public async Task A_spill_summary_crosses_the_wire_bit_identical_with_a_reply_ref()
    {
        using var receiver = ActorSystem.Create("receiver", Remote);
        using var sender = ActorSystem.Create("sender", Remote);
        var got = new TaskCompletionSource<(SpillDone Message, IActorRef Sender)>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.ActorOf(Props.Create(() => new Catcher(got)), "catcher");
        var address = ((ExtendedActorSystem)receiver).Provider.DefaultAddress;

        var summary = new EventSummary { Eot = 5000, Spills = 1, Events = 5000 };
        for (var i = 0; i < 500; i++) summary.EcalVsHcalAll.Fill(i % 120, (i * 7) % 120);
        summary.WeightedCutFlow[3] = (Int128)long.MaxValue * 1000;
        var replyTo = sender.ActorOf(Props.Create(() => new Catcher(null)), "reply-to");
        sender.ActorSelection(new RootActorPath(address) / "user" / "catcher").Tell(new SpillDone("c", "s1", SummaryCodec.Encode(summary), new SampleDescriptor(SampleKind.Beam, 0, 0, 7)), replyTo);

        var (message, from) = await got.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(summary.Fingerprint(), SummaryCodec.Decode(message.Summary).Fingerprint());
        Assert.Equal(new SampleDescriptor(SampleKind.Beam, 0, 0, 7), message.Sample);
        // The sender crossed as a path and resolves to a remote ref of the other system.
        Assert.Equal(replyTo.Path.Name, from.Path.Name);
        Assert.Equal(((ExtendedActorSystem)sender).Provider.DefaultAddress, from.Path.Address);
        await Task.WhenAll(receiver.Terminate(), sender.Terminate());
    }

    private sealed class Catcher : ReceiveActor
    {
        public Catcher(TaskCompletionSource<(SpillDone, IActorRef)>? got) => Receive<SpillDone>(m => { got?.TrySetResult((m, Sender)); });
    }
}
