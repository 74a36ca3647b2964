using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Simulation;

/// <summary>π/K decays in flight (docs/physics.md §4a): their rates, kinematics and the exact weights of a biased sample.</summary>
public sealed class HadronDecayTests
{
    private static readonly DetectorConditions s_c = DetectorConditions.Default;
    private const double KaonMassGeV = 0.493677, KaonCTauM = 3.7114;

    /// <summary>q(p) = (1 − e^{−L/λ}) · (BR(K_e3) + BR(K → eν)), λ = p/m · cτ: the electron-channel probability of a K⁻ of momentum p.</summary>
    private static double ElectronChannelProbability(double p) =>
        -double.ExpM1(-s_c.Beam.DecayRegionM / (p / KaonMassGeV * KaonCTauM)) * (HadronDecay.KaonE3Branching + HadronDecay.KaonENuBranching);

    private static EventSummary Run(double bias, int events, ulong seed) =>
        new ChunkProcessor(s_c).Process(new SimulatedChunk(new SampleDescriptor(SampleKind.Kaon, 0, 0, seed) { Bias = bias }, 1, 0, 0, 0, events));

    private static double W(WeightSum sum) => FixedPointWeight.ToDouble(sum);

    [Fact]
    public void An_unbiased_kaon_beam_decays_to_muons_and_electrons_at_the_rates_of_its_lifetime_and_branching_ratios_with_weight_one()
    {
        var g = new EventGenerator(s_c, new SampleDescriptor(SampleKind.Kaon, 0, 0, 901));
        var ev = RawEvent.For(s_c);
        const int n = 100_000;
        int muons = 0, electrons = 0;
        for (var i = 0L; i < n; i++)
        {
            g.Generate(0, i, ev);
            Assert.Equal(ParticleKind.Kaon, ev.Truth.Particle);
            Assert.Equal(1.0, ev.Truth.Weight);
            if ((ev.Truth.Flags & TruthFlags.DecayInFlight) != 0) muons++;
            if ((ev.Truth.Flags & TruthFlags.DecayToElectron) != 0) electrons++;
        }
        var inRegion = -double.ExpM1(-s_c.Beam.DecayRegionM / (s_c.Beam.EnergyGeV / KaonMassGeV * KaonCTauM));
        AssertPoisson(muons, n * inRegion * HadronDecay.KaonMuNuBranching);
        AssertPoisson(electrons, n * ElectronChannelProbability(s_c.Beam.EnergyGeV));
    }

    [Fact]
    public void A_forced_decay_happens_in_every_event_and_weighs_it_by_the_true_probability_of_its_momentum()
    {
        var g = new EventGenerator(s_c, new SampleDescriptor(SampleKind.Kaon, 0, 0, 902) { Bias = 1e12 });
        var ev = RawEvent.For(s_c);
        const int n = 20_000;
        for (var i = 0L; i < n; i++)
        {
            g.Generate(0, i, ev);
            Assert.Equal(TruthFlags.DecayToElectron, ev.Truth.Flags & (TruthFlags.DecayToElectron | TruthFlags.DecayInFlight));
            Assert.Equal(ElectronChannelProbability(ev.Truth.MomentumGeV), ev.Truth.Weight, 1e-15);
        }
    }

