using System.Text.Json;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Results;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Actors.Tests;

public sealed class CampaignAnalysisTests
{
    private static (CampaignAnalysis Analysis, JsonDocument Summary, IReadOnlyList<string> Files) Run(TempDirectory dir, CampaignAnalysisOptions options,
        bool emptyBeam = false)
    {
        var plan = SyntheticCampaign.Plan();
        var result = CampaignResults.From(plan, NA64.Reco.Physics.Setups.Setup.Of(DetectorConditions.Default), SyntheticCampaign.Result(emptyBeam));
        var analysis = CampaignAnalysis.From(result.Samples, DetectorConditions.Default, options);
        var files = ResultFiles.WriteAll(dir.Path, CampaignReport.Render(result, analysis));
        return (analysis, JsonDocument.Parse(File.ReadAllBytes(files[0])), files);
    }

    [Fact]
    public void Background_csv_has_a_row_per_source_and_the_total_with_the_numbers_of_background_json()
    {
        using var dir = new TempDirectory();
        var (_, doc, files) = Run(dir, new CampaignAnalysisOptions());
        using var owned = doc;
        var lines = File.ReadAllLines(files.Single(f => Path.GetFileName(f) == "background.csv"));
        Assert.Equal(string.Join(',', AnalysisReport.BackgroundColumns), lines[0]);
        using var json = JsonDocument.Parse(File.ReadAllBytes(files.Single(f => Path.GetFileName(f) == "background.json")));
        var sources = json.RootElement.GetProperty("sources");
        Assert.Equal(sources.GetArrayLength(), lines.Length - 1);
        var column = AnalysisReport.BackgroundColumns.ToList();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        for (var i = 0; i < sources.GetArrayLength(); i++)
        {
            var fields = lines[1 + i].Split(',');
            Assert.Equal(sources[i].GetProperty("source").GetString(), fields[column.IndexOf("source")]);
            Assert.Equal(sources[i].GetProperty("method").GetString(), fields[column.IndexOf("method")]);
            Assert.Equal(sources[i].GetProperty("mc_count").GetInt64().ToString(invariant), fields[column.IndexOf("mc_count")]);
            Assert.Equal(sources[i].GetProperty("per_1e11_eot").GetDouble(), double.Parse(fields[column.IndexOf("per_1e11_eot")], invariant));
        }
        // The synthetic beam has one hadron-interaction and one unflagged event in the box: estimates, not bounds, and
        // they are the whole total (the other sources are bounds beside it).
        var hadron = lines.Single(l => l.Split(',')[column.IndexOf("source")] == "hadron-interaction").Split(',');
        Assert.Equal("1", hadron[column.IndexOf("mc_count")]);
        Assert.Equal("beam", hadron[column.IndexOf("samples")]);
        Assert.Equal("mc-truth", hadron[column.IndexOf("method")]);
        Assert.Equal("", hadron[column.IndexOf("upper_bound")]);
        var total = lines[^1].Split(',');
        Assert.Equal("total", total[column.IndexOf("source")]);
        Assert.Equal("2", total[column.IndexOf("mc_count")]);
        var beamTotal = json.RootElement.GetProperty("mc")[0].GetProperty("total").GetProperty("expected").GetDouble();
        Assert.Equal(beamTotal, double.Parse(total[column.IndexOf("expected")], invariant), beamTotal * 1e-12);
        Assert.True(double.Parse(total[column.IndexOf("bounds_not_in_total")], invariant) > 0);
        var forLimits = json.RootElement.GetProperty("for_limits");
        Assert.Equal("sources", forLimits.GetProperty("method").GetString());
        Assert.Equal(double.Parse(total[column.IndexOf("expected")], invariant), forLimits.GetProperty("expected").GetDouble());
    }

