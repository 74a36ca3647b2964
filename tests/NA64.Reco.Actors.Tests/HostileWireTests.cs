using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Hyperion;
using Microsoft.Extensions.Logging;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Messages.Serialization;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// A hostile actor system that is no cluster member (remoting only, its own configuration, real TCP on loopback)
/// sends a node envelopes under every serializer id the node registers, and under one it does not, each naming types
/// outside the allow-list. Nothing is constructed, every envelope is counted against the sender, the sender is logged
/// once, and the node goes on to run a campaign.
/// </summary>
public sealed class HostileWireTests
{
    private const string FileSystemWatcherName = "System.IO.FileSystemWatcher, System.IO.FileSystem.Watcher";
    private const string ProcessName = "System.Diagnostics.Process, System.Diagnostics.Process";

    private static Config HostileConfig => ConfigurationFactory.ParseString($$"""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.loglevel = ERROR
        akka.actor.serializers.forging = "{{typeof(ForgingSerializer).FullName}}, {{typeof(ForgingSerializer).Assembly.GetName().Name}}"
        akka.actor.serialization-bindings { "{{typeof(ForgedEnvelope).FullName}}, {{typeof(ForgedEnvelope).Assembly.GetName().Name}}" = forging }
        """);

    [Fact]
    public async Task Envelopes_under_every_serializer_id_naming_foreign_types_construct_nothing_and_are_counted_per_sender()
    {
        using var dir = new TempDirectory();
        var log = new CapturedLog();
        await using var node = await PipelineNode.StartAsync(
            new PipelineOptions { DatabasePath = dir.File("node.db"), MaxSpillsInFlight = 2, MaxChunksInFlightPerSpill = 2, ChunkThreads = 4 },
            new TestProcessor(), additions: new HostAdditions(b => b.Logging.AddProvider(log), _ => { }));
        var serializers = RegisteredSerializers(node.System);
        // Every id the node answers to is one of the project's serializers: none takes type names from a payload unchecked.
        Assert.All(serializers, s => Assert.True(
            s.Value is Na64HyperionSerializer or Na64JsonSerializer or GuardedSerializer or GuardedStringManifestSerializer,
            $"serializer {s.Key} is {s.Value.GetType().FullName}"));
        foreach (var id in new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 16, 17, 22, Na64HyperionSerializer.Id })
            Assert.Contains(id, serializers.Keys);

        var warnings = new ConcurrentQueue<string>();
        var collector = node.System.ActorOf(Props.Create(() => new WarningCollector(warnings)));
        node.System.EventStream.Subscribe(collector, typeof(Warning));

        var envelopes = Hostile(serializers.Keys).ToArray();
        var nodeAddress = Akka.Cluster.Cluster.Get(node.System).SelfAddress;
        using var hostile = ActorSystem.Create("na64", HostileConfig);
        var hostileAddress = ((ExtendedActorSystem)hostile).Provider.DefaultAddress.ToString();
        var target = ((ExtendedActorSystem)hostile).Provider.ResolveActorRef((new RootActorPath(nodeAddress) / "user" / "anyone").ToString());
        foreach (var envelope in envelopes) target.Tell(envelope);
        // One association, in order: once an Identify sent after them is answered, the node has read every envelope.
        var identity = await hostile.ActorSelection(new RootActorPath(nodeAddress) / "system").Ask<ActorIdentity>(new Identify(1), TimeSpan.FromSeconds(30));
        Assert.NotNull(identity.Subject);

        var refusals = WireRefusals.Get(node.System);
        // Envelopes naming no serializer are counted from Akka's warning, a moment after it.
        await Eventually(() => refusals.Total >= envelopes.Length, TimeSpan.FromSeconds(20));
        Assert.Empty(Tripwire.Ran);
        Assert.Equal(envelopes.Length, refusals.Total);
        var sender = Assert.Single(refusals.BySender);
        Assert.Equal(hostileAddress, sender.Key);
        Assert.Equal(envelopes.Length, sender.Value);
        var logged = warnings.Where(w => w.StartsWith("refused a payload", StringComparison.Ordinal)).ToArray();
        Assert.Contains(hostileAddress, Assert.Single(logged));
        // What the node's log shows: that one line, not Akka.Remote's warning per envelope.
        var shown = log.Lines.Where(l => l.Contains("refused a payload", StringComparison.Ordinal)).ToArray();
        Assert.True(shown.Length == 1, string.Join("\n", shown.Take(3)));
        Assert.DoesNotContain(log.Lines, l => l.Contains("Deserialization failed", StringComparison.Ordinal));

