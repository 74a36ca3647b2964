using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Analysis;

/// <summary>The campaign's per-source background table (docs/physics.md §8): which sample each source comes from, the total, and what the limits take.</summary>
public sealed class BackgroundTableTests
{
    private static readonly DetectorConditions C = DetectorConditions.Default;
    private const int Dimuon = 1, Tail = 3, DecayToElectron = 10, None = EventSummary.SourceSlots - 1;

    /// <summary>A sample of <paramref name="events"/> events of weight <paramref name="weight"/> under source <paramref name="slot"/>, <paramref name="inBox"/> of them in the box.</summary>
    private static SampleResult Sample(string name, SampleKind kind, long events, int slot, long inBox, double weight = 1, long boxOfSlot10 = 0)
    {
        var s = new EventSummary { Eot = kind == SampleKind.Beam ? events : 0, Events = events };
        var w = FixedPointWeight.FromDouble(weight);
        var w2 = FixedPointWeight.FromDouble(weight * weight);
        s.CutFlow[(int)Cut.All] = events;
        s.WeightedCutFlow[(int)Cut.All] = events * w;
        s.CutFlow[(int)Cut.SignalBox] = inBox + boxOfSlot10;
        s.WeightedCutFlow[(int)Cut.SignalBox] = (inBox + boxOfSlot10) * w;
        s.WeightedSquaredCutFlow[(int)Cut.SignalBox] = (inBox + boxOfSlot10) * w2;
        s.SourceEvents[slot] = events - boxOfSlot10;
        s.WeightedSourceEvents[slot] = (events - boxOfSlot10) * w;
        s.SourceInSignalBox[slot] = inBox;
        s.WeightedSourceInSignalBox[slot] = inBox * w;
        s.WeightedSquaredSourceInSignalBox[slot] = inBox * w2;
        var box = SidebandCells.Index(0, 0);
        s.SourceCellEvents[slot * SidebandCells.Count + box] = inBox;
        s.WeightedSourceCell[slot * SidebandCells.Count + box] = inBox * w;
        s.WeightedSquaredSourceCell[slot * SidebandCells.Count + box] = inBox * w2;
        if (boxOfSlot10 > 0)
        {
            s.SourceEvents[DecayToElectron] = s.SourceInSignalBox[DecayToElectron] = boxOfSlot10;
            s.WeightedSourceEvents[DecayToElectron] = s.WeightedSourceInSignalBox[DecayToElectron] = s.WeightedSquaredSourceInSignalBox[DecayToElectron] = boxOfSlot10 * w;
        }
        return new SampleResult(name, new SampleDescriptor(kind, 0, 0, 7) { Bias = weight < 1 ? 1 / weight : 1 }, s, false);
    }

    [Fact]
    public void Each_source_comes_from_the_samples_made_for_it_samples_of_a_kind_merge_and_the_rows_add_up_to_the_total()
    {
        // Two beam samples (2000 EOT together) with 2 low-energy-tail electrons in the box, and one natural K → eν that
        // the K⁻ sample replaces; 1000 forced K⁻ of weight 0.01 with 4 in the box; 100 forced pairs, none in the box.
        List<SampleResult> samples =
        [
            Sample("beam", SampleKind.Beam, 1000, Tail, 2, boxOfSlot10: 1),
            Sample("beam-2", SampleKind.Beam, 1000, None, 0),
            Sample("kaon", SampleKind.Kaon, 1000, DecayToElectron, 4, weight: 0.01),
            Sample("dimuon", SampleKind.Dimuon, 100, Dimuon, 0),
        ];
        var analysis = CampaignAnalysis.From(samples, C, new CampaignAnalysisOptions { ProjectedEot = [2e4] });
        var table = analysis.Backgrounds!;

        Assert.Equal(2000, table.ReferenceEot);
        var bySource = table.Rows.ToDictionary(r => r.Source);
        Assert.DoesNotContain("a-prime", bySource.Keys);
        Assert.Equal(["beam", "beam-2"], bySource["low-energy-tail"].Samples);
        Assert.Equal(2, bySource["low-energy-tail"].Estimate.Expected, 12);
        Assert.Equal(Math.Sqrt(2), bySource["low-energy-tail"].Estimate.StatUncertainty, 12);
        Assert.Equal(["kaon"], bySource["decay-to-electron"].Samples);
        var kaonScale = 2000 / (1000 / C.Beam.KaonFraction);
        Assert.Equal(0.04 * kaonScale, bySource["decay-to-electron"].Estimate.Expected, 12);
        var reached = 1000 / C.Beam.KaonFraction / 0.01; // the forced sample's exposure over its mean weight
        Assert.Equal(reached, bySource["decay-to-electron"].McTruth.EquivalentEot, reached * 1e-12);
        Assert.Equal(["dimuon"], bySource["dimuon"].Samples);
        Assert.True(bySource["dimuon"].Estimate.IsUpperBound);
        // No side-band estimate: the MC has nothing in either side-band to normalise.
        Assert.All(table.Rows, r => Assert.Equal(SourceBackground.MethodName, r.Method));

        // The total adds the estimated rows; the bounds are summed beside it.
        Assert.Equal(2 + 0.04 * kaonScale, table.Total.Expected, 12);
        Assert.Equal(Math.Sqrt(2 + 4 * 1e-4 * kaonScale * kaonScale), table.Total.StatUncertainty, 12);
        var pairsEot = 100 / (C.Beam.NominalElectronFraction * DimuonExpectation.For(C).PairsPerEot);
        Assert.Equal(SourceBackground.ZeroCountUpperBound68 * 2000 / pairsEot, bySource["dimuon"].Estimate.UpperBound, 12);
        // The beam's empty sources are one zero count of 2000 unit-weight events (bound 1.148), the pairs' another.
        Assert.Equal(SourceBackground.ZeroCountUpperBound68 * (1 + 2000 / pairsEot), table.BoundsNotInTotal, 12);

        // The limits and their projection take that total, the projection scaled with its uncertainty.
        Assert.Equal(BackgroundTable.TotalMethod, analysis.LimitBackgroundMethod);
        Assert.Equal(table.Total.Expected, analysis.Inputs!.Background.Expected, 12);
        Assert.Equal(table.Total.TotalUncertainty, analysis.Inputs.Background.Uncertainty, 12);
    }