    [Fact]
    public void The_summary_has_efficiency_tables_with_the_documented_keys_and_the_yield_per_eot()
    {
        using var dir = new TempDirectory();
        var (_, doc, files) = Run(dir, new CampaignAnalysisOptions());
        using var owned = doc;
        Assert.Equal(["summary.json", "cutflow.csv", "histograms.json", "efficiency.csv", "background.json", "limits.csv", "background.csv"], files.Select(Path.GetFileName));
        var samples = doc.RootElement.GetProperty("samples");
        Assert.Equal(JsonValueKind.Null, samples[0].GetProperty("efficiency").ValueKind); // beam
        var e = samples.EnumerateArray().Single(x => x.GetProperty("name").GetString() == "signal-1MeV").GetProperty("efficiency");
        Assert.Equal(1.0, e.GetProperty("mass_mev").GetDouble());
        Assert.Equal(0.005, e.GetProperty("yield_per_eot").GetDouble(), 12); // Σw / EOT = 10⁴ · 0.005 / 10⁴
        Assert.Equal(0.6, e.GetProperty("signal_efficiency").GetDouble(), 12);
        Assert.True(e.GetProperty("signal_efficiency_error").GetDouble() > 0);
        var cuts = e.GetProperty("cuts");
        Assert.Equal(CutNames.Count, cuts.GetArrayLength());
        var last = cuts[CutNames.Count - 1];
        Assert.Equal("signal-box", last.GetProperty("cut").GetString());
        Assert.Equal(6000, last.GetProperty("events").GetInt64());
        Assert.True(last.GetProperty("lower").GetDouble() < 0.6 && last.GetProperty("upper").GetDouble() > 0.6);
        Assert.Equal(0.6, last.GetProperty("step_efficiency").GetDouble(), 12);
        Assert.Equal(SyntheticCampaign.SignalEot, e.GetProperty("eot").GetDouble());
        foreach (var key in new[] { "sum_weights", "efficiency" }) Assert.True(last.TryGetProperty(key, out _), key);

        var csv = File.ReadAllLines(files[3]);
        Assert.Equal("sample,mass_mev,eot,yield_per_eot,cut,events,sum_weights,efficiency,lower,upper,step_efficiency", csv[0]);
        Assert.Equal(1 + SyntheticCampaign.Masses.Length * CutNames.Count, csv.Length);
        for (var m = 0; m < SyntheticCampaign.Masses.Length; m++)
            for (var c = 0; c < CutNames.Count; c++)
            {
                var fields = csv[1 + m * CutNames.Count + c].Split(',');
                Assert.Equal(SyntheticCampaign.Masses[m], double.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(CutNames.All[c], fields[4]);
            }
    }

    [Fact]
    public void The_background_has_the_abcd_estimate_of_the_beam_its_mc_truth_per_source_and_the_limits_take_the_source_table()
    {
        using var dir = new TempDirectory();
        var (_, doc, files) = Run(dir, new CampaignAnalysisOptions());
        using var owned = doc;
        var b = doc.RootElement.GetProperty("background");
        Assert.Equal("beam", b.GetProperty("reference").GetString());
        Assert.Equal(SyntheticCampaign.BeamEot, b.GetProperty("eot").GetInt64());
        Assert.Equal(2, b.GetProperty("observed").GetInt64());
        var abcd = b.GetProperty("abcd");
        Assert.Equal(2.0 * 1 / 8, abcd.GetProperty("expected").GetDouble(), 12);
        Assert.Equal(0.25 * Math.Sqrt(1.0 / 2 + 1.0 / 1 + 1.0 / 8), abcd.GetProperty("stat").GetDouble(), 12);
        Assert.Equal([2L, 2, 1, 8], abcd.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("count").GetInt64()));
        var mc = b.GetProperty("mc")[0];
        Assert.Equal("beam", mc.GetProperty("sample").GetString());
        Assert.Equal(2.0, mc.GetProperty("total").GetProperty("expected").GetDouble(), 12); // 2 events, EOT_MC = EOT_data
        var hadron = mc.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "hadron-interaction");
        Assert.Equal(1, hadron.GetProperty("count").GetInt64());
        var forLimits = b.GetProperty("for_limits");
        // The beam's two box events, one per source, from the beam itself: 2 ± √2, what the source table totals.
        Assert.Equal("sources", forLimits.GetProperty("method").GetString());
        Assert.Equal(2.0, forLimits.GetProperty("expected").GetDouble(), 12);
        Assert.Equal(Math.Sqrt(2), forLimits.GetProperty("uncertainty").GetDouble(), 12);
        Assert.Equal("estimate", forLimits.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, forLimits.GetProperty("upper").ValueKind);
        Assert.Equal(JsonValueKind.Null, abcd.GetProperty("upper_bound").ValueKind);

