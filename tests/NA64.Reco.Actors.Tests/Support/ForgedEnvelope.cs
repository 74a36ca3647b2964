namespace NA64.Reco.Actors.Tests.Support;

/// <summary>What a hostile peer puts on the wire: any serializer id, any manifest, any bytes (<see cref="ForgingSerializer"/>).</summary>
public sealed record ForgedEnvelope(int SerializerId, string Manifest, byte[] Bytes)
{
    public override string ToString() => $"serializer {SerializerId}, manifest '{Manifest}', {Bytes.Length} bytes";
}
