using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Results;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// A finished campaign as the results and the analysis read it: its samples with what each is, and the
/// <see cref="CampaignResult"/> the results files are written from. The campaign manager and the command host's
/// palettes both build theirs here, so both analyse the same samples.
/// </summary>
public static class CampaignResults
{
    /// <summary>Every sample of <paramref name="finished"/> in name order, with its identity as the coordinator journaled it.</summary>
    public static IReadOnlyList<SampleResult> Samples(CampaignFinished finished)
    {
        var identities = new Dictionary<string, SampleIdentity>(StringComparer.Ordinal);
        foreach (var i in finished.Identities) identities[i.Name] = i;
        var samples = new List<SampleResult>(finished.Samples.Count);
        foreach (var (name, summary) in finished.Samples.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!identities.TryGetValue(name, out var identity))
                throw new InvalidOperationException($"campaign {finished.CampaignId}: sample '{name}' has no identity");
            samples.Add(new SampleResult(name, identity.Sample, summary, identity.FromFiles));
        }
        return samples;
    }

    /// <summary>The results of <paramref name="finished"/>, run by <paramref name="plan"/> with <paramref name="conditions"/>, as written by this code.</summary>
    public static CampaignResult From(CampaignPlan plan, Setup setup, CampaignFinished finished) => new(
        plan.CampaignId, plan.SpecHash, plan.InputDigest, plan.Inputs.Count,
        new CampaignProvenance(setup.Conditions.Version, setup.Id, setup.Hash, CodeVersion.Value),
        Samples(finished),
        finished.Quarantined.Select(q => new QuarantinedSpill(q.SpillId, q.File, q.Offset, q.Reason, q.Events)).ToArray(),
        finished.TotalSpills, finished.DoneSpills, finished.QuarantinedEvents);

    /// <summary>The campaign's own analysis choices and cuts, read back from what the manager replies.</summary>
    public static (IReadOnlyList<SampleResult> Samples, Setup Setup, CampaignAnalysisOptions Options) ForAnalysis(
        CampaignManagerProtocol.FinishedCampaign finished)
    {
        var setup = Setup.Parse(System.Text.Encoding.UTF8.GetBytes(finished.Conditions.Json), finished.Conditions.Id);
        var spec = CampaignSpec.Parse(System.Text.Encoding.UTF8.GetBytes(finished.SpecJson), finished.Result.CampaignId);
        return (Samples(finished.Result), setup, spec.Analysis);
    }
}
