using NA64.Reco.Messages.Campaign;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// The HOCON that binds the project's messages to <see cref="Na64HyperionSerializer"/>, except the
/// persisted events and snapshot, which stay on Akka's JSON serializer.
/// </summary>
/// <remarks>
/// Why events stay JSON: the journal outlives every build. JSON is self-describing, readable with
/// <c>psql</c>/<c>sqlite3</c>, tolerant of added fields, and each event carries an explicit
/// <c>Version</c>; a Hyperion payload without version tolerance is tied to the exact field layout of
/// the build that wrote it. Journals written before this binding existed are JSON already (Akka's
/// default object serializer), so they stay readable. Akka prefers an exact-type binding over an
/// interface binding, which is what carves the events out of <see cref="INa64Message"/>.
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

    public static string Hocon
    {
        get
        {
            var events = string.Join("\n", PersistedTypes.Select(t => $"      \"{Binding(t)}\" = json"));
            return $$"""
                akka.actor {
                  serializers {
                    {{SerializerName}} = "{{Binding(typeof(Na64HyperionSerializer))}}"
                  }
                  serialization-bindings {
                    "{{Binding(typeof(INa64Message))}}" = {{SerializerName}}
                {{events}}
                  }
                }
                """;
        }
    }

    private static string Binding(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
