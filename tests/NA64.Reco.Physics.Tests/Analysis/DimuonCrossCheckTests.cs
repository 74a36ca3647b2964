using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Analysis;

public sealed class DimuonCrossCheckTests
{
    private static readonly DetectorConditions C = DetectorConditions.Default;

    private static SampleResult Sample(string name, SampleKind kind, long events, long candidates, long trueCandidates, bool fromFiles = false)
    {
        var s = new EventSummary { Eot = events, Events = events, DimuonCandidates = candidates, TruthDimuonCandidates = trueCandidates };
        for (var i = 0; i < candidates; i++) s.DimuonCandidateEcal.Fill(i % 2 == 0 ? 41 : 71);
        return new SampleResult(name, new SampleDescriptor(kind, 0, 0, 3), s, fromFiles);
    }

    [Fact]
    public void The_ratio_is_the_candidates_over_eot_times_electrons_times_the_emitter_rate_times_the_efficiency()
    {
        var d = DimuonCrossCheck.From(
            [Sample("beam", SampleKind.Beam, 10_000_000, 100, 98), Sample("dimuon", SampleKind.Dimuon, 10_000, 3_000, 3_000)], C)!;

        var rate = DimuonExpectation.For(C).PairsPerEot;
        var f = 1 - C.Beam.PionFraction - C.Beam.KaonFraction - C.Beam.MuonFraction - C.Beam.LowEnergyTailFraction;
        var expected = 1e7 * f * rate * 0.3;
        Assert.Equal(["beam"], d.ReferenceSamples);
        Assert.Equal(["dimuon"], d.EfficiencySamples);
        Assert.Equal(0.3, d.Efficiency!.Value, 15);
        Assert.Equal(Math.Sqrt(0.3 * 0.7 / 10_000), d.EfficiencyError!.Value, 15);
        Assert.Equal(expected, d.Expected!.Value, expected * 1e-12);
        Assert.Equal(100 / expected, d.Ratio!.Value, 1e-12);
        Assert.Equal(10 / expected, d.RatioStatError!.Value, 1e-12);
        var effError = 100 / expected * Math.Sqrt(0.3 * 0.7 / 10_000) / 0.3;
        Assert.Equal(effError, d.RatioEfficiencyError!.Value, 1e-12);
        Assert.Equal(Math.Sqrt(100 / expected / expected + effError * effError), d.RatioError!.Value, 1e-12);
        Assert.Equal(100 / (0.3 * 1e7), d.MeasuredPerEot!.Value, 1e-15);
        Assert.Equal(98, d.SelectedTrueDimuons);
        Assert.Null(d.RatioUpper90);
        // The expected spectrum is the dimuon sample's, scaled to the expected count: its sum is N_exp.
        Assert.Equal(expected, d.ExpectedEcal!.Sum(), expected * 1e-12);
        Assert.Equal(50, d.SelectedEcal.Counts[d.SelectedEcal.BinOf(41)]);
    }

    [Fact]
    public void Without_a_dimuon_sample_there_is_no_efficiency_and_no_ratio_and_without_a_reference_no_check()
    {
        var d = DimuonCrossCheck.From([Sample("beam", SampleKind.Beam, 1_000_000, 7, 7)], C)!;
        Assert.Equal(7, d.Selected);
        Assert.Null(d.Efficiency);
        Assert.Null(d.Ratio);
        Assert.Null(d.RatioError);
        Assert.Null(d.ExpectedEcal);
        Assert.Null(DimuonCrossCheck.From([Sample("dimuon", SampleKind.Dimuon, 1000, 300, 300)], C));
    }

    [Fact]
    public void Data_has_no_truth_and_an_empty_selection_gives_an_upper_limit()
    {
        var d = DimuonCrossCheck.From(
            [Sample("run", SampleKind.Data, 1_000_000, 0, 0, fromFiles: true), Sample("dimuon", SampleKind.Dimuon, 1000, 250, 250)], C)!;
        Assert.Null(d.SelectedTrueDimuons);
        Assert.Equal(0, d.Ratio);
        Assert.Equal(2.302585092994046 / d.Expected!.Value, d.RatioUpper90!.Value, 1e-12);
    }
}