    [Fact]
    public void A_biased_beam_gives_only_what_its_bias_forces_and_is_not_the_reference()
    {
        // 1000 unbiased beam events (the reference) with a tail electron in the box; 10⁴ forced electro-nuclear
        // interactions of weight 10⁻⁶ with 3 in the box, and a hadron interaction the unbiased beam must not be merged with.
        const int ElectroNuclear = 11, HadronInteraction = 4;
        var biased = Sample("beam-bias1e7", SampleKind.Beam, 10_000, ElectroNuclear, 3, weight: 1e-6);
        biased = biased with { Sample = biased.Sample with { Bias = 1e7 } };
        biased.Summary.SourceEvents[HadronInteraction] = 1;
        biased.Summary.WeightedSourceEvents[HadronInteraction] = FixedPointWeight.FromDouble(1);
        biased.Summary.SourceInSignalBox[HadronInteraction] = 1;
        biased.Summary.WeightedSourceInSignalBox[HadronInteraction] = biased.Summary.WeightedSquaredSourceInSignalBox[HadronInteraction] = FixedPointWeight.FromDouble(1);
        List<SampleResult> samples = [Sample("beam", SampleKind.Beam, 1000, Tail, 1), biased];

        var analysis = CampaignAnalysis.From(samples, C, new CampaignAnalysisOptions());
        var bySource = analysis.Backgrounds!.Rows.ToDictionary(r => r.Source);

        Assert.Equal(["beam"], analysis.ReferenceSamples);
        Assert.Equal(1000, analysis.ReferenceEot);
        Assert.Equal(["beam-bias1e7"], bySource["electro-nuclear"].Samples);
        // Σw 3 × 10⁻⁶ over an exposure of 10⁴ EOT, scaled to the reference's 10³.
        Assert.Equal(3e-6 * 1000 / 10_000, bySource["electro-nuclear"].Estimate.Expected, 15);
        Assert.Equal(["beam"], bySource["hadron-interaction"].Samples);
        Assert.True(bySource["hadron-interaction"].Estimate.IsUpperBound);
        Assert.Equal(1, bySource["low-energy-tail"].Estimate.Expected, 12);
    }

    [Fact]
    public void An_electron_sample_gives_the_photo_nuclear_reactions_and_the_beam_keeps_its_own_other_sources()
    {
        // 1000 beam events (the reference) with one natural reaction, not in the box; 10⁴ forced reactions of weight
        // 10⁻³, 2 in the box.
        const int PhotoNuclear = 12;
        List<SampleResult> samples =
        [
            Sample("beam", SampleKind.Beam, 1000, PhotoNuclear, 0),
            Sample("electron-bias1e3", SampleKind.Electron, 10_000, PhotoNuclear, 2, weight: 1e-3),
        ];
        var analysis = CampaignAnalysis.From(samples, C, new CampaignAnalysisOptions());
        var bySource = analysis.Backgrounds!.Rows.ToDictionary(r => r.Source);

        Assert.Equal(["beam"], analysis.ReferenceSamples);
        Assert.Equal(["electron-bias1e3"], bySource["photo-nuclear"].Samples);
        Assert.Equal(SampleKind.Electron, bySource["photo-nuclear"].SampleKind);
        // Σw 2 × 10⁻³ over 10⁴ electrons, i.e. 10⁴ / 0.977 EOT, scaled to the reference's 10³.
        var exposure = 10_000 / C.Beam.NominalElectronFraction;
        Assert.Equal(2e-3 * 1000 / exposure, bySource["photo-nuclear"].Estimate.Expected, 15);
        Assert.Equal(["beam"], bySource["low-energy-tail"].Samples);
    }

