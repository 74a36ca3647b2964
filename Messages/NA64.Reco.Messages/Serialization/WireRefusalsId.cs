using Akka.Actor;

namespace NA64.Reco.Messages.Serialization;

/// <summary>The Akka extension id of <see cref="WireRefusals"/>: one counter per actor system.</summary>
public sealed class WireRefusalsId : ExtensionIdProvider<WireRefusals>
{
    public static readonly WireRefusalsId Instance = new();

    public override WireRefusals CreateExtension(ExtendedActorSystem system) => new(system);
}
