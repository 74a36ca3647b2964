using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// Fast simulation of NA64 events (physics.md §2–5): beam particle and its impurities, Micromegas hits, SR in the SRD,
/// ECAL/HCAL/VETO deposits, with MC truth. Each event's random stream is
/// <see cref="EventRandom.ForEvent"/>(sample seed, spill, event number), so an event does not depend on which other
/// events were generated, nor in which order. All tables are built in the constructor; <see cref="Generate"/> does not
/// allocate. One instance per thread (it keeps scratch buffers).
/// <para>Beam: momentum p = E₀(1 + σ_p/p·G), spot σ <c>SpotSigmaMm</c>, divergence σ <c>DivergenceMrad</c> at z = 0,
/// centred on (0, 0). <see cref="SampleKind.Beam"/> draws π⁻, K⁻, μ⁻ and low-energy-tail e⁻ (flat in
/// [TailMinGeV, TailMaxGeV]) with their conditions fractions, the rest are nominal e⁻, which undergo e⁻Z → e⁻Zμ⁺μ⁻
/// with the probability per EOT of <see cref="DimuonExpectation"/> (the dimuon emitter's own rate);
/// <see cref="SampleKind.Hadron"/> is a pure π⁻ beam, <see cref="SampleKind.Kaon"/> a pure K⁻ one and
/// <see cref="SampleKind.Electron"/> one of nominal electrons, with the beam's own pile-up. π⁻ and K⁻ may decay in
/// flight in the last <c>DecayRegionM</c> before the ECAL (<see cref="HadronDecay"/>:
/// to μν, the muon's track gets a kink and, before the magnet centre, the muon's deflection; to eν or K_e3, the
/// electron radiates in the magnet when it crosses it and showers in the ECAL, and a K_e3's π⁰ showers where its own
/// line meets the calorimeters), biased by the sample's <see cref="SampleDescriptor.Bias"/> with an exact weight.
/// Trajectories follow <see cref="DetectorGeometry.BentX"/>.</para>
/// <para>What the digits mean (for reconstruction): Micromegas hits are channel amplitudes in ADC counts after
/// multiplexing, per plane (station × 2 + 0 X / 1 Y) in increasing channel order, planes in station order (response:
/// <see cref="MicromegasDigitizer"/>). SRD: per module the visible energy in keV (≥ 0) and the time in ps of the
/// largest deposit (<see cref="SrdDigitizer"/>). ECAL preshower/main: calibrated energy per cell in keV, zero-suppressed
/// (a nominal electron reads E₀ on average); HCAL per cell in keV, zero-suppressed; VETO per counter in keV
/// (<see cref="CalorimeterSimulator"/>). Signal: the electron showers with E − E_A' and the truth weight is the
/// emission weight; dimuon: the shower has E − E_μ⁺ − E_μ⁻ and two MIPs cross the ECAL from the production depth,
/// every HCAL module and the VETO. In beam and electron samples a hard photon of the electron's shower may be absorbed
/// by a nucleus (<see cref="ShowerPhotoNuclear"/>): the shower keeps E − k and the photon's hadrons start at its depth.</para>
/// <para>Pile-up: other beam particles around the trigger overlap the event in the SRD, ECAL, HCAL and VETO
/// (<see cref="PileUpSimulator"/>, from its own stream derived from the event's).</para>
/// </summary>
public sealed class EventGenerator
{
    private readonly DetectorConditions _c;
    private readonly SampleDescriptor _sample;
    private readonly DetectorGeometry _geometry;
    private readonly MicromegasDigitizer _micromegas;
    private readonly SrdDigitizer _srd;
    private readonly CalorimeterSimulator _calo;
    private readonly PileUpSimulator _pileUp;
    private readonly HadronDecay _decay;
    private readonly ElectroNuclear? _electroNuclear;
    private readonly ElectroNuclearProducts _interaction = new();
    private readonly ShowerPhotoNuclear? _photoNuclear;
    private readonly ShowerPhotoNuclearProducts _absorbed = new();
    private readonly APrimeSource? _aPrime;
    private readonly DimuonSource? _dimuon;
    private readonly double _pionBelow, _kaonBelow, _muonBelow, _tailBelow;
    private readonly double _dimuonPerEot;

