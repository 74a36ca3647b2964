using Akka.Actor;
using Akka.Serialization;

namespace NA64.Reco.Actors.Tests.Support;

/// <summary>
/// The hostile system's serializer of <see cref="ForgedEnvelope"/>: the envelope Akka.Remote writes carries the
/// forged serializer id, manifest and bytes. Remoting reads a serializer's id right after its bytes, on the same
/// thread (Akka.Remote's MessageSerializer.Serialize), so the id of the envelope just written is the one it sees.
/// </summary>
public sealed class ForgingSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    [ThreadStatic] private static int? t_forged;

    /// <summary>Outside the range Akka and the project use, until an envelope is written.</summary>
    public override int Identifier => t_forged ?? 77_777;

    public override byte[] ToBinary(object obj)
    {
        var forged = (ForgedEnvelope)obj;
        t_forged = forged.SerializerId;
        return forged.Bytes;
    }

    public override string Manifest(object o) => ((ForgedEnvelope)o).Manifest;

    public override object FromBinary(byte[] bytes, string manifest) => throw new NotSupportedException("the hostile system only sends");
}
