using System.Text;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Summary;

using Decay = NA64.Reco.Physics.Simulation.APrime.VisibleKaonShortBackground.Decay;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

/// <summary>The visible programme's K⁰_S background from photo-nuclear reactions in the dump (docs/physics.md §8a, "Background").</summary>
public sealed class VisibleKaonShortBackgroundTests
{
    private static readonly Setup s_2017 = SetupCatalog.Find(SetupCatalog.Visible2017)!;

    /// <summary>visible-2017 with another material budget in its decay region.</summary>
    private static Setup WithMaterial(double x0)
    {
        var text = SetupCatalog.Text(SetupCatalog.Visible2017);
        Assert.Contains("\"materialX0\": 0.0092", text);
        return Setup.Parse(Encoding.UTF8.GetBytes(text.Replace("\"materialX0\": 0.0092", FormattableString.Invariant($"\"materialX0\": {x0}"))), "mine.json");
    }

    [Fact]
    public void The_rate_is_the_absorption_in_tungsten_of_the_photons_that_could_bring_the_ecal_to_its_cut()
    {
        var b = new VisibleKaonShortBackground(s_2017, Decay.NeutralPions);
        // N_A X₀ρ/A · A(1 − 0.072 ln A) · 115 μb for tungsten, times the track length of photons with x ≥ 50/100 GeV.
        const double a = 183.84;
        var perX0 = 0.3504 * 19.3 * 6.02214076e23 / a * (a * (1 - 0.072 * Math.Log(a))) * 115e-30;
        Assert.Equal(perX0 * ShowerPhotoNuclear.TrackLengthX0(0.5), b.ReactionPerEot, b.ReactionPerEot * 1e-12);
        Assert.InRange(b.ReactionPerEot, 8.3e-5, 8.4e-5);
        // A photon crossing the 0.0092 X₀ of the region converts with 1 − e^(−7/9 · 0.0092).
        Assert.Equal(-double.ExpM1(-7.0 / 9.0 * 0.0092), b.ConversionProbability, 1e-15);
    }

    [Fact]
    public void Without_material_in_the_decay_region_the_pairs_are_the_Dalitz_decays_and_two_of_them_fail_the_pair_window()
    {
        // Of the decays with a Dalitz pair, both π⁰ give one in B_D² / (1 − (1 − B_D)²) = B_D / (2 − B_D) = 0.59 %: four
        // MIPs, above S4's window; one pair's two MIPs pass it 98.8 % of the time (a MIP's 15 % spread).
        var flow = new VisibleKaonShortBackground(WithMaterial(0), Decay.NeutralPions).Run(400_000, 3);
        Assert.Equal(400_000, flow.Events);
        var (quiet, pair) = (flow.WeightAfter[1], flow.WeightAfter[2]);
        var effective = quiet * quiet / flow.SquaredWeightAfter[1];
        const double b = VisibleKaonShortBackground.DalitzBranching;
        var expected = (1 - b / (2 - b)) * 0.988;
        var sigma = Math.Sqrt(expected * (1 - expected) / effective);
        Assert.True(effective > 300, $"{effective} effective events");
        Assert.InRange(pair / quiet, expected - 4 * sigma - 0.002, expected + 4 * sigma + 0.002);
    }

    [Fact]
    public void The_material_adds_conversions_behind_the_decay_point_only()
    {
        // The same events with and without the region's material: each event's chance of a pair rises from the Dalitz
        // decays' 1 − (1 − B_D)² by the conversions in the material behind its decay point, never by all of it.
        const double b = VisibleKaonShortBackground.DalitzBranching;
        var none = new VisibleKaonShortBackground(WithMaterial(0), Decay.NeutralPions).Run(100_000, 4).WeightAfter[0];
        var some = new VisibleKaonShortBackground(WithMaterial(0.0092), Decay.NeutralPions).Run(100_000, 4).WeightAfter[0];
        var keep = 1 - VisibleKaonShortBackground.ConversionOver(0.0092);
        var all = (1 - (1 - b) * (1 - b) * Math.Pow(keep, 4)) / (1 - (1 - b) * (1 - b));
        Assert.InRange(some / none, 1.05, all - 0.05);
    }

