using System.Text.Json;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Cli.Reports;

/// <summary>JSON fragments shared by every report: the cut-flow list and the checks object.</summary>
public static class SummaryJson
{
    /// <summary>[{"cut": name, "events": n}, …] in cut-flow order.</summary>
    public static void WriteCutFlow(Utf8JsonWriter w, EventSummary s)
    {
        w.WriteStartArray();
        for (var i = 0; i < CutNames.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("cut", CutNames.All[i]);
            w.WriteNumber("events", s.CutFlow[i]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// {"momentum_resolution": …, …}; checks without MC truth are omitted. srd_hadron_misid is the direct ratio of tagged
    /// hadrons; the srd_hadron_misid_factorised* keys the estimate of <see cref="SrdMisidEstimate"/>, when given.
    /// </summary>
    public static void WriteChecks(Utf8JsonWriter w, PhysicsChecks checks, SrdMisidEstimate? factorised = null)
    {
        w.WriteStartObject();
        if (checks.MomentumResolution is { } r) w.WriteNumber("momentum_resolution", r);
        if (checks.SrdElectronEfficiency is { } e) w.WriteNumber("srd_electron_efficiency", e);
        if (checks.SrdHadronMisid is { } h) w.WriteNumber("srd_hadron_misid", h);
        if (factorised is { } f)
        {
            w.WriteNumber("srd_hadron_misid_factorised", f.Value);
            w.WriteNumber("srd_hadron_misid_factorised_uncertainty", f.Uncertainty);
            w.WriteNumber("srd_hadron_misid_upper_90", f.UpperBound90);
        }
        if (checks.EnergyClosure is { } c) w.WriteNumber("energy_closure", c);
        w.WriteEndObject();
    }
}
