using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Simulation;

/// <summary>Electro-nuclear interactions of the beam electron downstream of the trackers (docs/physics.md §4b).</summary>
public sealed class ElectroNuclearTests
{
    private static readonly DetectorConditions s_c = DetectorConditions.Default;

    /// <summary>The default beam line with <paramref name="gramsPerCm2"/> of lead between the last tracker and the ECAL instead of its air.</summary>
    private static DetectorConditions WithLead(double gramsPerCm2) => s_c with
    {
        Processes = s_c.Processes with { UpstreamMaterial = [new MaterialLayer { Name = "lead", ZStartM = 16.5, ZEndM = 16.5, GramsPerCm2 = gramsPerCm2, MassNumber = 207.2 }] },
    };

    private static SampleDescriptor Beam(ulong seed, double bias = 1) => new(SampleKind.Beam, 0, 0, seed) { Bias = bias };

    [Fact]
    public void The_probability_is_the_equivalent_photons_times_the_shadowed_photoabsorption_of_the_material_past_the_last_tracker()
    {
        var en = new ElectroNuclear(s_c, Beam(1));
        Assert.Equal(16.0, en.RegionStartM);
        // Trapezoids in y, 2 × 10⁶ of them, against the generator's Simpson in ln y; the Q² integral under the dipole
        // by trapezoids in ln Q² from Q²_min to 10⁴ Q₀², against its closed form, at one y.
        const double me2 = 0.51099895e-3 * 0.51099895e-3, q02 = ElectroNuclear.DipoleQ2GeV2;
        double Q2Min(double y) => me2 * y * y / (1 - y);
        double Dipole(double q2min)
        {
            const int m = 200_000;
            double l0 = Math.Log(q2min), l1 = Math.Log(1e4 * q02), step = (l1 - l0) / m, acc = 0;
            for (var k = 0; k <= m; k++)
            {
                var q2 = Math.Exp(l0 + k * step);
                acc += (k == 0 || k == m ? 0.5 : 1) / ((1 + q2 / q02) * (1 + q2 / q02));
            }
            return acc * step;
        }
        Assert.Equal(Dipole(Q2Min(0.5)), ElectroNuclear.DipoleLog(Q2Min(0.5) / q02), 6);
        double yMax = 1 - me2 / (1e4 * q02), a = ElectroNuclear.MinEnergyFraction, sum = 0;
        const int n = 2_000_000;
        double F(double y) => (1 + (1 - y) * (1 - y)) / y * ElectroNuclear.DipoleLog(Q2Min(y) / q02);
        var h = (yMax - a) / n;
        for (var k = 0; k <= n; k++) sum += (k == 0 || k == n ? 0.5 : 1) * F(a + k * h);
        var photons = 1 / 137.035999084 / (2 * Math.PI) * sum * h;
        Assert.Equal(photons, en.PhotonsPerElectron, photons * 1e-4);
        // The air from 16 to 18 m of the 6.8–18 m the conditions list: 2/11.2 of 1.3496 g/cm², A = 14.6, whose nuclei
        // each absorb like A(1 − 0.072 ln A) nucleons of 115 μb.
        var nuclei = 1.3496 * 2 / 11.2 * 6.02214076e23 / 14.6;
        var expected = photons * nuclei * 14.6 * (1 - 0.072 * Math.Log(14.6)) * 115e-30;
        Assert.Equal(expected, en.Probability, expected * 1e-4);
        Assert.InRange(en.Probability, 2e-7, 6e-7);
    }

    [Fact]
    public void Unbiased_electrons_interact_at_that_probability_with_weight_one_and_conserve_energy()
    {
        var c = WithLead(100);
        var en = new ElectroNuclear(c, Beam(2));
        var products = new ElectroNuclearProducts();
        const int n = 200_000;
        var hits = 0;
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(1.0, en.Interact(0, i, 100, products));
            if (!products.Happened) continue;
            hits++;
            var sum = products.ElectronGeV;
            for (var k = 0; k < products.Hadrons.Count; k++) sum += products.Hadrons.EnergyGeV[k];
            Assert.Equal(100, sum, 9);
            Assert.True(products.ElectronGeV <= 75 + 1e-9, $"y ≥ 0.25: the electron keeps {products.ElectronGeV} GeV");
            Assert.Equal(16.5, products.ZM);
        }
        var mean = n * en.Probability;
        Assert.InRange(hits, mean - 4 * Math.Sqrt(mean), mean + 4 * Math.Sqrt(mean));
    }

    [Fact]
    public void A_forced_interaction_weighs_its_probability_and_the_others_are_generated_as_without_the_process()
    {
        var forced = new ElectroNuclear(s_c, Beam(3, 1e12));
        var products = new ElectroNuclearProducts();
        Assert.Equal(forced.Probability, forced.Interact(0, 7, 100, products));
        Assert.True(products.Happened);

        // An unbiased beam whose events do not interact is the same, event by event, as a beam without the material.
        var none = s_c with { Processes = s_c.Processes with { UpstreamMaterial = [] } };
        var with = new EventGenerator(s_c, Beam(4));
        var without = new EventGenerator(none, Beam(4));
        RawEvent a = RawEvent.For(s_c), b = RawEvent.For(none);
        for (var i = 0; i < 2000; i++)
        {
            with.Generate(0, i, a);
            without.Generate(0, i, b);
            Assert.Equal(b.EcalMainKeV, a.EcalMainKeV);
            Assert.Equal(b.Truth.Flags, a.Truth.Flags);
        }
    }

    [Fact]
    public void Biased_and_unbiased_beams_agree_within_errors_on_every_weighted_cut()
    {
        // 20 g/cm² of lead: 1.7% of the electrons interact; B = 30 makes half of them do.
        var c = WithLead(20);
        var unbiased = Run(c, Beam(5), 120_000);
        var biased = Run(c, Beam(6, 30), 40_000);
        var scale = 120_000 / 40_000.0;
        for (var k = 0; k < unbiased.CutFlow.Length; k++)
        {
            double a = W(unbiased.WeightedCutFlow[k]), a2 = W(unbiased.WeightedSquaredCutFlow[k]);
            double b = scale * W(biased.WeightedCutFlow[k]), b2 = scale * scale * W(biased.WeightedSquaredCutFlow[k]);
            Assert.True(Math.Abs(a - b) <= 4 * Math.Sqrt(a2 + b2) + 1e-12, $"{(Cut)k}: unbiased {a:G6} vs biased {b:G6}");
        }
        const int slot = 11; // ElectroNuclear
        Assert.True(biased.SourceEvents[slot] > 10 * unbiased.SourceEvents[slot] / scale, "the bias multiplies the interactions");
        double u = W(unbiased.WeightedSourceEvents[slot]), v = scale * W(biased.WeightedSourceEvents[slot]);
        // Each forced interaction weighs q/q' = 1/30: its Σw² is its Σw / 30.
        Assert.True(Math.Abs(u - v) <= 4 * Math.Sqrt(u + scale * v / 30), $"interactions: unbiased {u} vs biased {v}");
    }

    private static EventSummary Run(DetectorConditions c, SampleDescriptor sample, int events) =>
        new ChunkProcessor(c).Process(new SimulatedChunk(sample, 1, 0, 0, 0, events));

    private static double W(WeightSum sum) => FixedPointWeight.ToDouble(sum);
}
