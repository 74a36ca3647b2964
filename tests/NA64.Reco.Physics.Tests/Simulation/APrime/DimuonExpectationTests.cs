using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

/// <summary>
/// The dimuon rate per EOT that the beam simulation draws and the cross-check expects (<see cref="DimuonExpectation"/>,
/// a quadrature of the leader's branching equations), against an independent Monte Carlo integration written here: the
/// leading e± of physics.md §4 followed history by history, σ_μμ(k) taken from <see cref="MuonPairCrossSection"/>
/// itself (not the emitter's table), the rate the mean of N_X0 · 9/7 · Σ σ_μμ with its standard error.
/// </summary>
public sealed class DimuonExpectationTests
{
    private static readonly DetectorConditions s_c = DetectorConditions.Default;

    private readonly record struct Integration(double Rate, double RateError, double Above50, double Above50Error);

    /// <summary>
    /// The model of physics.md §4, history by history: an electron leader radiates hard photons (v ≥ 10⁻², Bethe–Heitler
    /// complete screening) at R per X₀ and loses the softer ones continuously; a photon taking more than half leads,
    /// converts, and the harder member of its pair leads; every photon above 4 m_μ adds σ_μμ(k); below 4 m_μ it stops.
    /// </summary>
    private static Integration MonteCarlo(double beamEnergyGeV, int histories, ulong seed)
    {
        var ap = s_c.APrime;
        var atomsPerX0 = ap.AbsorberDensityGPerCm3 * APrimeCrossSection.Avogadro / ap.AbsorberA * ap.AbsorberX0Cm;
        var scale = atomsPerX0 * 9.0 / 7.0;
        var threshold = 4 * MuonPairCrossSection.MuonMassGeV;
        const double cut = 1e-2;
        var rate = 4.0 / 3.0 * -Math.Log(cut) - 4.0 / 3.0 * (1 - cut) + 0.5 * (1 - cut * cut);
        var softLoss = 4.0 / 3.0 * cut - 2.0 / 3.0 * cut * cut + cut * cut * cut / 3.0;
        var rng = new EventRandom(seed);
        double sum = 0, sum2 = 0, hard = 0, hard2 = 0;
        for (var h = 0; h < histories; h++)
        {
            double total = 0, above = 0;
            var energy = beamEnergyGeV;
            var electron = true;
            while (energy > threshold)
            {
                if (electron)
                {
                    energy *= 1 - softLoss * rng.NextExponential(1 / rate);
                    double v;
                    do v = Math.Exp(Math.Log(cut) * rng.NextDouble());
                    while (!(rng.NextDouble() < 1 - v + 0.75 * v * v));
                    var k = v * energy;
                    var sigma = MuonPairCrossSection.CrossSectionCm2(k, ap.AbsorberZ, ap.AbsorberA) * scale;
                    total += sigma;
                    if (k >= 50) above += sigma;
                    if (v > 0.5)
                    {
                        energy = k;
                        electron = false;
                    }
                    else energy -= k;
                }
                else
                {
                    double u;
                    do u = rng.NextDouble();
                    while (!(rng.NextDouble() < 1 - 4.0 / 3.0 * u * (1 - u)));
                    energy *= Math.Max(u, 1 - u);
                    electron = true;
                }
            }
            sum += total;
            sum2 += total * total;
            hard += above;
            hard2 += above * above;
        }
        double Mean(double s) => s / histories;
        double Error(double s, double s2) => Math.Sqrt(Math.Max(0, s2 / histories - Mean(s) * Mean(s)) / histories);
        return new Integration(Mean(sum), Error(sum, sum2), Mean(hard), Error(hard, hard2));
    }

    [Fact]
    public void The_rate_per_eot_is_the_leaders_photon_spectrum_integrated_with_the_muon_pair_cross_section()
    {
        var computed = DimuonExpectation.For(s_c);
        var mc = MonteCarlo(100, 200_000, 0xD1A0);
        Assert.Equal(100, computed.BeamEnergyGeV);
        // A test that can fail: the Monte Carlo pins the rate to better than 1%.
        Assert.True(mc.RateError < 0.01 * mc.Rate, $"MC error {mc.RateError} of {mc.Rate}");
        Assert.InRange(computed.PairsPerEot, mc.Rate - 4 * mc.RateError, mc.Rate + 4 * mc.RateError);
        // The spectrum's hard end (pairs above E₀/2, whole 5 GeV bins from 50 GeV) too.
        Assert.InRange(computed.PairsPerEotAbove(50), mc.Above50 - 4 * mc.Above50Error, mc.Above50 + 4 * mc.Above50Error);
        Assert.Equal(computed.PairsPerEot, computed.SpectrumPerEot.Sum(), 15);
        Assert.All(computed.SpectrumPerEot, r => Assert.True(r >= 0));
    }

    [Fact]
    public void The_emitters_own_sampling_path_gives_the_computed_rate()
    {
        // EstimatePairsPerEot follows the leader exactly as Emit does; 40 000 histories pin it to ≈ 0.4%.
        var sampled = new DimuonEmitter(s_c).EstimatePairsPerEot(100, 40_000, 23);
        Assert.Equal(1, sampled / DimuonExpectation.For(s_c).PairsPerEot, 0.02);
    }

    [Fact]
    public void The_rate_is_computed_for_the_conditions_beam_energy()
    {
        var at160 = DimuonExpectation.For(s_c with { Beam = s_c.Beam with { EnergyGeV = 160, TailMaxGeV = 50 } });
        var mc = MonteCarlo(160, 100_000, 0xD1A1);
        Assert.Equal(160, at160.BeamEnergyGeV);
        Assert.InRange(at160.PairsPerEot, mc.Rate - 4 * mc.RateError, mc.Rate + 4 * mc.RateError);
        Assert.True(at160.PairsPerEot > DimuonExpectation.For(s_c).PairsPerEot);
    }
}
