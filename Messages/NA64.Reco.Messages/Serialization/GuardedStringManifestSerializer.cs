using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// One of Akka's own string-manifest serializers behind the node's checks: same name, same id, same bytes; a payload it
/// refuses or cannot read is counted and logged by <see cref="WireRefusals"/> (see <see cref="GuardedInner"/>).
/// </summary>
public sealed class GuardedStringManifestSerializer : SerializerWithStringManifest
{
    private readonly GuardedInner _guard;

    public GuardedStringManifestSerializer(ExtendedActorSystem system, Config config) : base(system) => _guard = new GuardedInner(system, config);

    public override int Identifier => _guard.Id;

    private SerializerWithStringManifest Inner => (SerializerWithStringManifest)_guard.Inner;

    public override string Manifest(object o) => Inner.Manifest(o);

    public override byte[] ToBinary(object obj) => Inner.ToBinary(obj);

    public override object FromBinary(byte[] bytes, string manifest) => _guard.Read(bytes, manifest, null, () => Inner.FromBinary(bytes, manifest));
}
