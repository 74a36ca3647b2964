using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.ZPrime;
using NA64.Reco.Physics.Tests.Support;

namespace NA64.Reco.Physics.Tests.Simulation.ZPrime;

public sealed class ZPrimeEmitterTests
{
    private const double BeamGeV = 160;
    /// <summary>The ECAL as NA64μ's active target: 40 X₀ of lead, Z' above half the beam energy (p_out &lt; 80 GeV/c).</summary>
    private static readonly APrimeTarget s_ecal = APrimeTarget.EcalOf(DetectorConditions.Default);

    [Fact]
    public void Yield_is_nuclei_per_cm2_times_the_cross_section_above_threshold()
    {
        var emitter = new ZPrimeEmitter(s_ecal, 10, BeamGeV);
        var nuclei = s_ecal.DensityGPerCm3 * APrimeCrossSection.Avogadro / s_ecal.A * s_ecal.X0Cm * s_ecal.DepthX0;
        var sigma = emitter.CrossSection.TotalPerCouplingSquaredCm2(0.010, 0.5);
        Assert.Equal(nuclei * sigma, emitter.YieldPerMotPerCouplingSquared, nuclei * sigma * 1e-12);
        // 40 X₀ of lead (22.4 cm) hold 7.4 × 10²³ nuclei per cm².
        Assert.Equal(7.405e23, nuclei, 0.005e23);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(100.0)]
    [InlineData(2000.0)]
    public void Emissions_are_above_threshold_inside_the_target_and_weighted_by_the_yield(double massMeV)
    {
        var emitter = new ZPrimeEmitter(s_ecal, massMeV, BeamGeV);
        var rng = new EventRandom(11);
        for (var i = 0; i < 5000; i++)
        {
            var e = emitter.Emit(ref rng);
            Assert.InRange(e.EnergyGeV, Math.Max(0.5 * BeamGeV, massMeV * 1e-3), BeamGeV - MuonPairCrossSection.MuonMassGeV);
            Assert.InRange(e.AngleRad, 0, ZPrimeCrossSection.MaxAngleRad);
            Assert.InRange(e.DepthX0, 0, s_ecal.DepthX0);
            Assert.Equal(emitter.YieldPerMotPerCouplingSquared, e.Weight);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_emissions()
    {
        var emitter = new ZPrimeEmitter(s_ecal, 50, BeamGeV);
        var a = new EventRandom(3);
        var b = new EventRandom(3);
        for (var i = 0; i < 100; i++) Assert.Equal(emitter.Emit(ref a), emitter.Emit(ref b));
    }

    [Fact]
    public void No_emission_where_the_mass_exceeds_the_beam_energy()
    {
        var emitter = new ZPrimeEmitter(s_ecal, 200_000, BeamGeV);
        var rng = new EventRandom(5);
        Assert.Equal(0, emitter.YieldPerMotPerCouplingSquared);
        Assert.Equal(default, emitter.Emit(ref rng));
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(1000.0)]
    public void Drawn_energy_and_angle_follow_the_cross_section(double massMeV)
    {
        var emitter = new ZPrimeEmitter(s_ecal, massMeV, BeamGeV);
        var cs = emitter.CrossSection;
        var m = massMeV * 1e-3;
        // References by quadrature: the mean x, and the fraction of Z' within θ_c(x = 3/4) of the beam.
        var (yLow, yHigh) = cs.FractionRange(m, 0.5);
        var angleCut = cs.CharacteristicAngle(0.75, m);
        double Spectrum(double y) => cs.EnergyFractionSpectrum(1 - Math.Exp(y), m) * Math.Exp(y);
        var total = Simpson.Integrate(Spectrum, yLow, yHigh, 400);
        var firstMoment = Simpson.Integrate(y => (1 - Math.Exp(y)) * Spectrum(y), yLow, yHigh, 400);
        // ∫₀^θcut dσ/dθ by Simpson in θ (dσ/dθ ∝ θ at 0, smooth up to the cut).
        var within = Simpson.Integrate(y =>
        {
            var x = 1 - Math.Exp(y);
            return Simpson.Integrate(theta => cs.DifferentialPerCouplingSquared(x, theta, m), 0, angleCut, 400) * Math.Exp(y);
        }, yLow, yHigh, 400);
        var meanX = firstMoment / total;
        var fractionWithin = within / total;

        const int n = 200_000;
        var rng = new EventRandom(0x5A50_5249_4D45UL);
        double sumX = 0, sumX2 = 0, inCone = 0;
        for (var i = 0; i < n; i++)
        {
            var e = emitter.Emit(ref rng);
            var x = e.EnergyGeV / BeamGeV;
            sumX += x;
            sumX2 += x * x;
            if (e.AngleRad < angleCut) inCone++;
        }
        var sampleMean = sumX / n;
        var sampleSigma = Math.Sqrt((sumX2 / n - sampleMean * sampleMean) / n);
        Assert.Equal(meanX, sampleMean, 4 * sampleSigma + 1e-4);
        var p = inCone / n;
        var pSigma = Math.Sqrt(fractionWithin * (1 - fractionWithin) / n);
        Assert.Equal(fractionWithin, p, 4 * pSigma + 2e-3);
        // The cone is a real cut: it keeps neither almost none nor almost all.
        Assert.InRange(fractionWithin, 0.05, 0.95);
    }
}