        await hostile.Terminate();
        // The node goes on working: a campaign runs to its end.
        var finished = await node.RunAsync(PipelineNode.McPlan(id: "after-attack", beamSpills: 2, signalSpills: 1, eventsPerSpill: 400, chunkSize: 200));
        Assert.Equal(3, finished.DoneSpills);
        Assert.Empty(Tripwire.Ran);
    }

    private const int UnknownId = 4242;

    /// <summary>For each id, payloads naming the tripwire, a FileSystemWatcher with a path to watch, and a Process; then id-specific ones.</summary>
    private static IEnumerable<ForgedEnvelope> Hostile(IEnumerable<int> ids)
    {
        var watched = Path.GetTempPath();
        var tripwireJson = Encoding.UTF8.GetBytes($$"""{"$type":"{{Tripwire.Name}}","Path":"/tmp"}""");
        var watcherJson = Encoding.UTF8.GetBytes($$"""{"$type":"{{FileSystemWatcherName}}","Path":{{System.Text.Json.JsonSerializer.Serialize(watched)}},"EnableRaisingEvents":true}""");
        var processJson = Encoding.UTF8.GetBytes($$$"""{"$type":"{{{ProcessName}}}","StartInfo":{"$type":"System.Diagnostics.ProcessStartInfo, System.Diagnostics.Process","FileName":"/bin/true"}}""");
        foreach (var id in ids.Append(UnknownId).Order())
        {
            yield return new ForgedEnvelope(id, Tripwire.Name, tripwireJson);
            yield return new ForgedEnvelope(id, FileSystemWatcherName, watcherJson);
            yield return new ForgedEnvelope(id, ProcessName, processJson);
            switch (id)
            {
                case Na64JsonSerializer.Id:
                    // No $type: the type the envelope names is the root.
                    yield return new ForgedEnvelope(id, "System.Object", tripwireJson);
                    yield return new ForgedEnvelope(id, Tripwire.Name, Encoding.UTF8.GetBytes("""{"Path":"/tmp"}"""));
                    break;
                case 16:
                    // Status.Failure whose cause names the tripwire: Akka would call its serialization constructor.
                    yield return new ForgedEnvelope(id, "F", Proto.Message(1, Proto.String(1, Tripwire.Name)));
                    // ... as the inner exception of a real one.
                    yield return new ForgedEnvelope(id, "F", Proto.Message(1, [.. Proto.String(1, "System.InvalidOperationException, System.Private.CoreLib"),
                        .. Proto.Message(5, Proto.String(1, Tripwire.Name))]));
                    break;
                case 22:
                    // Failed(child, cause, uid): the cause is field 2.
                    yield return new ForgedEnvelope(id, "Akka.Dispatch.SysMsg.Failed, Akka", Proto.Message(2, Proto.String(1, Tripwire.Name)));
                    break;
                case Na64HyperionSerializer.Id:
                    yield return new ForgedEnvelope(id, "", HyperionNaming(Tripwire.Name));
                    break;
            }
        }
    }

    /// <summary>A Hyperion payload whose root type is <paramref name="typeName"/> (a decoy's name swapped, as an attacker would).</summary>
    private static byte[] HyperionNaming(string typeName)
    {
        var permissive = new Hyperion.Serializer(SerializerOptions.Default.WithDisallowUnsafeType(false).WithTypeFilter(DisabledTypeFilter.Instance));
        using var buffer = new MemoryStream();
        permissive.Serialize(new Decoy(), buffer);
        var payload = buffer.ToArray();
        var oldName = Encoding.UTF8.GetBytes($"{typeof(Decoy).FullName}, {typeof(Decoy).Assembly.GetName().Name}");
        var at = payload.AsSpan().IndexOf(oldName);
        Assert.True(at >= 4, "the decoy's type name is not in its payload");
        var newName = Encoding.UTF8.GetBytes(typeName);
        return [.. payload[..(at - 4)], .. BitConverter.GetBytes(newName.Length), .. newName, .. payload[(at + oldName.Length)..]];
    }

    private sealed class Decoy;

    private static IReadOnlyDictionary<int, Akka.Serialization.Serializer> RegisteredSerializers(ActorSystem system)
    {
        // Akka keeps the id table private; the test wants exactly the ids remoting dispatches on.
        var field = typeof(Akka.Serialization.Serialization).GetField("_serializersById", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("Akka's Serialization has no _serializersById field any more: update the test");
        return new Dictionary<int, Akka.Serialization.Serializer>((Dictionary<int, Akka.Serialization.Serializer>)field.GetValue(system.Serialization)!);
    }

    private static async Task Eventually(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return; // the assertions that follow say what is missing
            await Task.Delay(20);
        }
    }

    private sealed class WarningCollector : ReceiveActor
    {
        public WarningCollector(ConcurrentQueue<string> into) => Receive<Warning>(w => into.Enqueue(w.Message?.ToString() ?? ""));
    }

    /// <summary>Protobuf fields by hand: the hostile side has no use for Akka's generated classes.</summary>
    private static class Proto
    {
        public static byte[] String(int field, string value) => Message(field, Encoding.UTF8.GetBytes(value));

        public static byte[] Message(int field, byte[] value) => [.. Varint((ulong)(field << 3 | 2)), .. Varint((ulong)value.Length), .. value];

        private static byte[] Varint(ulong value)
        {
            var bytes = new List<byte>();
            while (value >= 0x80)
            {
                bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }
            bytes.Add((byte)value);
            return [.. bytes];
        }
    }
}
