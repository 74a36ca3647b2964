using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// What the visible programme's detectors read when an X of energy E_X decays to e⁺e⁻ in the decay region (physics.md
/// §8a): each of the setup's counters in its order (<see cref="SetupCounter"/>: its noise alone when it lies between the
/// dump and the decay region, since nothing charged left the dump; the pair's two MIPs on its noise when it lies between
/// the decay region and the ECAL); the ECAL the pair's shower, E_X with its resolution; the dump the rest of the beam's
/// shower, E₀ − E_X with its own. Thread-safe.
/// </summary>
public sealed class VisibleResponse
{
    private readonly SetupDump _dump;
    private readonly EcalConditions _ecal;
    private readonly double[] _mipMeV, _mipSpread, _noiseMeV;
    private readonly bool[] _seesPair;

    public VisibleResponse(Setup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.Programme != SetupProgramme.Visible) throw new ArgumentException($"setup '{setup.Name}' is of the {setup.Programme} programme, not the visible one", nameof(setup));
        _dump = setup.Dump!;
        _ecal = setup.Conditions.Ecal;
        var counters = setup.Counters;
        _mipMeV = [.. counters.Select(c => c.MipMeV)];
        _mipSpread = [.. counters.Select(c => c.MipSpread)];
        _noiseMeV = [.. counters.Select(c => c.NoiseMeV)];
        _seesPair = [.. counters.Select(c => c.SeesPair(setup.DecayRegion!))];
    }

    /// <summary>How many counters the setup has: the length <see cref="Draw"/>'s span needs.</summary>
    public int Counters => _mipMeV.Length;

    /// <summary>
    /// One decay's readings: the counters' into <paramref name="counterMips"/> (in their MIPs, the setup's order), the
    /// calorimeters' and the pull of their energy sum from the beam energy returned.
    /// </summary>
    public Readings Draw(ref EventRandom rng, Span<double> counterMips, double xEnergyGeV, double beamEnergyGeV)
    {
        DrawCounters(ref rng, counterMips, 0, 0, 2);
        return DrawCalorimeters(ref rng, xEnergyGeV, beamEnergyGeV - xEnergyGeV, beamEnergyGeV);
    }

    /// <summary>
    /// The counters' readings, in their MIPs, into <paramref name="counterMips"/>: those before the decay region see
    /// <paramref name="upstreamMips"/> charged particles (each a MIP with its spread) and <paramref name="upstreamExtraMips"/>
    /// more without a spread of their own; those behind it <paramref name="downstreamMips"/> charged particles; each on its noise.
    /// </summary>
    public void DrawCounters(ref EventRandom rng, Span<double> counterMips, int upstreamMips, double upstreamExtraMips, int downstreamMips)
    {
        for (var c = 0; c < _mipMeV.Length; c++)
        {
            var (count, mips) = _seesPair[c] ? (downstreamMips, 0.0) : (upstreamMips, upstreamExtraMips);
            for (var k = 0; k < count; k++) mips += Math.Max(0, 1 + _mipSpread[c] * FastNormal.Sample(ref rng));
            counterMips[c] = Math.Max(0, mips * _mipMeV[c] + _noiseMeV[c] * FastNormal.Sample(ref rng)) / _mipMeV[c];
        }
    }

    /// <summary>
    /// The ECAL's reading of <paramref name="ecalGeV"/> and the dump's of <paramref name="dumpGeV"/>, each with its
    /// resolution, and the pull of their sum from <paramref name="beamEnergyGeV"/>.
    /// </summary>
    public Readings DrawCalorimeters(ref EventRandom rng, double ecalGeV, double dumpGeV, double beamEnergyGeV)
    {
        var sigmaEcal = EnergyResolution.Sigma(_ecal.Stochastic, _ecal.Constant, ecalGeV);
        var sigmaDump = _dump.Sigma(dumpGeV);
        var ecal = ecalGeV + sigmaEcal * FastNormal.Sample(ref rng);
        var wcal = dumpGeV + sigmaDump * FastNormal.Sample(ref rng);
        var pull = (ecal + wcal - beamEnergyGeV) / Math.Sqrt(sigmaEcal * sigmaEcal + sigmaDump * sigmaDump);
        return new Readings(ecal, wcal, pull);
    }

    /// <param name="EcalGeV">The ECAL.</param>
    /// <param name="DumpGeV">The dump.</param>
    /// <param name="SumPull">(ECAL + dump − E₀) / σ of that sum.</param>
    public readonly record struct Readings(double EcalGeV, double DumpGeV, double SumPull);
}