    [Fact]
    public void On_data_a_source_that_dominates_its_side_band_takes_the_side_band_normalised_estimate()
    {
        // Data: 1000 EOT with 6 events in the ECAL side-band; the K⁻ MC (shape: 4 in the box, 12 in C) normalised there.
        var data = new EventSummary { Eot = 1000, Events = 1000 };
        data.CutFlow[(int)Cut.All] = 1000;
        data.WeightedCutFlow[(int)Cut.All] = 1000 * FixedPointWeight.FromDouble(1);
        var c = SidebandCells.Index(1, 0);
        data.CellEvents[c] = 6;
        data.WeightedCell[c] = data.WeightedSquaredCell[c] = 6 * FixedPointWeight.FromDouble(1);
        var kaon = Sample("kaon", SampleKind.Kaon, 1000, DecayToElectron, 4, weight: 0.01);
        var k = kaon.Summary;
        k.SourceCellEvents[DecayToElectron * SidebandCells.Count + c] = 12;
        k.WeightedSourceCell[DecayToElectron * SidebandCells.Count + c] = 12 * FixedPointWeight.FromDouble(0.01);
        k.WeightedSquaredSourceCell[DecayToElectron * SidebandCells.Count + c] = 12 * FixedPointWeight.FromDouble(1e-4);
        List<SampleResult> samples = [new SampleResult("run1", new SampleDescriptor(SampleKind.Data, 0, 0, 0), data, true), kaon];

        var table = CampaignAnalysis.From(samples, C, new CampaignAnalysisOptions()).Backgrounds!;

        var row = Assert.Single(table.Rows);
        Assert.Equal("decay-to-electron", row.Source);
        Assert.Equal("sideband:C", row.Method);
        Assert.Equal(6 * 4 / 12.0, row.Estimate.Expected, 12);
        Assert.Equal(row.Estimate.Expected, table.Total.Expected, 12);
        Assert.Equal(BackgroundTable.TotalMethod, CampaignAnalysis.From(samples, C, new CampaignAnalysisOptions()).LimitBackgroundMethod);
    }

    [Fact]
    public void Without_background_mc_the_limits_take_the_abcd_estimate_of_the_data_where_its_regions_are_populated()
    {
        var data = new EventSummary { Eot = 1000, Events = 1000 };
        data.CutFlow[(int)Cut.All] = 1000;
        foreach (var (x, y, n) in new[] { (20.5, 0.5, 2), (20.5, 5.5, 2), (60.5, 0.5, 1), (60.5, 5.5, 8) })
            for (var i = 0; i < n; i++) data.EcalVsHcal.Fill(x, y);
        var analysis = CampaignAnalysis.From([new SampleResult("run1", new SampleDescriptor(SampleKind.Data, 0, 0, 0), data, true)], C, new CampaignAnalysisOptions());
        Assert.Null(analysis.Backgrounds);
        Assert.Equal(AbcdBackground.MethodName, analysis.LimitBackgroundMethod);
        Assert.Equal(0.25, analysis.Inputs!.Background.Expected, 12);
    }

    [Fact]
    public void With_no_source_in_the_box_the_total_is_the_bound_of_the_samples_zero_counts()
    {
        List<SampleResult> samples = [Sample("beam", SampleKind.Beam, 1000, None, 0), Sample("dimuon", SampleKind.Dimuon, 100, Dimuon, 0)];
        var table = CampaignAnalysis.From(samples, C, new CampaignAnalysisOptions()).Backgrounds!;
        Assert.True(table.Total.IsUpperBound);
        var beamBound = table.Rows.Where(r => r.SampleKind == SampleKind.Beam).Max(r => r.Estimate.UpperBound);
        Assert.Equal(SourceBackground.ZeroCountUpperBound68, beamBound, 12);
        Assert.Equal(beamBound + table.Rows.Single(r => r.Source == "dimuon").Estimate.UpperBound, table.Total.UpperBound, 12);
        Assert.Equal(0, table.BoundsNotInTotal);
    }
}