    [Fact]
    public void Uneven_chunks_of_a_spill_add_up_to_the_whole_spill_bit_for_bit()
    {
        var background = new VisibleKaonShortBackground(s_2017, Decay.NeutralPions);
        var whole = new EventSummary();
        background.Simulate(2, 0, 20_000, 11, whole);
        var chunks = new EventSummary();
        foreach (var (first, count) in new[] { (0L, 3000), (3000L, 9000), (12_000L, 8000) })
        {
            var part = new EventSummary();
            background.Simulate(2, first, count, 11, part);
            chunks.Merge(part);
        }
        Assert.Equal(whole.CanonicalBytes(), chunks.CanonicalBytes());
        Assert.True(FixedPointWeight.ToDouble(whole.VisibleWeightAfter[0]) > 0);
    }

    [Fact]
    public void A_charged_pion_pair_fires_the_pair_counter_without_any_material_and_its_showers_leak_out_of_the_ecal()
    {
        var flow = new VisibleKaonShortBackground(WithMaterial(0), Decay.ChargedPions).Run(200_000, 6);
        var (quiet, pair, ecal, sum) = (flow.WeightAfter[1], flow.WeightAfter[2], flow.WeightAfter[3], flow.WeightAfter[4]);
        // Both pions cross S4: its two MIPs pass the window 98.8 % of the time, whatever the material.
        var effective = quiet * quiet / flow.SquaredWeightAfter[1];
        var sigma = Math.Sqrt(0.988 * 0.012 / effective);
        Assert.InRange(pair / quiet, 0.988 - 4 * sigma - 0.002, 0.988 + 4 * sigma + 0.002);
        // The ECAL's 1.3 λ hold the pions' EM parts and little of their hadronic ones: far fewer reach the 50 GeV cut
        // and the energy sum than the photons of π⁰π⁰ do (whose ECAL reads the whole kaon).
        var neutral = new VisibleKaonShortBackground(WithMaterial(0), Decay.NeutralPions).Run(200_000, 6);
        Assert.True(sum / pair < 0.5 * (neutral.WeightAfter[4] / neutral.WeightAfter[2]), $"{sum / pair} against {neutral.WeightAfter[4] / neutral.WeightAfter[2]}");
        Assert.True(ecal > sum && ecal > 0);
    }

    [Theory]
    // π⁺π⁻: no event of 10⁶ passes; the documented error is its bound of zero counts.
    [InlineData(SetupCatalog.Visible2017, Decay.NeutralPions, 0.504, 0.022)]
    [InlineData(SetupCatalog.Visible2017, Decay.ChargedPions, 0, 0.066)]
    [InlineData(SetupCatalog.Visible2018, Decay.NeutralPions, 0.095, 0.0062)]
    [InlineData(SetupCatalog.Visible2018, Decay.ChargedPions, 0, 0.039)]
    public void The_setups_backgrounds_are_those_docs_physics_md_gives_within_their_errors(string name, Decay channel, double documented, double documentedError)
    {
        var setup = SetupCatalog.Find(name)!;
        var flow = new VisibleKaonShortBackground(setup, channel).Run(200_000, 2026);
        // V2 removes most: the reaction's other charged hadrons leave the WCAL's last interaction length.
        Assert.True(flow.WeightAfter[1] < 0.01 * flow.WeightAfter[0]);
        var eot = setup.Exposure!.OnTarget;
        var expected = eot * flow.WeightAfter[^1] / flow.Events;
        var error = eot * Math.Sqrt(flow.SquaredWeightAfter[^1]) / flow.Events;
        var sigma = Math.Sqrt(error * error + documentedError * documentedError);
        Assert.InRange(expected, documented - 4 * sigma, documented + 4 * sigma);
    }
}
