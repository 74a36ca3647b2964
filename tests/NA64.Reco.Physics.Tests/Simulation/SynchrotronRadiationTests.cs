using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;

namespace NA64.Reco.Physics.Tests.Simulation;

public sealed class SynchrotronRadiationTests
{
    private static readonly DetectorConditions s_c = DetectorConditions.Default;

    [Fact]
    public void The_numbers_of_physics_md_follow_from_the_formulas()
    {
        var srd = new SrdDigitizer(s_c);
        var rho = SynchrotronRadiation.BendingRadiusM(100, s_c.Magnet.FieldT);
        Assert.InRange(rho, 225, 232); // ≈ 229 m
        Assert.InRange(srd.CriticalEnergyMeV(100), 9.5, 9.9); // ≈ 9.7 MeV
        Assert.InRange(SynchrotronRadiation.PowerMeVPerM(100, SynchrotronRadiation.ElectronMassMeV, rho), 26, 28); // ≈ 27 MeV/m
        Assert.InRange(srd.MeanEnergyMeV(100), 125, 135); // ≈ 130 MeV over 4.8 m
        // N = (5/(2√3)) α γ L/ρ, independent of the electron energy.
        var gamma = 100_000 / SynchrotronRadiation.ElectronMassMeV;
        var expectedPhotons = 5 / (2 * Math.Sqrt(3)) / 137.035999 * gamma * 4.8 / rho;
        Assert.Equal(expectedPhotons, srd.MeanPhotonCount, 1);
    }

    [Fact]
    public void Critical_energy_scales_as_p_squared_and_a_muon_radiates_nothing()
    {
        var srd = new SrdDigitizer(s_c);
        Assert.Equal(0.25, srd.CriticalEnergyMeV(50) / srd.CriticalEnergyMeV(100), 12);
        var rho = SynchrotronRadiation.BendingRadiusM(100, s_c.Magnet.FieldT);
        var ratio = SynchrotronRadiation.PowerMeVPerM(100, 105.6583755, rho) / SynchrotronRadiation.PowerMeVPerM(100, SynchrotronRadiation.ElectronMassMeV, rho);
        Assert.Equal(Math.Pow(SynchrotronRadiation.ElectronMassMeV / 105.6583755, 4), ratio, 15);
    }

    [Fact]
    public void Sampled_photons_have_the_mean_energy_of_the_universal_spectrum()
    {
        var rng = new EventRandom(3);
        const int n = 400_000;
        double sum = 0;
        var below = 0;
        for (var i = 0; i < n; i++)
        {
            var x = SynchrotronRadiation.SampleEnergyOverCritical(ref rng);
            sum += x;
            if (x < 1) below++;
        }
        Assert.InRange(sum / n / SynchrotronRadiation.MeanPhotonOverCritical, 0.99, 1.01); // 8/(15√3) ≈ 0.308
        Assert.InRange(SynchrotronRadiation.MeanPhotonOverCritical, 0.3079, 0.3080);
        // Most photons are soft: the number spectrum diverges as x^{-2/3}.
        Assert.InRange(below / (double)n, 0.8, 0.95);
    }

    [Fact]
    public void The_modules_face_takes_the_part_of_the_fan_between_their_edges()
    {
        // ρ = 228.6 m, θ = 21 mrad, D = 15 m: x = 20 mm at φ = 1.35 mrad, 245 mm at 19.12 mrad; the beam at 264.6 mm.
        var srd = new SrdDigitizer(s_c);
        Assert.InRange(srd.FanAcceptance, 0.845, 0.848);
    }

    [Fact]
    public void A_fully_absorbing_srd_measures_the_radiated_energy()
    {
        var c = s_c with
        {
            Srd = s_c.Srd with
            {
                ConversionProbability = 1, ShowerShareNextModule = 0, SamplingFraction = 1, NoiseMeV = 0,
                DeltaRayPerModule = 0, XMinMm = 0, XMaxMm = 1000,
            },
        };
        var srd = new SrdDigitizer(c);
        Assert.Equal(1.0, srd.FanAcceptance);
        var ev = RawEvent.For(c);
        var rng = new EventRandom(17);
        const int n = 4000;
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            srd.Digitize(ref rng, true, 100, ev);
            sum += ev.SrdEnergyKeV[0] * 1e-3;
            Assert.Equal(0, ev.SrdEnergyKeV[1]);
        }
        // ~43 photons: the event-to-event spread is ~35%, the mean known to ~0.6%.
        Assert.InRange(sum / n / srd.MeanEnergyMeV(100), 0.97, 1.03);
    }
}