    /// <summary>Builds the generator and all its tables for one sample.</summary>
    public EventGenerator(DetectorConditions c, SampleDescriptor sample) : this(c, sample, null, null)
    {
    }

    /// <summary>Test hook: stand-ins for the A' and dimuon emitters.</summary>
    internal EventGenerator(DetectorConditions c, SampleDescriptor sample, APrimeSource? aPrime, DimuonSource? dimuon)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(sample);
        if (!sample.IsSimulated) throw new ArgumentException("real data cannot be generated", nameof(sample));
        if (sample.IsMuonProgramme) throw new ArgumentException($"sample '{sample.Name}' is of the muon programme: its events are simulated through a muon setup (MuonEventSimulation), not as raw events", nameof(sample));
        if (sample.IsVisibleProgramme) throw new ArgumentException($"sample '{sample.Name}' is of the visible programme: its events are simulated through a visible setup (VisibleEventSimulation), not as raw events", nameof(sample));
        if (sample.Kind == SampleKind.Signal && !(sample.MassAPrimeMeV > 0))
            throw new ArgumentException($"a signal sample needs m_A' > 0, got {sample.MassAPrimeMeV} MeV", nameof(sample));
        _c = c;
        _sample = sample;
        _geometry = new DetectorGeometry(c);
        _micromegas = new MicromegasDigitizer(c, _geometry);
        _srd = new SrdDigitizer(c);
        _calo = new CalorimeterSimulator(c, _geometry);
        _pileUp = new PileUpSimulator(c, sample, _geometry);
        _decay = new HadronDecay(c, sample.Bias);
        if (sample.Kind == SampleKind.Signal) _aPrime = aPrime ?? new APrimeEmitter(c, sample.MassAPrimeMeV).Emit;
        if (sample.Kind is SampleKind.Beam or SampleKind.Dimuon) _dimuon = dimuon ?? new DimuonEmitter(c).Emit;
        if (sample.Kind == SampleKind.Beam)
        {
            _dimuonPerEot = DimuonExpectation.For(c).PairsPerEot;
            _electroNuclear = new ElectroNuclear(c, sample);
        }
        if (c.Processes.EcalPhotoNuclear && sample.Kind is SampleKind.Beam or SampleKind.Electron) _photoNuclear = new ShowerPhotoNuclear(c, sample);
        var b = c.Beam;
        _pionBelow = b.PionFraction;
        _kaonBelow = _pionBelow + b.KaonFraction;
        _muonBelow = _kaonBelow + b.MuonFraction;
        _tailBelow = _muonBelow + b.LowEnergyTailFraction;
    }

    public DetectorConditions Conditions => _c;

    public SampleDescriptor Sample => _sample;

    internal SrdDigitizer Srd => _srd;

    internal PileUpSimulator PileUp => _pileUp;

    /// <summary>The spill header of MC: EOT = triggers = events (every simulated particle is on target and recorded).</summary>
    public SpillHeader CreateHeader(int run, int spill, long events) => new()
    {
        Run = run,
        Spill = spill,
        ConditionsId = _c.Id,
        Sample = _sample,
        Eot = events,
        Triggers = events,
        StartUnixMs = 0,
    };

    /// <summary>Clears <paramref name="into"/> and fills it with event <paramref name="eventNumber"/> of <paramref name="spill"/>.</summary>
    public void Generate(int spill, long eventNumber, RawEvent into)
    {
        CheckShape(into);
        into.Clear();
        into.EventNumber = eventNumber;
        var rng = EventRandom.ForEvent(_sample.Seed, spill, eventNumber);
        var beam = _c.Beam;
        var flags = TruthFlags.None;

        var particle = ParticleKind.Electron;
        if (_sample.Kind == SampleKind.Hadron) particle = ParticleKind.Pion;
        else if (_sample.Kind == SampleKind.Kaon) particle = ParticleKind.Kaon;
        else if (_sample.Kind == SampleKind.Beam)
        {
            var u = rng.NextDouble();
            if (u < _pionBelow) particle = ParticleKind.Pion;
            else if (u < _kaonBelow) particle = ParticleKind.Kaon;
            else if (u < _muonBelow) particle = ParticleKind.Muon;
            else if (u < _tailBelow) flags |= TruthFlags.LowEnergyTail;
        }
        var p = (flags & TruthFlags.LowEnergyTail) != 0
            ? beam.TailMinGeV + (beam.TailMaxGeV - beam.TailMinGeV) * rng.NextDouble()
            : beam.EnergyGeV * (1 + beam.MomentumSpread * FastNormal.Sample(ref rng));

        var track = Trajectory.FromBeam(ref rng, beam, p);
        var weight = 1.0;
        HadronDecayProducts decay = default;
        if (particle is ParticleKind.Pion or ParticleKind.Kaon)
        {
            weight = _decay.Decay(ref rng, particle, p, ref track, out decay);
            if (decay.Channel == DecayChannel.MuonNu) flags |= TruthFlags.DecayInFlight;
            else if (decay.ToElectron) flags |= TruthFlags.DecayToElectron;
        }
        track.Bend(_geometry);

        _micromegas.Digitize(ref rng, track, into);
        var zc = _c.Magnet.ZCentreM;
        _srd.Begin();
        // Synchrotron radiation needs an electron in the field: the beam's, or a decay's born before the magnet centre.
        var decayedInMagnet = track.DecayZM < zc;
        // What crosses the modules' plane: the beam particle, or its decay's daughter when it was born before it.
        var electronAtSrd = particle == ParticleKind.Electron ? p : decay.ToElectron && track.DecayZM < _c.Srd.ZM ? decay.DaughterEnergyGeV : 0;
        var absorbedInSrd = _srd.AddParticle(ref rng, particle == ParticleKind.Electron || (decay.ToElectron && decayedInMagnet),
            decayedInMagnet ? track.DaughterMomentumGeV : p, track.X(_c.Srd.ZM, zc), track.Y(_c.Srd.ZM), 0, electronAtSrd);

        var impact = new CaloImpact(track.X(_c.Ecal.ZM, zc), track.Y(_c.Ecal.ZM), track.X(_c.Hcal.ZM, zc), track.Y(_c.Hcal.ZM));
        _calo.Clear();
        var aPrimeEnergy = 0.0;
        if (particle == ParticleKind.Electron)
        {
            var showerEnergy = p - absorbedInSrd;
            if (_aPrime is not null)
            {
                var emission = _aPrime(ref rng, p);
                aPrimeEnergy = emission.EnergyGeV;
                weight = emission.Weight;
                showerEnergy = p - aPrimeEnergy;
                flags |= TruthFlags.APrime;
            }
            else if (_dimuon is not null && (_sample.Kind == SampleKind.Dimuon || rng.Chance(_dimuonPerEot)))
            {
                var pair = _dimuon(ref rng, p);
                showerEnergy = p - pair.MuPlusEnergyGeV - pair.MuMinusEnergyGeV;
                _calo.AddMuon(ref rng, impact, pair.DepthX0, pair.MuPlusEnergyGeV);
                _calo.AddMuon(ref rng, impact, pair.DepthX0, pair.MuMinusEnergyGeV);
                flags |= TruthFlags.Dimuon;
            }
            else if (_electroNuclear is not null)
            {
                weight = _electroNuclear.Interact(spill, eventNumber, p, _interaction);
                if (_interaction.Happened)
                {
                    flags |= TruthFlags.ElectroNuclear;
                    showerEnergy = _interaction.ElectronGeV;
                    impact = AddHadrons(ref rng, track, zc, ref flags);
                }
            }
            var lost = 0.0;
            if (_photoNuclear is not null && showerEnergy > 0)
            {
                weight *= _photoNuclear.Interact(spill, eventNumber, showerEnergy, _absorbed);
                if (_absorbed.Happened)
                {
                    flags |= TruthFlags.PhotoNuclear;
                    showerEnergy -= _absorbed.PhotonGeV;
                    lost += AddShowerHadrons(ref rng, impact, ref weight, ref flags);
                }
            }
            lost += _calo.AddEmShower(ref rng, showerEnergy, impact);
            if (lost > CalorimeterSimulator.LeakageFlagFraction * p) flags |= TruthFlags.Leakage;
        }
        else if (decay.ToElectron)
        {
            var lost = _calo.AddEmShower(ref rng, decay.DaughterEnergyGeV - absorbedInSrd, impact);
            if (decay.NeutralPionEnergyGeV > 0) lost += _calo.AddEmShower(ref rng, decay.NeutralPionEnergyGeV, NeutralImpact(track, decay, zc));
            if (lost > CalorimeterSimulator.LeakageFlagFraction * p) flags |= TruthFlags.Leakage;
        }
        else if (particle == ParticleKind.Muon)
            _calo.AddMuon(ref rng, impact, 0, p);
        else if ((flags & TruthFlags.DecayInFlight) != 0)
            _calo.AddMuon(ref rng, impact, 0, decay.DaughterEnergyGeV);
        else
            _calo.AddHadron(ref rng, p, impact, ref flags);
        flags |= _pileUp.Add(ref rng, spill, eventNumber, _srd, _calo);
        _srd.Write(ref rng, into);
        _calo.Digitize(ref rng, into);

        into.HasTruth = true;
        into.Truth = new McTruth
        {
            Particle = particle,
            Flags = flags,
            MomentumGeV = p,
            XMm = track.X0Mm,
            YMm = track.Y0Mm,
            SlopeX = track.SlopeX,
            SlopeY = track.SlopeY,
            APrimeEnergyGeV = aPrimeEnergy,
            Weight = weight,
        };
    }

    /// <summary>
    /// The hadrons of an electro-nuclear interaction: each charged one crosses the SRD's plane if born before it, and
    /// showers where its line meets the calorimeters, as does each π⁰ and K⁰_L; returns where the scattered electron
    /// meets them.
    /// </summary>
    private CaloImpact AddHadrons(ref EventRandom rng, in Trajectory track, double magnetCentreM, ref TruthFlags flags)
    {
        var en = _interaction;
        var hadrons = en.Hadrons;
        var z = en.ZM;
        double x = track.X(z, magnetCentreM), y = track.Y(z);
        var slopeX = track.SlopeX + (z > magnetCentreM ? track.DeflectionRad : 0);
        var slopeY = track.SlopeY;
        double ecal = (_c.Ecal.ZM - z) * 1000.0, hcal = (_c.Hcal.ZM - z) * 1000.0, srd = (_c.Srd.ZM - z) * 1000.0;
        for (var i = 0; i < hadrons.Count; i++)
        {
            double sx = slopeX + hadrons.SlopeX[i], sy = slopeY + hadrons.SlopeY[i], e = hadrons.EnergyGeV[i];
            var at = new CaloImpact(x + sx * ecal, y + sy * ecal, x + sx * hcal, y + sy * hcal);
            switch (hadrons.Kind[i])
            {
                case HadronKind.NeutralPion:
                    _calo.AddEmShower(ref rng, e, at);
                    break;
                case HadronKind.LongLivedNeutral:
                    _calo.AddHadronFrom(ref rng, e, at, 0, false, ref flags);
                    break;
                default:
                    if (srd > 0) _srd.AddParticle(ref rng, false, e, x + sx * srd, y + sy * srd, 0, 0);
                    _calo.AddHadron(ref rng, e, at, ref flags);
                    break;
            }
        }
        double ex = slopeX + en.ElectronSlopeX, ey = slopeY + en.ElectronSlopeY;
        return new CaloImpact(x + ex * ecal, y + ey * ecal, x + ex * hcal, y + ey * hcal);
    }

    /// <summary>
    /// The hadrons of a photon absorbed in the ECAL, from the absorption depth on, along the beam particle's impact and
    /// each its own angle to the HCAL: a π⁰ showers as a photon, charged and long-lived neutral hadrons as hadrons, the
    /// leading K⁰_L of a biased sample with its forced escape. Returns the energy lost (GeV).
    /// </summary>
    private double AddShowerHadrons(ref EventRandom rng, in CaloImpact impact, ref double weight, ref TruthFlags flags)
    {
        var hadrons = _absorbed.Hadrons;
        var startLambda = _calo.EcalDepthLambda(_absorbed.DepthX0);
        var toHcalMm = (_c.Hcal.ZM - _c.Ecal.ZM) * 1000.0;
        // Only the leading K⁰_L's escape is forced: it is the one that can take the energy a box event misses, and one
        // forced escape keeps every weight within what the summaries' fine limb holds with its square.
        var leading = -1;
        for (var i = 0; i < hadrons.Count; i++)
            if (hadrons.Kind[i] == HadronKind.LongLivedNeutral && (leading < 0 || hadrons.EnergyGeV[i] > hadrons.EnergyGeV[leading])) leading = i;
        var lost = 0.0;
        for (var i = 0; i < hadrons.Count; i++)
        {
            var e = hadrons.EnergyGeV[i];
            var at = new CaloImpact(impact.EcalXMm, impact.EcalYMm, impact.HcalXMm + hadrons.SlopeX[i] * toHcalMm, impact.HcalYMm + hadrons.SlopeY[i] * toHcalMm);
            lost += hadrons.Kind[i] switch
            {
                HadronKind.NeutralPion => _calo.AddEmShower(ref rng, e, at),
                HadronKind.LongLivedNeutral => _calo.AddHadronFrom(ref rng, e, at, startLambda, false, i == leading ? _photoNuclear!.EscapeBias : 0, ref weight, ref flags),
                _ => _calo.AddHadronFrom(ref rng, e, at, startLambda, true, ref flags),
            };
        }
        return lost;
    }

    /// <summary>Where the straight line of a K_e3's π⁰, from the decay point along the parent's direction and its own angles, meets ECAL and HCAL.</summary>
    private CaloImpact NeutralImpact(in Trajectory track, in HadronDecayProducts decay, double magnetCentreM)
    {
        var zd = track.DecayZM;
        var slopeX = track.SlopeX + (zd > magnetCentreM ? track.DeflectionRad : 0) + decay.NeutralSlopeX;
        var slopeY = track.SlopeY + decay.NeutralSlopeY;
        double xd = track.X(zd, magnetCentreM), yd = track.Y(zd);
        double ecal = (_c.Ecal.ZM - zd) * 1000.0, hcal = (_c.Hcal.ZM - zd) * 1000.0;
        return new CaloImpact(xd + slopeX * ecal, yd + slopeY * ecal, xd + slopeX * hcal, yd + slopeY * hcal);
    }

    private void CheckShape(RawEvent ev)
    {
        if (ev.SrdEnergyKeV.Length != _c.Srd.Modules || ev.EcalMainKeV.Length != _c.Ecal.Cells
            || ev.HcalKeV.Length != _c.Hcal.Modules * _c.Hcal.CellsPerModule || ev.VetoKeV.Length != _c.Veto.Counters)
            throw new ArgumentException("the raw event is not sized for these conditions; create it with RawEvent.For(conditions)", nameof(ev));
    }
}
