using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Analysis;

/// <summary>Each sample's equivalent exposure, and the reference EOT that backgrounds are scaled to (docs/physics.md §9).</summary>
public sealed class SampleExposureTests
{
    private static readonly DetectorConditions C = DetectorConditions.Default;

    private static SampleResult Sample(string name, SampleKind kind, long events, long inBox = 0, bool fromFiles = false, double mass = 0)
    {
        var s = new EventSummary { Eot = events, Events = events };
        var one = FixedPointWeight.FromDouble(1);
        s.CutFlow[(int)Cut.All] = events;
        s.WeightedCutFlow[(int)Cut.All] = events * one;
        s.CutFlow[(int)Cut.SignalBox] = inBox;
        s.WeightedCutFlow[(int)Cut.SignalBox] = inBox * one;
        s.WeightedSquaredCutFlow[(int)Cut.SignalBox] = inBox * one;
        return new SampleResult(name, new SampleDescriptor(kind, mass, kind == SampleKind.Signal ? 1e-4 : 0, 7), s, fromFiles);
    }

    [Fact]
    public void Each_kind_stands_for_the_eot_that_holds_as_many_of_its_events()
    {
        Assert.Equal(new SampleExposure("d", 5000, SampleExposure.DataBasis), SampleExposure.Of(Sample("d", SampleKind.Data, 5000, fromFiles: true), C));
        Assert.Equal(new SampleExposure("b", 5000, SampleExposure.BeamBasis), SampleExposure.Of(Sample("b", SampleKind.Beam, 5000), C));
        Assert.Equal(new SampleExposure("b", 5000, SampleExposure.DataBasis), SampleExposure.Of(Sample("b", SampleKind.Beam, 5000, fromFiles: true), C));
        Assert.Equal(new SampleExposure("h", 5000 / C.Beam.PionFraction, SampleExposure.HadronBasis), SampleExposure.Of(Sample("h", SampleKind.Hadron, 5000), C));
        Assert.Equal(new SampleExposure("k", 5000 / C.Beam.KaonFraction, SampleExposure.KaonBasis), SampleExposure.Of(Sample("k", SampleKind.Kaon, 5000), C));
        Assert.Equal(new SampleExposure("e", 5000 / C.Beam.NominalElectronFraction, SampleExposure.ElectronBasis), SampleExposure.Of(Sample("e", SampleKind.Electron, 5000), C));
        var pairsPerElectron = C.Beam.NominalElectronFraction * DimuonExpectation.For(C).PairsPerEot;
        Assert.Equal(new SampleExposure("m", 5000 / pairsPerElectron, SampleExposure.DimuonBasis), SampleExposure.Of(Sample("m", SampleKind.Dimuon, 5000), C));
        Assert.Equal(new SampleExposure("s", null, SampleExposure.SignalBasis), SampleExposure.Of(Sample("s", SampleKind.Signal, 5000, mass: 16.7), C));
        // The default beam: 1% π⁻ (conditions-default.json); 97.7% nominal electrons making ≈ 6.5 × 10⁻⁵ pairs each.
        Assert.Equal(5e5, SampleExposure.Of(Sample("h", SampleKind.Hadron, 5000), C).EquivalentEot);
        Assert.InRange(SampleExposure.Of(Sample("m", SampleKind.Dimuon, 5000), C).EquivalentEot!.Value, 5000 / 7.5e-5, 5000 / 5.5e-5);
        // A beam without pions: a hadron sample stands for no exposure at all.
        var noPions = C with { Beam = C.Beam with { PionFraction = 0 } };
        Assert.Null(SampleExposure.Of(Sample("h", SampleKind.Hadron, 5000), noPions).EquivalentEot);
    }

    [Fact]
    public void The_reference_is_the_data_read_from_files_else_the_beam_and_never_adds_signal_events()
    {
        List<SampleResult> mc = [Sample("signal", SampleKind.Signal, 9000, mass: 1), Sample("beam", SampleKind.Beam, 4000), Sample("hadron", SampleKind.Hadron, 100)];
        Assert.Equal(["beam"], SampleExposure.ReferenceSamples(mc).Select(s => s.Name));
        Assert.Equal(4000, SampleExposure.ReferenceEot(mc));

        // A biased beam is background MC: its events are weighted, not counted as a detector would count them.
        var biased = new SampleDescriptor(SampleKind.Beam, 0, 0, 8) { Bias = 1e7 };
        Assert.False(SampleExposure.IsReference(biased));
        List<SampleResult> withBiased = [.. mc, new SampleResult(biased.Name, biased, new EventSummary { Eot = 9000, Events = 9000 }, false)];
        Assert.Equal(["beam"], SampleExposure.ReferenceSamples(withBiased).Select(s => s.Name));
        Assert.Equal(4000, SampleExposure.ReferenceEot(withBiased));
        // Read from files (raw format v2 records the bias), the same.
        List<SampleResult> biasedFiles = [new SampleResult(biased.Name, biased, new EventSummary { Eot = 9000, Events = 9000 }, true)];
        Assert.Empty(SampleExposure.ReferenceSamples(biasedFiles));

        List<SampleResult> raw = [Sample("run2", SampleKind.Data, 300, fromFiles: true), Sample("run1", SampleKind.Data, 200, fromFiles: true)];
        Assert.Equal(["run1", "run2"], SampleExposure.ReferenceSamples(raw).Select(s => s.Name));
        Assert.Equal(500, SampleExposure.ReferenceEot(raw));
    }

    [Fact]
    public void A_hadron_samples_background_is_scaled_by_its_equivalent_exposure_not_its_event_count()
    {
        // 10⁷ EOT of beam with an empty box; 10⁴ π⁻ (10⁶ EOT) with 3 in the box; 10³ forced pairs (1000 / (f_e R_μμ) EOT,
        // ≈ 1.6 × 10⁷) with 2.
        List<SampleResult> samples = [Sample("beam", SampleKind.Beam, 10_000_000), Sample("hadron", SampleKind.Hadron, 10_000, inBox: 3), Sample("dimuon", SampleKind.Dimuon, 1000, inBox: 2)];

        var analysis = CampaignAnalysis.From(samples, C, new CampaignAnalysisOptions());

        Assert.Equal(10_000_000, analysis.ReferenceEot);
        var hadron = analysis.McSources.Single(m => m.Sample == "hadron");
        Assert.Equal(1e6, hadron.EquivalentEot);
        Assert.Equal(SampleExposure.HadronBasis, hadron.ExposureBasis);
        Assert.Equal(3 * 10.0, hadron.Total.Expected, 9);
        var dimuon = analysis.McSources.Single(m => m.Sample == "dimuon");
        var pairsEot = 1000 / (C.Beam.NominalElectronFraction * DimuonExpectation.For(C).PairsPerEot);
        Assert.Equal(pairsEot, dimuon.EquivalentEot, 6);
        Assert.Equal(2 * 1e7 / pairsEot, dimuon.Total.Expected, 9);
        Assert.Equal(["beam", "dimuon", "hadron"], analysis.Exposures.Select(e => e.Sample));
    }
}
