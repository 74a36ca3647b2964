using System.Runtime.Serialization;
using Akka.Actor;
using Hyperion;
using Hyperion.Internal;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// The wire format of every <see cref="INa64Message"/>: Hyperion, restricted to the types
/// <see cref="Na64TypeFilter"/> admits. Summaries travel as <see cref="SummaryCodec"/> bytes and actor
/// references as paths, per-sample summaries in ordinal order. A payload naming any other type is refused (counted and
/// logged by <see cref="WireRefusals"/>) and never instantiated.
/// </summary>
/// <remarks>
/// Options: no preserved object references (messages are trees; references cost a lookup table per
/// message), no version tolerance (every node of a cluster runs the same build, see docs/operations.md
/// "upgrade"; without tolerance a mismatch fails loudly instead of silently dropping a field, and the
/// payload carries no field names). Persisted events do not use this serializer (see
/// <see cref="Na64Serialization"/>): they stay versioned JSON, read by <see cref="Na64JsonSerializer"/> with the same allow-list.
/// <para>The project's own serializer and filter rather than Akka.Serialization.Hyperion's: that package's
/// <c>allowed-types</c> setting refuses every type it lists when serialising with this Hyperion and Akka
/// (docs/security.md), so it cannot admit the messages and nothing else; the filter here decides on
/// deserialisation, before a type is instantiated, and is tested against payloads that name other types.</para>
/// </remarks>
public sealed class Na64HyperionSerializer : Akka.Serialization.Serializer
{
    /// <summary>Fixed: it is written next to every remote message and must agree across nodes.</summary>
    public const int Id = 641;

    private readonly Hyperion.Serializer _hyperion;
    private readonly ExtendedActorSystem _system;

    public Na64HyperionSerializer(ExtendedActorSystem system) : base(system)
    {
        _system = system;
        _hyperion = new Hyperion.Serializer(Options(system, Na64TypeFilter.Instance));
    }

    public override int Identifier => Id;

    /// <summary>Hyperion names the root type inside the payload itself.</summary>
    public override bool IncludeManifest => false;

    /// <summary>The options of the wire format, with a chosen type filter (tests craft hostile payloads with a permissive one).</summary>
    public static SerializerOptions Options(ExtendedActorSystem system, ITypeFilter typeFilter) => new(
        versionTolerance: false,
        preserveObjectReferences: false,
        surrogates:
        [
            Surrogate.Create<IActorRef, ActorRefSurrogate>(
                r => new ActorRefSurrogate(Akka.Serialization.Serialization.SerializedActorPath(r)),
                s => system.Provider.ResolveActorRef(s.Path)),
            Surrogate.Create<EventSummary, EventSummarySurrogate>(
                s => new EventSummarySurrogate(SummaryCodec.Encode(s)),
                s => SummaryCodec.Decode(s.Bytes)),
            Surrogate.Create<IReadOnlyDictionary<string, EventSummary>, SampleSummariesSurrogate>(
                SampleSummariesSurrogate.From,
                s => s.ToDictionary()),
        ],
        serializerFactories: null,
        knownTypes: null,
        ignoreISerializable: true,
        packageNameOverrides: null,
        disallowUnsafeTypes: true,
        typeFilter: typeFilter);

    public override byte[] ToBinary(object obj)
    {
        using var buffer = new MemoryStream();
        _hyperion.Serialize(obj, buffer);
        return buffer.ToArray();
    }

    public override object FromBinary(byte[] bytes, Type? type)
    {
        try
        {
            using var buffer = new MemoryStream(bytes, writable: false);
            return _hyperion.Deserialize(buffer);
        }
        catch (EvilDeserializationException e)
        {
            // A peer sent a type outside the allow-list: a bug or an attack, either way counted and logged.
            throw WireRefusals.Get(_system).Refuse(Id, $"type '{e.BadTypeString}' is not admitted by the NA64 wire format", e);
        }
        catch (Exception e) when (e is not RefusedPayloadException)
        {
            throw WireRefusals.Get(_system).Refuse(Id, "unreadable: " + e.Message, e);
        }
    }
}
