using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Inputs;
using NA64.Reco.Actors.Spill;
using NA64.Reco.Actors.Supervision;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// What the campaign manager uses of its node: raw-file headers, the node's conditions, the results store, the journal
/// patience, the folders raw inputs must lie under and the largest campaign it admits.
/// </summary>
/// <param name="DefaultConditions">Conditions of a campaign whose spec names none: the manager's node's.</param>
public sealed record CampaignServices(
    ISpillCatalog Catalog, DetectorConditions DefaultConditions, ResultsStore Store, JournalPatience Patience)
{
    /// <summary>Where raw inputs may be (default: anywhere; the programs always confine them).</summary>
    public DataRoots DataRoots { get; init; } = DataRoots.Unrestricted;

    public CampaignLimits Limits { get; init; } = CampaignLimits.Default;

    /// <summary>The journaled and wire form of conditions.</summary>
    public static CampaignConditions Describe(Setup setup) => new(setup.Id, setup.Hash, setup.PipelineJson);
}
