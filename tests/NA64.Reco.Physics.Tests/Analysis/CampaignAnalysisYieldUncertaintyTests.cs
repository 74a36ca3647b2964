using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Summary;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Analysis;

/// <summary>The A' yield's systematic in the limits: the IWW-vs-ETL difference per mass by default, a flat value when the spec sets one.</summary>
public sealed class CampaignAnalysisYieldUncertaintyTests
{
    private static readonly double[] Masses = [1, 16.7, 1000];

    /// <summary>A beam sample with an empty signal box and three signal samples of the same efficiency.</summary>
    private static List<SampleResult> Samples()
    {
        var beam = new EventSummary { Eot = 10_000_000, Events = 10_000_000 };
        beam.CutFlow[(int)Cut.All] = 10_000_000;
        var samples = new List<SampleResult> { new("beam", new SampleDescriptor(SampleKind.Beam, 0, 0, 1), beam, FromFiles: false) };
        foreach (var mass in Masses)
        {
            var s = new EventSummary { Eot = 1000, Events = 1000 };
            for (var c = 0; c < CutNames.Count; c++)
            {
                s.CutFlow[c] = 1000;
                s.WeightedCutFlow[c] = FixedPointWeight.FromDouble(1000 * 1e-3);
                s.WeightedSquaredCutFlow[c] = FixedPointWeight.FromDouble(1000 * 1e-6);
            }
            var d = new SampleDescriptor(SampleKind.Signal, mass, 1e-4, 2);
            samples.Add(new(d.Name, d, s, FromFiles: false));
        }
        return samples;
    }

    [Fact]
    public void By_default_each_mass_carries_the_iww_vs_etl_difference_of_the_campaigns_conditions()
    {
        var c = DetectorConditions.Default;
        var analysis = CampaignAnalysis.From(Samples(), c, new CampaignAnalysisOptions());

        Assert.Equal(CampaignAnalysis.TheoryModelName, analysis.YieldUncertaintyModel);
        var points = analysis.Limits!.Points;
        Assert.Equal(Masses, points.Select(p => p.MassMeV));
        foreach (var p in points)
            Assert.Equal(APrimeTheoryUncertainty.YieldRelative(c, p.MassMeV), p.YieldRelativeUncertainty, 15);
        // The exact-tree-level correction grows with the mass (docs/aprime-production.md): so does its systematic, and
        // with the same efficiency a larger signal-scale uncertainty gives a larger N_up.
        Assert.True(points[0].YieldRelativeUncertainty < points[2].YieldRelativeUncertainty);
        Assert.True(points[2].YieldRelativeUncertainty > 0.3);
        Assert.True(points[0].NUp < points[2].NUp);
        foreach (var p in points)
            Assert.True(p.SignalRelativeUncertainty >= p.YieldRelativeUncertainty);
        // The projections use the same per-mass values.
        foreach (var projection in analysis.Projections)
            Assert.Equal(points.Select(p => p.YieldRelativeUncertainty), projection.Points.Select(p => p.YieldRelativeUncertainty));
    }

    [Fact]
    public void A_flat_value_from_the_spec_replaces_the_model_at_every_mass()
    {
        var analysis = CampaignAnalysis.From(Samples(), DetectorConditions.Default, new CampaignAnalysisOptions { YieldRelativeUncertainty = 0.1 });

        Assert.Equal("flat", analysis.YieldUncertaintyModel);
        Assert.All(analysis.Limits!.Points, p => Assert.Equal(0.1, p.YieldRelativeUncertainty));
        // Same efficiency, same flat systematic: the three masses share N_up.
        Assert.Single(analysis.Limits.Points.Select(p => p.NUp).Distinct());
        Assert.Equal(0.1, analysis.Inputs!.YieldRelativeUncertainty);
    }

    [Fact]
    public void Conditions_without_an_exact_tree_level_table_still_carry_the_difference_of_the_two_calculations()
    {
        var c = DetectorConditions.Default;
        var uncorrected = c with { APrime = c.APrime with { KFactorTable = KFactorTable.Unity } };

        var analysis = CampaignAnalysis.From(Samples(), uncorrected, new CampaignAnalysisOptions());

        Assert.Equal(0.0, APrimeTheoryUncertainty.YieldRelative(uncorrected, 1000));
        var heavy = analysis.Limits!.Points.Single(p => p.MassMeV == 1000);
        Assert.Equal(APrimeTheoryUncertainty.YieldRelative(c, 1000), heavy.YieldRelativeUncertainty, 15);
    }
}