        using var standalone = JsonDocument.Parse(File.ReadAllBytes(files[4]));
        Assert.Equal(AnalysisReport.BackgroundSchema, standalone.RootElement.GetProperty("schema").GetString());
        Assert.Equal(0.25, standalone.RootElement.GetProperty("abcd").GetProperty("expected").GetDouble(), 12);
    }

    [Theory]
    [InlineData(LimitMethod.Cls)]
    [InlineData(LimitMethod.FeldmanCousins)]
    public void The_limits_equal_the_library_values_for_the_same_inputs(LimitMethod method)
    {
        using var dir = new TempDirectory();
        // A flat yield systematic and the truncated Gaussian, as the formula below: the per-mass theory values and the
        // log-normal prior are the Physics tests' subject.
        var (analysis, doc, files) = Run(dir, new CampaignAnalysisOptions { Method = method, YieldRelativeUncertainty = 0.1, SignalPrior = SignalScalePrior.TruncatedGaussian });
        using var owned = doc;
        var root = doc.RootElement;
        var background = analysis.Backgrounds!.Total;
        var limits = root.GetProperty("limits");
        Assert.Equal(SyntheticCampaign.Masses.Length, limits.GetArrayLength());
        var result = SyntheticCampaign.Result();
        for (var i = 0; i < SyntheticCampaign.Masses.Length; i++)
        {
            var table = EfficiencyTable.From(result.Samples[SyntheticCampaign.Plan().Spec.Samples[1 + i].Name], SyntheticCampaign.Masses[i]);
            var relEff = table.SignalEfficiencyUncertainty / table.SignalEfficiency;
            var sigma = Math.Sqrt(0.1 * 0.1 + relEff * relEff + 0.02 * 0.02);
            var nUp = PoissonLimits.UpperLimit(method, 2, 2, Math.Sqrt(2), sigma);
            var epsilon = Math.Sqrt(nUp / (SyntheticCampaign.BeamEot * table.YieldPerEot * table.SignalEfficiency));
            var row = limits[i];
            Assert.Equal(SyntheticCampaign.Masses[i], row.GetProperty("mass_mev").GetDouble());
            Assert.Equal(nUp, row.GetProperty("n_up").GetDouble(), 12);
            Assert.Equal(epsilon, row.GetProperty("epsilon_90").GetDouble(), 12);
            Assert.Equal(0.1, row.GetProperty("yield_relative_uncertainty").GetDouble());
            Assert.Equal(sigma, row.GetProperty("signal_relative_uncertainty").GetDouble(), 12);
        }
        var inputs = root.GetProperty("limit_inputs");
        Assert.Equal("flat", inputs.GetProperty("yield_uncertainty_model").GetString());
        Assert.Equal(0.1, inputs.GetProperty("yield_relative_uncertainty").GetDouble());
        Assert.Equal(AnalysisReport.MethodName(method), inputs.GetProperty("method").GetString());
        Assert.Equal(2, inputs.GetProperty("observed").GetInt32());
        Assert.Equal(background.Expected, inputs.GetProperty("background").GetDouble(), 12);
        Assert.Equal(2, background.Expected, 12);
        Assert.Equal("estimate", inputs.GetProperty("background_kind").GetString());
        Assert.Equal(JsonValueKind.Null, inputs.GetProperty("background_upper").ValueKind);

        var csv = File.ReadAllLines(files[5]);
        Assert.Equal(LimitsHeader, csv[0]);
        Assert.Equal(1 + 3 * SyntheticCampaign.Masses.Length, csv.Length);
        Assert.StartsWith($"observed,{AnalysisReport.MethodName(method)},100000000000,2,2,", csv[1]);
        Assert.Equal("estimate", csv[1].Split(',')[9]);
        Assert.Equal("", csv[1].Split(',')[10]);
    }

    private const string LimitsHeader =
        "kind,method,eot,observed,background,background_uncertainty,mass_mev,n_up,epsilon_90,background_kind,background_upper,m_chi_mev,y_90_alphaD_0.1,y_90_alphaD_0.5,"
        + "yield_relative_uncertainty,signal_relative_uncertainty";

    [Fact]
    public void The_light_dark_matter_limits_are_y_at_m_chi_a_third_of_m_aprime()
    {
        using var dir = new TempDirectory();
        var (analysis, doc, files) = Run(dir, new CampaignAnalysisOptions());
        using var owned = doc;
        var root = doc.RootElement;
        var dm = root.GetProperty("limit_inputs").GetProperty("dark_matter");
        Assert.Equal(3, dm.GetProperty("m_aprime_over_m_chi").GetDouble());
        Assert.Equal([0.1, 0.5], dm.GetProperty("alpha_d").EnumerateArray().Select(a => a.GetDouble()));
        var csv = File.ReadAllLines(files[5]);
        Assert.Equal(LimitsHeader, csv[0]);
        for (var i = 0; i < SyntheticCampaign.Masses.Length; i++)
        {
            // y = ε² α_D (m_χ/m_A')⁴ with m_χ/m_A' = 1/3.
            var epsilon = analysis.Limits!.Points[i].Epsilon90;
            var row = root.GetProperty("limits")[i];
            Assert.Equal(SyntheticCampaign.Masses[i] / 3, row.GetProperty("m_chi_mev").GetDouble(), 12);
            Assert.Equal(1, row.GetProperty("y_90_alphaD_0.1").GetDouble() / (epsilon * epsilon * 0.1 / 81), 12);
            Assert.Equal(1, row.GetProperty("y_90_alphaD_0.5").GetDouble() / (epsilon * epsilon * 0.5 / 81), 12);
            var fields = csv[1 + i].Split(',');
            Assert.Equal(SyntheticCampaign.Masses[i] / 3, double.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture), 12);
            Assert.Equal(1, double.Parse(fields[13], System.Globalization.CultureInfo.InvariantCulture) / (epsilon * epsilon * 0.5 / 81), 12);
        }
        var projected = root.GetProperty("projected_limits")[0].GetProperty("limits")[0];
        var e = analysis.Projections[0].Points[0].Epsilon90;
        Assert.Equal(1, projected.GetProperty("y_90_alphaD_0.1").GetDouble() / (e * e * 0.1 / 81), 12);
    }

    [Theory]
    [InlineData(LimitMethod.Cls)]
    [InlineData(LimitMethod.Classical)]
    public void An_empty_beam_box_is_an_upper_bound_not_a_gaussian_width(LimitMethod method)
    {
        using var dir = new TempDirectory();
        var (analysis, doc, files) = Run(dir, new CampaignAnalysisOptions { Method = method, YieldRelativeUncertainty = 0.1, SignalPrior = SignalScalePrior.TruncatedGaussian }, emptyBeam: true);
        using var owned = doc;
        var root = doc.RootElement;
        // The beam MC's box is empty: every source a bound, together one zero count, b ∈ [0, 1.148 · EOT/EOT_MC].
        var bound = -Math.Log(1 - 0.6826894921370859);
        Assert.Equal("sources", analysis.LimitBackgroundMethod);
        Assert.Equal(BackgroundInput.UpperBound(bound), analysis.Inputs!.Background);
        var mcTotal = root.GetProperty("background").GetProperty("mc")[0].GetProperty("total");
        Assert.Equal(bound, mcTotal.GetProperty("upper_bound").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, mcTotal.GetProperty("stat").ValueKind);
        var forLimits = root.GetProperty("background").GetProperty("for_limits");
        Assert.Equal("upper-bound", forLimits.GetProperty("kind").GetString());
        Assert.Equal(bound, forLimits.GetProperty("upper").GetDouble(), 12);
        Assert.Equal(JsonValueKind.Null, forLimits.GetProperty("uncertainty").ValueKind);
        var inputs = root.GetProperty("limit_inputs");
        Assert.Equal("upper-bound", inputs.GetProperty("background_kind").GetString());
        Assert.Equal(bound, inputs.GetProperty("background_upper").GetDouble(), 12);
        Assert.Equal(0, inputs.GetProperty("background").GetDouble());

        var result = SyntheticCampaign.Result(emptyBeam: true);
        for (var i = 0; i < SyntheticCampaign.Masses.Length; i++)
        {
            var table = EfficiencyTable.From(result.Samples[SyntheticCampaign.Plan().Spec.Samples[1 + i].Name], SyntheticCampaign.Masses[i]);
            var relEff = table.SignalEfficiencyUncertainty / table.SignalEfficiency;
            var sigma = Math.Sqrt(0.1 * 0.1 + relEff * relEff + 0.02 * 0.02);
            // The conservative end of [0, b_up] is b = 0 for both methods: the background-free limit.
            var expected = PoissonLimits.UpperLimit(method, 0, 0, 0, sigma);
            Assert.Equal(expected, root.GetProperty("limits")[i].GetProperty("n_up").GetDouble(), 12);
            // Taken as a Gaussian width instead, the bound would strengthen the classical limit; CLs at n = 0 is immune.
            var asWidth = PoissonLimits.UpperLimit(method, 0, 0, bound, sigma);
            if (method == LimitMethod.Cls) Assert.Equal(expected, asWidth, 9);
            else Assert.True(expected > 1.3 * asWidth, $"{expected} vs {asWidth}");
        }

        // A bound projects at its upper end, scaled: 1.148 at 10¹¹ EOT is 11.5 at 10¹², 57.4 at 5 × 10¹², with the
        // median observed count of that background.
        var projected = root.GetProperty("projected_limits").EnumerateArray().ToList();
        Assert.Equal(2, projected.Count);
        foreach (var p in projected)
        {
            var b = bound * p.GetProperty("eot").GetDouble() / SyntheticCampaign.BeamEot;
            Assert.Equal("estimate", p.GetProperty("background_kind").GetString());
            Assert.Equal(b, p.GetProperty("background").GetDouble(), 9);
            Assert.Equal(0, p.GetProperty("background_uncertainty").GetDouble());
            Assert.Equal(Poisson.Median(b), p.GetProperty("observed").GetInt32());
        }
        var csv = File.ReadAllLines(files[5]);
        Assert.Equal(LimitsHeader, csv[0]);
        var fields = csv[1].Split(',');
        Assert.Equal(["observed", AnalysisReport.MethodName(method), "100000000000", "0", "0", ""], fields[..6]);
        Assert.Equal("upper-bound", fields[9]);
        Assert.Equal(bound, double.Parse(fields[10], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal("estimate", csv[^1].Split(',')[9]);
    }

    [Fact]
    public void Epsilon_90_decreases_with_the_eot_of_the_projections()
    {
        using var dir = new TempDirectory();
        var (analysis, doc, _) = Run(dir, new CampaignAnalysisOptions());
        using var owned = doc;
        var projected = doc.RootElement.GetProperty("projected_limits");
        Assert.Equal([1e12, 5e12], projected.EnumerateArray().Select(p => p.GetProperty("eot").GetDouble()));
        // b scales with EOT: 2 ± √2 at 10¹¹ gives 20 ± 10√2 at 10¹², 100 at 5 · 10¹²; observed = the median of Poisson(b).
        Assert.Equal(20, projected[0].GetProperty("background").GetDouble(), 12);
        Assert.Equal(10 * Math.Sqrt(2), projected[0].GetProperty("background_uncertainty").GetDouble(), 12);
        Assert.Equal(100, projected[1].GetProperty("background").GetDouble(), 12);
        Assert.Equal(Poisson.Median(100), projected[1].GetProperty("observed").GetInt32());
        for (var i = 0; i < SyntheticCampaign.Masses.Length; i++)
        {
            var observed = analysis.Limits!.Points[i].Epsilon90;
            var at1 = projected[0].GetProperty("limits")[i].GetProperty("epsilon_90").GetDouble();
            var at5 = projected[1].GetProperty("limits")[i].GetProperty("epsilon_90").GetDouble();
            Assert.True(at1 < observed && at5 < at1, $"mass {i}: {observed} {at1} {at5}");
        }
    }

    [Fact]
    public void A_projection_with_a_background_beyond_the_maximum_is_skipped_and_listed()
    {
        using var dir = new TempDirectory();
        var (analysis, doc, _) = Run(dir, new CampaignAnalysisOptions { ProjectedEot = [1e12, 1e14] });
        using var owned = doc;
        Assert.Equal([1e12], analysis.Projections.Select(p => p.Inputs.Eot));
        Assert.Equal([1e14], doc.RootElement.GetProperty("skipped_projections").EnumerateArray().Select(e => e.GetDouble()));
    }
}
