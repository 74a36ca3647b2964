using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// Beam particles overlapping the triggered event (physics.md §3b). The beam arrives at the rate
/// <c>ParticlesPerSpill</c> / <c>SpillDurationS</c> (uniform in the spill); around the trigger (t = 0) a Poisson number of
/// other particles fall within ±W, W the widest of the ECAL, HCAL and VETO pulse half-widths and half the SRD readout
/// window, each at a uniform time t. Each is a beam particle of the sample's beam (a hadron sample: π⁻; otherwise
/// π⁻/K⁻ (as π⁻), μ⁻ and e⁻ in the beam's fractions, the e⁻ at the nominal energy), with its own spot, divergence and
/// momentum, followed to the SRD and the calorimeters: in the SRD its pulses at t if |t| is within half the readout
/// window (farther pulses are separated from the event's by the waveform analysis);
/// in ECAL, HCAL and VETO its deposits × max(0, 1 − |t|/w), w each detector's pulse half-width (the overlap of two
/// triangular pulses read at the event's peak). Micromegas do not see pile-up here.
/// <para>Random numbers: one uniform of the event's stream (the count, by inversion), then a stream derived from the
/// event's (sample seed, spill, event number), so that an event with its pile-up depends on nothing else, and the event's
/// own stream is the same with pile-up on or off.</para>
/// </summary>
internal sealed class PileUpSimulator
{
    /// <summary>Index of the pile-up stream among the streams derived from a sample seed ("PILEUP").</summary>
    private const ulong StreamIndex = 0x50494C45_55500000UL;
    private const int MaxParticles = 16;

    private readonly DetectorConditions _c;
    private readonly DetectorGeometry _geometry;
    private readonly ulong _streamSeed;
    private readonly bool _hadronBeam;
    private readonly double _windowNs, _srdHalfWindowNs, _inTimeNs;
    private readonly double _ecalWidthNs, _hcalWidthNs, _vetoWidthNs;
    private readonly double _hadronBelow, _muonBelow;
    private readonly double[] _countCdf = new double[MaxParticles + 1];

    public PileUpSimulator(DetectorConditions c, SampleDescriptor sample, DetectorGeometry geometry)
    {
        _c = c;
        _geometry = geometry;
        _streamSeed = EventRandom.DeriveSeed(sample.Seed, StreamIndex);
        _hadronBeam = sample.Kind == SampleKind.Hadron;
        _ecalWidthNs = c.Ecal.PulseHalfWidthNs;
        _hcalWidthNs = c.Hcal.PulseHalfWidthNs;
        _vetoWidthNs = c.Veto.PulseHalfWidthNs;
        _srdHalfWindowNs = 0.5 * c.Srd.ReadoutWindowNs;
        _windowNs = Math.Max(Math.Max(_ecalWidthNs, _hcalWidthNs), Math.Max(_vetoWidthNs, _srdHalfWindowNs));
        // In time: within the SRD coincidence window, widened by three time resolutions.
        _inTimeNs = c.Cuts.SrdTimeWindowNs + 3 * c.Srd.TimeResolutionNs;
        _hadronBelow = c.Beam.PionFraction + c.Beam.KaonFraction;
        _muonBelow = _hadronBelow + c.Beam.MuonFraction;
        RatePerNs = c.Beam.ParticlesPerSpill / c.Beam.SpillDurationS * 1e-9;
        MeanParticles = RatePerNs * 2 * _windowNs;
        var term = Math.Exp(-MeanParticles);
        var sum = 0.0;
        for (var k = 0; k <= MaxParticles; k++)
        {
            sum += term;
            _countCdf[k] = sum;
            term *= MeanParticles / (k + 1);
        }
    }

    /// <summary>Beam particles per ns.</summary>
    public double RatePerNs { get; }

    /// <summary>Mean number of pile-up particles per event within ±W.</summary>
    public double MeanParticles { get; }

    /// <summary>
    /// Adds the pile-up of one event (to the SRD alone when <paramref name="calo"/> is null); returns
    /// <see cref="TruthFlags.InTimePileUp"/> if a pile-up particle was in time with the trigger (and
    /// <see cref="TruthFlags.InTimeSrPileUp"/> if it was an e⁻, which radiates into the SRD), and
    /// <see cref="TruthFlags.PileUp"/> if one overlapped the event in ECAL, HCAL or VETO. <paramref name="eventRng"/>, the
    /// event's own stream, gives one uniform, whatever the intensity: whether there is pile-up at all (most events have
    /// none, and the derived stream is not worth making for them).
    /// </summary>
    public TruthFlags Add(ref EventRandom eventRng, int spill, long eventNumber, SrdDigitizer srd, CalorimeterSimulator? calo)
    {
        var u = eventRng.NextDouble();
        if (u < _countCdf[0]) return TruthFlags.None;
        var rng = EventRandom.ForEvent(_streamSeed, spill, eventNumber);
        var result = TruthFlags.None;
        var beam = _c.Beam;
        var zc = _c.Magnet.ZCentreM;
        for (var k = 0; k < MaxParticles && u >= _countCdf[k]; k++)
        {
            var t = (2 * rng.NextDouble() - 1) * _windowNs;
            var particle = ParticleKind.Pion;
            if (!_hadronBeam)
            {
                var v = rng.NextDouble();
                particle = v < _hadronBelow ? ParticleKind.Pion : v < _muonBelow ? ParticleKind.Muon : ParticleKind.Electron;
            }
            if (Math.Abs(t) < _inTimeNs)
                result |= particle == ParticleKind.Electron ? TruthFlags.InTimePileUp | TruthFlags.InTimeSrPileUp : TruthFlags.InTimePileUp;
            var p = beam.EnergyGeV * (1 + beam.MomentumSpread * FastNormal.Sample(ref rng));
            var track = Trajectory.FromBeam(ref rng, beam, p);
            track.Bend(_geometry);
            var absorbedInSrd = Math.Abs(t) < _srdHalfWindowNs
                ? srd.AddParticle(ref rng, particle == ParticleKind.Electron, p, track.X(_c.Srd.ZM, zc), track.Y(_c.Srd.ZM), t, particle == ParticleKind.Electron ? p : 0)
                : 0;
            var a = Math.Abs(t);
            double ge = Math.Max(0, 1 - a / _ecalWidthNs), gh = Math.Max(0, 1 - a / _hcalWidthNs), gv = Math.Max(0, 1 - a / _vetoWidthNs);
            if (calo is null || (ge == 0 && gh == 0 && gv == 0)) continue;
            var impact = new CaloImpact(track.X(_c.Ecal.ZM, zc), track.Y(_c.Ecal.ZM), track.X(_c.Hcal.ZM, zc), track.Y(_c.Hcal.ZM));
            result |= TruthFlags.PileUp;
            calo.SetGains(ge, gh, gv);
            var flags = TruthFlags.None;
            switch (particle)
            {
                case ParticleKind.Electron:
                    calo.AddEmShower(ref rng, p - absorbedInSrd, impact);
                    break;
                case ParticleKind.Muon:
                    calo.AddMuon(ref rng, impact, 0, p);
                    break;
                default:
                    calo.AddHadron(ref rng, p, impact, ref flags);
                    break;
            }
            calo.SetGains(1, 1, 1);
        }
        return result;
    }
}
