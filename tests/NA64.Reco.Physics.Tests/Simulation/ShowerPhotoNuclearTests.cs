using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Simulation;

/// <summary>Photo-nuclear absorption of the shower's hard photons in the ECAL, and the K⁰_L that escape (docs/physics.md §4c).</summary>
public sealed class ShowerPhotoNuclearTests
{
    private static readonly DetectorConditions s_c = DetectorConditions.Default;
    private const int Slot = 12; // TruthFlags.PhotoNuclear
    /// <summary>The nominal beam's impact on ECAL and HCAL, and their depth in λ_int.</summary>
    private static readonly CaloImpact s_impact = new(266.5, -19.1, 306.6, 0);
    private static readonly double s_totalLambda = s_c.Ecal.InteractionLengths + s_c.Hcal.Modules * s_c.Hcal.InteractionLengthsPerModule;

    private static SampleDescriptor Electrons(ulong seed, double bias = 1) => new(SampleKind.Electron, 0, 0, seed) { Bias = bias };

    /// <summary>(1/x)[(4/3) ln(1/x) − (4/3)(1 − x) + (1 − x²)/2] · (9/7), written out again for the numerical checks.</summary>
    private static double TrackDensity(double x) => 9.0 / 7.0 / x * (4.0 / 3.0 * Math.Log(1 / x) - 4.0 / 3.0 * (1 - x) + (1 - x * x) / 2);

    /// <summary>∫ f(x) · dT/dx over [a, 1], <paramref name="n"/> trapezoids in ln x.</summary>
    private static double Integral(double a, Func<double, double> f, int n = 200_000)
    {
        double la = Math.Log(a), h = -la / n, sum = 0;
        for (var k = 0; k <= n; k++)
        {
            var x = Math.Exp(la + k * h);
            sum += (k == 0 || k == n ? 0.5 : 1) * f(x) * TrackDensity(x) * x;
        }
        return sum * h;
    }

    [Fact]
    public void The_probability_is_the_first_generation_photon_track_length_times_the_absorption_per_radiation_length_of_lead()
    {
        var pn = new ShowerPhotoNuclear(s_c, Electrons(1));
        var a = ShowerPhotoNuclear.MinEnergyFraction;
        Assert.Equal(Integral(a, _ => 1), ShowerPhotoNuclear.TrackLengthX0(a), 6);
        Assert.Equal(Integral(0.5, _ => 1), ShowerPhotoNuclear.TrackLengthX0(0.5), 6);
        // One X₀ of lead is 0.5612 cm × 11.35 g/cm³; its nuclei absorb like 207.2 (1 − 0.072 ln 207.2) nucleons of 115 μb.
        var perX0 = 0.5612 * 11.35 * 6.02214076e23 / 207.2 * 207.2 * (1 - 0.072 * Math.Log(207.2)) * 115e-30;
        Assert.Equal(perX0, pn.AbsorptionPerX0, perX0 * 1e-12);
        Assert.Equal(perX0 * ShowerPhotoNuclear.TrackLengthX0(a), pn.Probability, 1e-15);
        Assert.InRange(pn.Probability, 8e-4, 1e-3);
    }

    [Fact]
    public void Forced_photons_follow_the_track_length_spectrum_in_energy_and_depth_and_their_hadrons_share_the_energy()
    {
        var pn = new ShowerPhotoNuclear(s_c, Electrons(2, 1e6));
        var products = new ShowerPhotoNuclearProducts();
        const int n = 200_000;
        double sumX = 0, sumX2 = 0, sumDepth = 0, sumDepth2 = 0;
        var hard = 0;
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(pn.Probability, pn.Interact(0, i, 100, products));
            Assert.True(products.Happened);
            var x = products.PhotonGeV / 100;
            sumX += x;
            sumX2 += x * x;
            if (x > 0.5) hard++;
            sumDepth += products.DepthX0;
            sumDepth2 += products.DepthX0 * products.DepthX0;
            var energy = 0.0;
            for (var k = 0; k < products.Hadrons.Count; k++) energy += products.Hadrons.EnergyGeV[k];
            Assert.Equal(products.PhotonGeV, energy, 9);
        }
        var a = ShowerPhotoNuclear.MinEnergyFraction;
        var t = Integral(a, _ => 1);
        var meanX = Integral(a, x => x) / t;
        var sigmaX = Math.Sqrt(sumX2 / n - sumX / n * (sumX / n));
        Assert.Equal(meanX, sumX / n, 4 * sigmaX / Math.Sqrt(n));
        var hardShare = Integral(0.5, _ => 1) / t;
        Assert.InRange(hard, n * hardShare - 4 * Math.Sqrt(n * hardShare), n * hardShare + 4 * Math.Sqrt(n * hardShare));

