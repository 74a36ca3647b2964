namespace NA64.Reco.CommandHost;

/// <summary>
/// Akka.Hosting registry key of the campaign manager (its singleton proxy on a cluster node, the manager itself on an
/// embedded node): the command host looks it up on every campaign command, so it may be registered after the host starts.
/// </summary>
public sealed class CampaignManagerKey;
