using System.Text;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Summary;

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
        var b = new VisibleKaonShortBackground(s_2017);
        // N_A X₀ρ/A · A(1 − 0.072 ln A) · 115 μb for tungsten, times the track length of photons with x ≥ 50/100 GeV.
        const double a = 183.84;
        var perX0 = 0.3504 * 19.3 * 6.02214076e23 / a * (a * (1 - 0.072 * Math.Log(a))) * 115e-30;
        Assert.Equal(perX0 * ShowerPhotoNuclear.TrackLengthX0(0.5), b.ReactionPerEot, b.ReactionPerEot * 1e-12);
        Assert.InRange(b.ReactionPerEot, 8.3e-5, 8.4e-5);
        // A photon crossing the 0.0092 X₀ of the region converts with 1 − e^(−7/9 · 0.0092).
        Assert.Equal(-double.ExpM1(-7.0 / 9.0 * 0.0092), b.ConversionProbability, 1e-15);
    }

    [Fact]
    public void Without_material_in_the_decay_region_no_photon_converts_and_there_is_no_background()
    {
        var flow = new VisibleKaonShortBackground(WithMaterial(0)).Run(5000, 3);
        Assert.Equal(5000, flow.Events);
        Assert.All(flow.WeightAfter, w => Assert.Equal(0, w));
    }

    [Fact]
    public void Of_the_decays_with_a_conversion_those_with_exactly_one_give_the_pair_counter_its_two_MIPs()
    {
        // 0.3 X₀: p = 0.208 per photon, and of the decays with a conversion 4p(1 − p)³ / (1 − (1 − p)⁴) = 0.614 have one.
        var background = new VisibleKaonShortBackground(WithMaterial(0.3));
        var p = background.ConversionProbability;
        var single = 4 * p * Math.Pow(1 - p, 3) / (1 - Math.Pow(1 - p, 4));
        var flow = background.Run(400_000, 5);
        Assert.Equal(["v2-quiet", "s4-pair", "ecal-energy", "energy-sum"], flow.Cuts);
        var (quiet, pair) = (flow.WeightAfter[1], flow.WeightAfter[2]);
        var effective = quiet * quiet / flow.SquaredWeightAfter[1];
        var share = pair / quiet;
        // Two MIPs pass S4's [1.5, 3] 98.8 % of the time (a MIP's 15 % spread); four or more never do, to 10⁻³.
        var expected = single * 0.988;
        var sigma = Math.Sqrt(expected * (1 - expected) / effective);
        Assert.True(effective > 300, $"{effective} effective events");
        Assert.InRange(share, expected - 4 * sigma - 0.002, expected + 4 * sigma + 0.002);
    }

    [Fact]
    public void Uneven_chunks_of_a_spill_add_up_to_the_whole_spill_bit_for_bit()
    {
        var background = new VisibleKaonShortBackground(s_2017);
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
    public void The_setups_backgrounds_are_below_one_event_at_their_exposures_and_fall_cut_by_cut()
    {
        foreach (var name in new[] { SetupCatalog.Visible2017, SetupCatalog.Visible2018 })
        {
            var setup = SetupCatalog.Find(name)!;
            var flow = new VisibleKaonShortBackground(setup).Run(200_000, 2026);
            for (var k = 1; k < flow.WeightAfter.Count; k++) Assert.True(flow.WeightAfter[k] <= flow.WeightAfter[k - 1]);
            // V2 removes most: the reaction's other charged hadrons leave the WCAL's last interaction length.
            Assert.True(flow.WeightAfter[1] < 0.01 * flow.WeightAfter[0]);
            var expected = setup.Exposure!.OnTarget * flow.WeightAfter[^1] / flow.Events;
            Assert.InRange(expected, 0.01, 1);
        }
    }
}