        // Birth depth t_b given x has density ∝ S(x e^t) on [0, ln 1/x]; then an exponential path of mean 9/7 X₀.
        static double S(double y) => 4.0 / 3.0 - 4.0 / 3.0 * y + y * y;
        static double MeanBirth(double x)
        {
            const int m = 2000;
            double top = Math.Log(1 / x), h = top / m, num = 0, den = 0;
            for (var k = 0; k <= m; k++)
            {
                var w = k == 0 || k == m ? 0.5 : 1;
                var tb = k * h;
                num += w * tb * S(x * Math.Exp(tb));
                den += w * S(x * Math.Exp(tb));
            }
            return num / den;
        }
        // The birth depth is smooth in x: 4000 trapezoids of the outer integral, each an inner one of 2000.
        var meanDepth = Integral(a, MeanBirth, 4000) / t + 9.0 / 7.0;
        var sigmaDepth = Math.Sqrt(sumDepth2 / n - sumDepth / n * (sumDepth / n));
        Assert.Equal(meanDepth, sumDepth / n, 4 * sigmaDepth / Math.Sqrt(n));
    }

    [Fact]
    public void Of_the_neutral_hadrons_a_share_is_K_long_as_a_string_breaks_flavours()
    {
        // Neutral mesons from a quark of flavour i and an antiquark of flavour j, u : d : s = 1 : 1 : 0.217:
        // uū, dd̄, ss̄, ds̄, sd̄ neutral; the last two a K⁰ or K̄⁰, half of which are K⁰_L.
        double[] p = [1, 1, 0.217];
        var total = p.Sum();
        double neutral = 0, kaons = 0;
        int[] charge = [2, -1, -1]; // thirds of e for u, d, s; an antiquark has the opposite
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
            {
                if (charge[i] - charge[j] != 0) continue;
                var w = p[i] / total * (p[j] / total);
                neutral += w;
                if (i != j) kaons += w;
            }
        Assert.Equal(kaons / 2 / neutral, PhotonHadrons.LongLivedNeutralFraction, 12);

        var hadrons = new PhotonHadrons();
        var rng = new EventRandom(3);
        long neutrals = 0, longLived = 0;
        for (var i = 0; i < 100_000; i++)
        {
            hadrons.Draw(ref rng, 50, 0, 0);
            Assert.Equal(HadronKind.Charged, hadrons.Kind[0]);
            for (var k = 0; k < hadrons.Count; k++)
            {
                if (hadrons.Kind[k] == HadronKind.Charged) continue;
                neutrals++;
                if (hadrons.Kind[k] == HadronKind.LongLivedNeutral) longLived++;
            }
        }
        var expected = neutrals * PhotonHadrons.LongLivedNeutralFraction;
        Assert.InRange(longLived, expected - 4 * Math.Sqrt(expected), expected + 4 * Math.Sqrt(expected));
    }

    [Fact]
    public void A_hadron_made_inside_the_calorimeters_escapes_with_the_exponential_of_the_depth_left_and_a_neutral_one_leaves_nothing()
    {
        var calo = new CalorimeterSimulator(s_c, new DetectorGeometry(s_c));
        var impact = s_impact;
        var total = s_totalLambda;
        var rng = new EventRandom(4);
        const int n = 100_000;
        var escaped = 0;
        for (var i = 0; i < n; i++)
        {
            var flags = TruthFlags.None;
            var w = 1.0;
            calo.Clear();
            if (calo.AddHadronFrom(ref rng, 30, impact, total - 2, false, 0, ref w, ref flags) == 30) escaped++;
            Assert.Equal(1.0, w);
        }
        var p = Math.Exp(-2);
        Assert.InRange(escaped / (double)n, p - 4 * Math.Sqrt(p * (1 - p) / n), p + 4 * Math.Sqrt(p * (1 - p) / n));

        // Made at the very end, a K⁰_L escapes: without noise, HCAL and VETO read nothing.
        var quiet = s_c with
        {
            Hcal = s_c.Hcal with { NoiseMeV = 0, NoiseTailFraction = 0 },
            Veto = s_c.Veto with { NoiseMeV = 0, NoiseTailFraction = 0 },
        };
        var silent = new CalorimeterSimulator(quiet, new DetectorGeometry(quiet));
        var ev = RawEvent.For(quiet);
        var none = TruthFlags.None;
        var one = 1.0;
        silent.Clear();
        Assert.Equal(30, silent.AddHadronFrom(ref rng, 30, impact, total - 1e-12, false, 0, ref one, ref none));
        silent.Digitize(ref rng, ev);
        Assert.All(ev.HcalKeV, v => Assert.Equal(0, v));
        Assert.All(ev.VetoKeV, v => Assert.Equal(0, v));
        Assert.Equal(TruthFlags.None, none);
    }

    [Fact]
    public void A_forced_escape_weighs_the_natural_escape_probability_and_keeps_the_interactions()
    {
        var calo = new CalorimeterSimulator(s_c, new DetectorGeometry(s_c));
        var impact = s_impact;
        var total = s_totalLambda;
        var rng = new EventRandom(5);
        const int n = 100_000;
        // Two λ before the end, forced to escape half the time: the weighted escapes are e⁻², and the weights' mean 1.
        double escaped = 0, escaped2 = 0, all = 0, all2 = 0;
        for (var i = 0; i < n; i++)
        {
            var flags = TruthFlags.None;
            var w = 1.0;
            calo.Clear();
            if (calo.AddHadronFrom(ref rng, 30, impact, total - 2, false, 0.5, ref w, ref flags) == 30)
            {
                escaped += w;
                escaped2 += w * w;
            }
            all += w;
            all2 += w * w;
        }
        Assert.Equal(Math.Exp(-2), escaped / n, 4 * Math.Sqrt(escaped2) / n);
        Assert.Equal(1, all / n, 4 * Math.Sqrt(all2 / n - 1) / Math.Sqrt(n));

        // From the front of the ECAL the natural escape, e^{−31.3} ≈ 2.5 × 10⁻¹⁴, is out of reach but for the bias.
        double far = 0;
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            var flags = TruthFlags.None;
            var w = 1.0;
            calo.Clear();
            if (calo.AddHadronFrom(ref rng, 30, impact, 0, false, 0.5, ref w, ref flags) != 30) continue;
            far += w;
            count++;
        }
        Assert.InRange(count, n / 2 - 4 * Math.Sqrt(n / 4.0), n / 2 + 4 * Math.Sqrt(n / 4.0));
        Assert.Equal(Math.Exp(-total), far / n, Math.Exp(-total) * 4 * Math.Sqrt(1.0 / count));
    }

    [Fact]
    public void Biased_and_unbiased_electron_beams_agree_within_errors_on_every_weighted_cut()
    {
        // B = 560 makes half of the electrons lose a photon to a nucleus, and half of the K⁰_L escape.
        var unbiased = Run(Electrons(5), 400_000);
        var biased = Run(Electrons(6, 560), 40_000);
        var scale = 400_000 / 40_000.0;
        for (var k = 0; k < unbiased.CutFlow.Length; k++)
        {
            double a = W(unbiased.WeightedCutFlow[k]), a2 = W(unbiased.WeightedSquaredCutFlow[k]);
            double b = scale * W(biased.WeightedCutFlow[k]), b2 = scale * scale * W(biased.WeightedSquaredCutFlow[k]);
            Assert.True(Math.Abs(a - b) <= 4 * Math.Sqrt(a2 + b2) + 1e-12, $"{(Cut)k}: unbiased {a:G6} vs biased {b:G6}");
        }
        Assert.True(biased.SourceEvents[Slot] > 100 * unbiased.SourceEvents[Slot] / scale, "the bias multiplies the reactions");
        double u = W(unbiased.WeightedSourceEvents[Slot]), v = scale * W(biased.WeightedSourceEvents[Slot]);
        // Each forced reaction weighs q/q' = 1/560, times 2P or 2(1 − P) per K⁰_L: its Σw² is at most about 4 Σw / 560.
        Assert.True(Math.Abs(u - v) <= 4 * Math.Sqrt(u + scale * v * 4 / 560), $"reactions: unbiased {u} vs biased {v}");
        // Past the VETO the reactions land in the cells of the side-bands, and the forced escape reaches the box.
        for (var cell = 0; cell < SidebandCells.Count; cell++)
        {
            var i = Slot * SidebandCells.Count + cell;
            double c = W(unbiased.WeightedSourceCell[i]), c2 = W(unbiased.WeightedSquaredSourceCell[i]);
            double d = scale * W(biased.WeightedSourceCell[i]), d2 = scale * scale * W(biased.WeightedSquaredSourceCell[i]);
            Assert.True(Math.Abs(c - d) <= 4 * Math.Sqrt(c2 + d2) + 1e-12, $"cell {cell}: unbiased {c:G6} vs biased {d:G6}");
        }
    }

    [Fact]
    public void Electrons_without_the_reaction_are_generated_as_without_the_process()
    {
        var off = s_c with { Processes = s_c.Processes with { EcalPhotoNuclear = false } };
        var beam = new SampleDescriptor(SampleKind.Beam, 0, 0, 7);
        var with = new EventGenerator(s_c, beam);
        var without = new EventGenerator(off, beam);
        RawEvent a = RawEvent.For(s_c), b = RawEvent.For(off);
        var reactions = 0;
        for (var i = 0; i < 20_000; i++)
        {
            with.Generate(0, i, a);
            without.Generate(0, i, b);
            if ((a.Truth.Flags & TruthFlags.PhotoNuclear) != 0)
            {
                reactions++;
                continue;
            }
            Assert.Equal(b.EcalMainKeV, a.EcalMainKeV);
            Assert.Equal(b.HcalKeV, a.HcalKeV);
            Assert.Equal(b.Truth.Flags, a.Truth.Flags);
            Assert.Equal(b.Truth.Weight, a.Truth.Weight);
        }
        // q ≈ 9 × 10⁻⁴ of the ~97% electrons: ~17 of 20000.
        Assert.InRange(reactions, 3, 40);
    }

    private static EventSummary Run(SampleDescriptor sample, int events) =>
        new ChunkProcessor(s_c).Process(new SimulatedChunk(sample, 1, 0, 0, 0, events));

    private static double W(WeightSum sum) => FixedPointWeight.ToDouble(sum);
}
