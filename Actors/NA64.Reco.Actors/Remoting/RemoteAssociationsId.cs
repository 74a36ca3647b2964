using Akka.Actor;

namespace NA64.Reco.Actors.Remoting;

/// <summary>The Akka extension id of <see cref="RemoteAssociations"/>: one record per actor system.</summary>
public sealed class RemoteAssociationsId : ExtensionIdProvider<RemoteAssociations>
{
    public static readonly RemoteAssociationsId Instance = new();

    public override RemoteAssociations CreateExtension(ExtendedActorSystem system) => new();
}
