using Akka.Actor;
using Akka.Configuration;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// One of Akka's own serializers (without a string manifest) behind the node's checks: same name, same id, same bytes;
/// a payload it refuses or cannot read is counted and logged by <see cref="WireRefusals"/> (see <see cref="GuardedInner"/>).
/// </summary>
public sealed class GuardedSerializer : Akka.Serialization.Serializer
{
    private readonly GuardedInner _guard;

    public GuardedSerializer(ExtendedActorSystem system, Config config) : base(system) => _guard = new GuardedInner(system, config);

    public override int Identifier => _guard.Id;

    public override bool IncludeManifest => _guard.Inner.IncludeManifest;

    public override byte[] ToBinary(object obj) => _guard.Inner.ToBinary(obj);

    public override object FromBinary(byte[] bytes, Type type) =>
        _guard.Read(bytes, type?.FullName, type, () => _guard.Inner.FromBinary(bytes, type!));
}
