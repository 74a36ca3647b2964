using NA64.Reco.Actors.Campaign;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Results;

/// <summary>
/// Writes a finished campaign's results (tables, plots) into a folder; the node registers it in DI so that the
/// campaign manager, which lives in Actors, can write what the node knows how to draw.
/// </summary>
public interface ICampaignResultsWriter
{
    /// <summary>Writes into <paramref name="outDir"/> (created) and returns the files written.</summary>
    IReadOnlyList<string> Write(string outDir, CampaignPlan plan, CampaignFinished result);
}