    [Fact]
    public void The_decay_products_never_carry_more_than_the_kaon_and_the_neutrino_takes_its_share()
    {
        var decay = new HadronDecay(s_c, 1e12);
        var missing = new List<double>();
        for (var i = 0UL; i < 20_000; i++)
        {
            var rng = EventRandom.ForEvent(903, 0, (long)i);
            var track = new Trajectory { DecayZM = double.PositiveInfinity };
            decay.Decay(ref rng, ParticleKind.Kaon, 100, ref track, out var products);
            Assert.True(products.ToElectron);
            var visible = products.DaughterEnergyGeV + products.NeutralPionEnergyGeV;
            var kaonEnergy = Math.Sqrt(100 * 100 + KaonMassGeV * KaonMassGeV);
            Assert.InRange(visible, 0, kaonEnergy);
            Assert.InRange(track.DecayZM, s_c.Ecal.ZM - s_c.Beam.DecayRegionM, s_c.Ecal.ZM);
            Assert.Equal(products.Channel == DecayChannel.KaonE3, products.NeutralPionEnergyGeV > 0);
            missing.Add(kaonEnergy - visible);
        }
        // K_e3 dominates BR_e 5.01% : 0.0016%. In the rest frame the ν takes ⟨E_ν⟩ of the kaon's 0.494 GeV; boosted, the
        // missing energy spans (0, E_K) and a fixed share of the decays leaves more than half of it unseen: the events
        // that fall below the 50 GeV cut of the signal box.
        var aboveHalf = missing.Count(m => m > 50) / (double)missing.Count;
        Assert.InRange(aboveHalf, 0.05, 0.5);
    }

    [Fact]
    public void Biased_and_unbiased_kaon_samples_agree_within_errors_on_every_weighted_cut_and_on_the_electron_decays()
    {
        // B = 100 makes 12% of the kaons decay to an electron, each weighted 1/100, the others weighted (1 − q)/(1 − 100q).
        var unbiased = Run(1, 150_000, 904);
        var biased = Run(100, 30_000, 905);
        double scale = 150_000 / 30_000.0;
        for (var k = 0; k < unbiased.CutFlow.Length; k++)
            AssertAgree(((Cut)k).ToString(), W(unbiased.WeightedCutFlow[k]), W(unbiased.WeightedSquaredCutFlow[k]),
                scale * W(biased.WeightedCutFlow[k]), scale * scale * W(biased.WeightedSquaredCutFlow[k]));
        const int slot = 10; // DecayToElectron
        Assert.True(biased.SourceEvents[slot] > 50 * unbiased.SourceEvents[slot] / scale, "the bias multiplies the decays it simulates");
        AssertAgree("decay-to-electron", W(unbiased.WeightedSourceEvents[slot]), unbiased.SourceEvents[slot],
            scale * W(biased.WeightedSourceEvents[slot]), scale * scale * biased.SourceEvents[slot] * 0.01 * 0.01);
    }

    [Fact]
    public void Forced_kaon_decays_reach_the_signal_box_where_an_unbiased_sample_of_the_same_size_sees_none()
    {
        // The decay electron's kink takes it through the SRD modules' face: its ionisation and the first X₀ of its
        // shower, within the modules' window, tag it as an electron.
        var forced = Run(1e12, 200_000, 906);
        var unbiased = Run(1, 200_000, 906);
        Assert.Equal(0, unbiased.CutFlow[(int)Cut.SignalBox]);
        var box = forced.CutFlow[(int)Cut.SignalBox];
        Assert.True(box > 0, "no forced decay reached the signal box");
        Assert.Equal(box, forced.SourceInSignalBox[10]);
        // Every forced event weighs about q ≈ 1.2 × 10⁻³: the box's Σw is its count times that.
        Assert.Equal(box * ElectronChannelProbability(100), W(forced.WeightedSourceInSignalBox[10]), box * 3e-5);
    }

    private static void AssertPoisson(int count, double mean) => Assert.InRange(count, mean - 4 * Math.Sqrt(mean) - 1, mean + 4 * Math.Sqrt(mean) + 1);

    /// <summary>|a − b| within 4σ of the combined errors (σ² the sums of squared weights).</summary>
    private static void AssertAgree(string what, double a, double a2, double b, double b2)
    {
        var sigma = Math.Sqrt(a2 + b2);
        Assert.True(Math.Abs(a - b) <= 4 * sigma + 1e-12, $"{what}: unbiased {a:G6} vs biased {b:G6} (σ = {sigma:G4})");
    }
}
