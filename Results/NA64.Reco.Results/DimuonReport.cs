using System.Text.Json;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Results;

/// <summary>
/// dimuon.json (docs/campaign-spec.md "Results"): the dimuon cross-check of a campaign, measured against the dimuon
/// emitter's QED expectation, with the ratio and its errors, and the E_ECAL spectrum of the candidates against the
/// expected one. Non-finite or undefined numbers are JSON null.
/// </summary>
public static class DimuonReport
{
    public const string FileName = "dimuon.json";
    public const string Schema = "na64.dimuon/1";

    public static ResultFile Render(string campaignId, DimuonCrossCheck d, SelectionCuts cuts, HcalConditions hcal)
    {
        ArgumentNullException.ThrowIfNull(d);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("campaign", campaignId);

            w.WriteStartObject("reference");
            Strings(w, "samples", d.ReferenceSamples);
            w.WriteNumber("eot", d.ReferenceEot);
            w.WriteNumber("nominal_electron_fraction", d.NominalElectronFraction);
            w.WriteEndObject();

            var x = d.Expectation;
            w.WriteStartObject("expectation");
            w.WriteString("model", "dimuon emitter: photons of the leading e± converting to μ+μ- (Bethe–Heitler with threshold and nuclear form factor, Burkhardt–Kelner–Kokoulin), integrated over the leader's photon spectrum in the ECAL");
            w.WriteNumber("beam_energy_gev", x.BeamEnergyGeV);
            Number(w, "pairs_per_eot", x.PairsPerEot);
            Number(w, "expected_per_eot", d.ExpectedPerEot);
            w.WriteStartArray("pair_energy_spectrum");
            for (var b = 0; b < x.SpectrumPerEot.Count; b++)
            {
                w.WriteStartObject();
                w.WriteNumber("e_low_gev", b * x.BinWidthGeV);
                w.WriteNumber("e_high_gev", (b + 1) * x.BinWidthGeV);
                Number(w, "pairs_per_eot", x.SpectrumPerEot[b]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("selection");
            w.WriteString("electron", "invisible-mode cut-flow passed up to srd-tag (trigger, single track, momentum, SRD)");
            w.WriteNumber("hcal_module_min_mip", cuts.DimuonHcalModuleMinMip);
            w.WriteNumber("hcal_module_max_mip", cuts.DimuonHcalModuleMaxMip);
            w.WriteNumber("mip_per_module_mev", hcal.MipMeVPerModule);
            w.WriteNumber("hcal_modules", hcal.Modules);
            w.WriteEndObject();

            if (d.Efficiency is { } e)
            {
                w.WriteStartObject("efficiency");
                Strings(w, "samples", d.EfficiencySamples);
                w.WriteNumber("events", d.EfficiencyEvents);
                w.WriteNumber("selected", d.EfficiencySelected);
                Number(w, "value", e);
                Number(w, "error", d.EfficiencyError);
                Number(w, "cp68_lower", d.EfficiencyInterval?.Lower);
                Number(w, "cp68_upper", d.EfficiencyInterval?.Upper);
                w.WriteEndObject();
            }
            else w.WriteNull("efficiency");

            w.WriteNumber("selected", d.Selected);
            if (d.SelectedTrueDimuons is { } t) w.WriteNumber("selected_true_dimuons", t); else w.WriteNull("selected_true_dimuons");
            Number(w, "expected", d.Expected);
            Number(w, "measured_per_eot", d.MeasuredPerEot);
            Number(w, "ratio", d.Ratio);
            Number(w, "ratio_stat_error", d.RatioStatError);
            Number(w, "ratio_efficiency_error", d.RatioEfficiencyError);
            Number(w, "ratio_error", d.RatioError);
            Number(w, "ratio_upper_90", d.RatioUpper90);

            var h = d.SelectedEcal;
            var expected = d.ExpectedEcal;
            w.WriteStartObject("ecal_spectrum");
            w.WriteString("axis", h.Axis);
            w.WriteStartArray("bins");
            for (var b = 1; b <= h.Bins; b++)
            {
                w.WriteStartObject();
                w.WriteNumber("low", h.BinLow(b));
                w.WriteNumber("high", h.BinLow(b + 1));
                w.WriteNumber("selected", h.Counts[b]);
                Number(w, "expected", expected?[b]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return new ResultFile(FileName, buffer.ToArray());
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
