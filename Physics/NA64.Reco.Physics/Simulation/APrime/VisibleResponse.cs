using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// What the visible programme's detectors read when an X of energy E_X decays to e⁺e⁻ in the decay region (physics.md
/// §8a): the veto behind the dump (V2) its noise alone, since nothing charged left the dump; the counter in front of the
/// ECAL (S4) the pair's two MIPs; the ECAL the pair's shower, E_X with its resolution; the dump the rest of the beam's
/// shower, E₀ − E_X with its own. The counters read as the conditions' VETO counters: a MIP of <c>mipMeV</c> with a
/// 15 % spread each, Gaussian noise of <c>noiseMeV</c>, clipped at 0.
/// </summary>
public sealed class VisibleResponse(SetupDump dump, DetectorConditions conditions)
{
    private readonly double _mipMeV = conditions.Veto.MipMeV;
    private readonly double _noiseMeV = conditions.Veto.NoiseMeV;
    private readonly EcalConditions _ecal = conditions.Ecal;

    /// <summary>One decay's readings, in the order V2, S4, ECAL, dump; and the pull of their energy sum from the beam energy.</summary>
    public Readings Draw(ref EventRandom rng, double xEnergyGeV, double beamEnergyGeV)
    {
        var v2 = Math.Max(0, _noiseMeV * FastNormal.Sample(ref rng)) / _mipMeV;
        var pair = 0.0;
        for (var k = 0; k < 2; k++) pair += Math.Max(0, 1 + CalorimeterSimulator.VetoMipSpread * FastNormal.Sample(ref rng));
        var s4 = Math.Max(0, pair * _mipMeV + _noiseMeV * FastNormal.Sample(ref rng)) / _mipMeV;
        var sigmaEcal = EnergyResolution.Sigma(_ecal.Stochastic, _ecal.Constant, xEnergyGeV);
        var showerGeV = beamEnergyGeV - xEnergyGeV;
        var sigmaDump = dump.Sigma(showerGeV);
        var ecal = xEnergyGeV + sigmaEcal * FastNormal.Sample(ref rng);
        var wcal = showerGeV + sigmaDump * FastNormal.Sample(ref rng);
        var pull = (ecal + wcal - beamEnergyGeV) / Math.Sqrt(sigmaEcal * sigmaEcal + sigmaDump * sigmaDump);
        return new Readings(v2, s4, ecal, wcal, pull);
    }

    /// <param name="V2Mips">The veto behind the dump, in its MIPs.</param>
    /// <param name="S4Mips">The counter in front of the ECAL, in its MIPs.</param>
    /// <param name="EcalGeV">The ECAL.</param>
    /// <param name="DumpGeV">The dump.</param>
    /// <param name="SumPull">(ECAL + dump − E₀) / σ of that sum.</param>
    public readonly record struct Readings(double V2Mips, double S4Mips, double EcalGeV, double DumpGeV, double SumPull);
}
