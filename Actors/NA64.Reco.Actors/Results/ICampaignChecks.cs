using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Results;

/// <summary>
/// The resolution checks of <c>na64 reco</c> for one sample's merged summary (name → value; checks that
/// do not apply are left out). The node binds the physics checks; the pipeline does not know them.
/// </summary>
public interface ICampaignChecks
{
    IReadOnlyList<KeyValuePair<string, double>> Of(EventSummary sample);
}
