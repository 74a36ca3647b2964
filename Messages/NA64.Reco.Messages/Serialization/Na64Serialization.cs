using Akka.Serialization;
using NA64.Reco.Messages.Campaign;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// The serialization HOCON of every NA64 actor system: the project's messages bound to
/// <see cref="Na64HyperionSerializer"/>, the persisted events to <c>json</c>, <c>json</c> (id 1) replaced by
/// <see cref="Na64JsonSerializer"/>, and each of Akka's own serializers behind a guard (<see cref="GuardedSerializer"/>,
/// <see cref="GuardedStringManifestSerializer"/>). Remoting picks the serializer by the id an envelope names, whatever
/// the sender's bindings: so every id this node registers must be safe to receive from anyone.
/// </summary>
/// <remarks>
/// Why events stay JSON: the journal outlives every build. JSON is self-describing, readable with
/// <c>psql</c>/<c>sqlite3</c>, tolerant of added fields, and each event carries an explicit
/// <c>Version</c>; a Hyperion payload without version tolerance is tied to the exact field layout of
/// the build that wrote it. The JSON is Akka's own (same serializer id, same bytes), read with the wire's type
/// allow-list: journals written with the stock binding stay readable, with no migration. Akka prefers an exact-type
/// binding over an interface binding, which is what carves the events out of <see cref="INa64Message"/>.
/// </remarks>
public static class Na64Serialization
{
    /// <summary>Config name of the serializer.</summary>
    public const string SerializerName = "na64-hyperion";

    /// <summary>Types the coordinator persists (journal and snapshot store): bound to <c>json</c>.</summary>
    public static readonly IReadOnlyList<Type> PersistedTypes =
    [
        typeof(CampaignEvents.CampaignStarted), typeof(CampaignEvents.SpillCompleted), typeof(CampaignEvents.SpillQuarantined),
        typeof(CampaignEvents.CampaignSnapshot), typeof(CampaignEvents.CampaignCheckpoint), typeof(CampaignEvents.SampleTotal),
        typeof(CampaignManagerEvents.CampaignSubmitted), typeof(CampaignManagerEvents.CampaignAdmitted), typeof(CampaignManagerEvents.CampaignStateChanged),
    ];

    /// <summary>
    /// Akka's serializers of the modules a node loads (name, class, id, from their reference configurations), each
    /// registered here behind a guard. A module missing from the process is left out.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Class, int Id)> AkkaSerializers =
    [
        ("null", "Akka.Serialization.NullSerializer, Akka", 0),
        ("bytes", "Akka.Serialization.ByteArraySerializer, Akka", 4),
        ("proto", "Akka.Remote.Serialization.ProtobufSerializer, Akka.Remote", 2),
        ("daemon-create", "Akka.Remote.Serialization.DaemonMsgCreateSerializer, Akka.Remote", 3),
        ("akka-containers", "Akka.Remote.Serialization.MessageContainerSerializer, Akka.Remote", 6),
        ("akka-misc", "Akka.Remote.Serialization.MiscMessageSerializer, Akka.Remote", 16),
        ("primitive", "Akka.Remote.Serialization.PrimitiveSerializers, Akka.Remote", 17),
        ("akka-system-msg", "Akka.Remote.Serialization.SystemMessageSerializer, Akka.Remote", 22),
        ("akka-cluster", "Akka.Cluster.Serialization.ClusterMessageSerializer, Akka.Cluster", 5),
        ("reliable-delivery", "Akka.Cluster.Serialization.ReliableDeliverySerializer, Akka.Cluster", 36),
        ("akka-pubsub", "Akka.Cluster.Tools.PublishSubscribe.Serialization.DistributedPubSubMessageSerializer, Akka.Cluster.Tools", 9),
        ("akka-singleton", "Akka.Cluster.Tools.Singleton.Serialization.ClusterSingletonMessageSerializer, Akka.Cluster.Tools", 14),
        ("akka-cluster-client", "Akka.Cluster.Tools.Client.Serialization.ClusterClientMessageSerializer, Akka.Cluster.Tools", 15),
        ("akka-sharding", "Akka.Cluster.Sharding.Serialization.ClusterShardingMessageSerializer, Akka.Cluster.Sharding", 13),
        ("akka-persistence-message", "Akka.Persistence.Serialization.PersistenceMessageSerializer, Akka.Persistence", 7),
        ("akka-persistence-snapshot", "Akka.Persistence.Serialization.PersistenceSnapshotSerializer, Akka.Persistence", 8),
        ("akka-replicated-data", "Akka.DistributedData.Serialization.ReplicatedDataSerializer, Akka.DistributedData", 11),
        ("akka-data-replication", "Akka.DistributedData.Serialization.ReplicatorMessageSerializer, Akka.DistributedData", 12),
        ("akka-stream-ref", "Akka.Streams.Serialization.StreamRefSerializer, Akka.Streams", 30),
    ];

    public static string Hocon
    {
        get
        {
            var events = string.Join("\n", PersistedTypes.Select(t => $"      \"{Binding(t)}\" = json"));
            var present = AkkaSerializers.Where(s => Type.GetType(s.Class, throwOnError: false) is not null).ToArray();
            // Quoted names: "null" unquoted would be HOCON's null.
            var guards = string.Join("\n", present.Select(s => $"    \"{s.Name}\" = \"{Binding(Guard(s.Class))}\""));
            var settings = string.Join("\n", present.Select(s => $"    \"{s.Name}\" {{ inner = \"{s.Class}\", id = {s.Id} }}"));
            return $$"""
                # Akka registers its null serializer in code before the configured ones: its guard here replaces it,
                # which Akka would announce on stdout at every start.
                akka.log-serializer-override-on-start = off
                akka.actor {
                  serializers {
                    {{SerializerName}} = "{{Binding(typeof(Na64HyperionSerializer))}}"
                    json = "{{Binding(typeof(Na64JsonSerializer))}}"
                {{guards}}
                  }
                  serialization-settings {
                {{settings}}
                  }
                  serialization-bindings {
                    "{{Binding(typeof(INa64Message))}}" = {{SerializerName}}
                {{events}}
                  }
                }
                """;
        }
    }

    private static Type Guard(string akkaClass) =>
        typeof(SerializerWithStringManifest).IsAssignableFrom(Type.GetType(akkaClass, throwOnError: true))
            ? typeof(GuardedStringManifestSerializer)
            : typeof(GuardedSerializer);

    private static string Binding(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
