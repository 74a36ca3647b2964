using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation;

/// <summary>Physics bands on a few thousand events, from truth and digits alone (no reconstruction).</summary>
public sealed class EventGeneratorPhysicsTests
{
    private static readonly DetectorConditions s_c = DetectorConditions.Default;
    /// <summary>A beam of no intensity: the response to one particle, without pile-up (physics.md §3b).</summary>
    private static readonly DetectorConditions s_quiet = s_c with { Beam = s_c.Beam with { ParticlesPerSpill = 0 } };

    private static bool IsNominalElectron(in McTruth t) => t.Particle == ParticleKind.Electron && t.Flags == TruthFlags.None;

    [Fact]
    public void Beam_electrons_deposit_their_energy_in_ecal_plus_hcal_within_three_sigma()
    {
        var g = SimulationSamples.Create(SampleKind.Beam, 31, s_quiet);
        var ev = RawEvent.For(s_c);
        int electrons = 0, within = 0, preshowerOk = 0, hcalSmall = 0;
        for (var n = 0L; n < 3000; n++)
        {
            g.Generate(0, n, ev);
            if (!IsNominalElectron(ev.Truth)) continue;
            electrons++;
            var p = ev.Truth.MomentumGeV;
            var sigma = p * Math.Sqrt(s_c.Ecal.Stochastic * s_c.Ecal.Stochastic / p + s_c.Ecal.Constant * s_c.Ecal.Constant);
            if (Math.Abs(SimulationSamples.EcalGeV(ev) + SimulationSamples.HcalGeV(ev) - p) < 3 * sigma) within++;
            if (SimulationSamples.PreshowerGeV(ev) > s_c.Cuts.PreshowerMinGeV) preshowerOk++;
            if (SimulationSamples.HcalGeV(ev) < s_c.Cuts.HcalMaxGeV) hcalSmall++;
        }
        Assert.InRange(electrons, 2850, 3000);
        Assert.True(within > 0.99 * electrons, $"{within}/{electrons} within 3σ");
        Assert.True(preshowerOk > 0.98 * electrons, $"{preshowerOk}/{electrons} with preshower > cut");
        Assert.True(hcalSmall > 0.9 * electrons, $"{hcalSmall}/{electrons} with a quiet HCAL");
    }

    [Fact]
    public void Srd_tags_electrons_and_rejects_pions()
    {
        var cuts = s_c.Cuts;
        var beam = SimulationSamples.Create(SampleKind.Beam, 41);
        var ev = RawEvent.For(s_c);
        int electrons = 0, tagged = 0;
        var modulePass = new int[s_c.Srd.Modules];
        for (var n = 0L; n < 3000; n++)
        {
            beam.Generate(0, n, ev);
            if (!IsNominalElectron(ev.Truth)) continue;
            electrons++;
            if (SimulationSamples.SrdTag(ev, cuts)) tagged++;
            for (var m = 0; m < modulePass.Length; m++)
                if (SimulationSamples.SrdModulePasses(ev, cuts, m)) modulePass[m]++;
        }
        Assert.True(tagged > 0.95 * electrons, $"electron SRD efficiency {tagged}/{electrons}");
        foreach (var pass in modulePass) Assert.True(pass > 0.97 * electrons, $"module efficiency {pass}/{electrons}");

        var hadrons = SimulationSamples.Create(SampleKind.Hadron, 42);
        const int pions = 5000;
        var pionTagged = 0;
        Array.Clear(modulePass);
        for (var n = 0L; n < pions; n++)
        {
            hadrons.Generate(0, n, ev);
            Assert.Equal(ParticleKind.Pion, ev.Truth.Particle);
            if (SimulationSamples.SrdTag(ev, cuts)) pionTagged++;
            for (var m = 0; m < modulePass.Length; m++)
                if (SimulationSamples.SrdModulePasses(ev, cuts, m)) modulePass[m]++;
        }
        Assert.True(pionTagged < 1e-3 * pions, $"{pionTagged} of {pions} pions pass the SRD tag");
        // Per module ~10⁻² from knock-on electrons (physics.md §3a): ~50 of 5000.
        foreach (var pass in modulePass) Assert.InRange(pass / (double)pions, 0.005, 0.02);
    }

    [Fact]
    public void Beam_impurities_come_with_their_conditions_fractions()
    {
        var g = SimulationSamples.Create(SampleKind.Beam, 51);
        var ev = RawEvent.For(s_c);
        const int n = 20_000;
        int pions = 0, kaons = 0, muons = 0, tail = 0;
        for (var i = 0L; i < n; i++)
        {
            g.Generate(2, i, ev);
            switch (ev.Truth.Particle)
            {
                case ParticleKind.Pion: pions++; break;
                case ParticleKind.Kaon: kaons++; break;
                case ParticleKind.Muon: muons++; break;
            }
            if ((ev.Truth.Flags & TruthFlags.LowEnergyTail) != 0)
            {
                tail++;
                Assert.InRange(ev.Truth.MomentumGeV, s_c.Beam.TailMinGeV, s_c.Beam.TailMaxGeV);
                Assert.Equal(ParticleKind.Electron, ev.Truth.Particle);
            }
        }
        AssertBinomial(pions, n, s_c.Beam.PionFraction);
        AssertBinomial(kaons, n, s_c.Beam.KaonFraction);
        AssertBinomial(muons, n, s_c.Beam.MuonFraction);
        AssertBinomial(tail, n, s_c.Beam.LowEnergyTailFraction);
    }

    [Fact]
    public void Pions_decay_in_flight_at_the_rate_of_their_lifetime()
    {
        var g = SimulationSamples.Create(SampleKind.Hadron, 61);
        var ev = RawEvent.For(s_c);
        const int n = 20_000;
        int decays = 0, interactions = 0, punchThrough = 0;
        for (var i = 0L; i < n; i++)
        {
            g.Generate(0, i, ev);
            var f = ev.Truth.Flags;
            if ((f & TruthFlags.DecayInFlight) != 0) decays++;
            else if ((f & TruthFlags.HadronInteraction) != 0) interactions++;
            else if ((f & TruthFlags.PunchThrough) != 0) punchThrough++;
        }
        // P = 1 − exp(−L m / (p cτ)), cτ(π) = 7.8045 m, times BR(π → μν) = 1 − BR(π → eν).
        var expected = (1 - Math.Exp(-s_c.Beam.DecayRegionM * 0.13957039 / (s_c.Beam.EnergyGeV * 7.8045))) * (1 - 1.2344e-4);
        AssertBinomial(decays, n, expected);
        // Non-interacting: the punch-through fraction plus e^{−31.3 λ} (nothing).
        AssertBinomial(punchThrough, n - decays, s_c.Processes.HadronPunchThroughFraction);
        Assert.Equal(n - decays - punchThrough, interactions);
    }

    [Fact]
    public void Pions_share_their_energy_between_ecal_and_hcal()
    {
        var g = SimulationSamples.Create(SampleKind.Hadron, 71);
        var ev = RawEvent.For(s_c);
        double ecal = 0, hcal = 0;
        var counted = 0;
        for (var i = 0L; i < 2000; i++)
        {
            g.Generate(0, i, ev);
            if ((ev.Truth.Flags & TruthFlags.HadronInteraction) == 0) continue;
            counted++;
            ecal += SimulationSamples.EcalGeV(ev);
            hcal += SimulationSamples.HcalGeV(ev);
        }
        ecal /= counted;
        hcal /= counted;
        Assert.InRange(ecal, 15, 70);
        Assert.InRange(hcal, 25, 80);
        Assert.InRange(ecal + hcal, 85, 105);
    }

    [Fact]
    public void Muons_leave_a_mip_in_every_detector_and_their_transfers_on_top()
    {
        // Per detector the mean reading is the MIP plus the mean of the muon's transfers above the cut (physics.md §8c),
        // within the calibration's 10% (ECAL) or 5% (HCAL) and 4 standard errors of the sample mean.
        var c = s_c with { Beam = s_c.Beam with { PionFraction = 0, KaonFraction = 0, MuonFraction = 1, LowEnergyTailFraction = 0 } };
        var g = SimulationSamples.Create(SampleKind.Beam, 81, c);
        var ev = RawEvent.For(c);
        const int n = 4000;
        double ecal = 0, ecal2 = 0, veto = 0;
        var hcalModule = new double[c.Hcal.Modules];
        var hcalModule2 = new double[c.Hcal.Modules];
        var srdTagged = 0;
        var module = new double[c.Hcal.Modules];
        for (var i = 0L; i < n; i++)
        {
            g.Generate(0, i, ev);
            Assert.Equal(ParticleKind.Muon, ev.Truth.Particle);
            var e = SimulationSamples.EcalGeV(ev);
            ecal += e;
            ecal2 += e * e;
            for (var k = 0; k < ev.VetoKeV.Length; k++) veto += ev.VetoKeV[k] * 1e-3;
            Array.Clear(module);
            for (var k = 0; k < ev.HcalKeV.Length; k++) module[k / c.Hcal.CellsPerModule] += ev.HcalKeV[k] * 1e-6;
            for (var m = 0; m < module.Length; m++)
            {
                hcalModule[m] += module[m];
                hcalModule2[m] += module[m] * module[m];
            }
            if (SimulationSamples.SrdTag(ev, c.Cuts)) srdTagged++;
        }
        var (ecalTransfers, hcalTransfers) = SimulationSamples.MeanMuonTransfers(c, c.Beam.EnergyGeV, 0);
        var ecalExpected = c.Ecal.MipMeV * 1e-3 + ecalTransfers;
        Assert.InRange(ecal / n, 0.9 * ecalExpected - 4 * StandardError(ecal, ecal2, n), 1.1 * ecalExpected + 4 * StandardError(ecal, ecal2, n));
        Assert.InRange(veto / n / c.Veto.Counters, 0.9 * c.Veto.MipMeV, 1.1 * c.Veto.MipMeV);
        for (var m = 0; m < module.Length; m++)
        {
            var expected = c.Hcal.MipMeVPerModule * 1e-3 + hcalTransfers[m];
            var error = 4 * StandardError(hcalModule[m], hcalModule2[m], n);
            Assert.InRange(hcalModule[m] / n, 0.95 * expected - error, 1.05 * expected + error);
        }
        // The transfers are not a small correction: in 4000 g/cm² of iron they add about half a MIP's worth on average.
        Assert.True(hcalTransfers.Sum() > 0.2 * c.Hcal.Modules * c.Hcal.MipMeVPerModule * 1e-3, $"{hcalTransfers.Sum()} GeV");
        Assert.True(srdTagged < 5, $"{srdTagged} muons tagged by the SRD");
    }

    private static double StandardError(double sum, double sum2, int n)
    {
        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, sum2 / n - mean * mean) / n);
    }

    [Fact]
    public void Signal_electrons_lose_the_aprime_energy_and_carry_its_weight()
    {
        var g = SimulationSamples.Create(SampleKind.Signal, 91, s_quiet);
        var ev = RawEvent.For(s_c);
        const int n = 500;
        var within = 0;
        for (var i = 0L; i < n; i++)
        {
            g.Generate(0, i, ev);
            var t = ev.Truth;
            Assert.Equal(ParticleKind.Electron, t.Particle);
            Assert.True((t.Flags & TruthFlags.APrime) != 0);
            Assert.Equal(1e-9, t.Weight);
            Assert.Equal(0.6 * t.MomentumGeV, t.APrimeEnergyGeV, 12);
            var shower = t.MomentumGeV - t.APrimeEnergyGeV;
            var sigma = shower * Math.Sqrt(s_c.Ecal.Stochastic * s_c.Ecal.Stochastic / shower + s_c.Ecal.Constant * s_c.Ecal.Constant);
            if (Math.Abs(SimulationSamples.EcalGeV(ev) + SimulationSamples.HcalGeV(ev) - shower) < 3 * sigma) within++;
        }
        // Zero suppression drops ~0.6 GeV of outer cells whatever the energy: at 40 GeV that is 0.7σ, hence 97%, not 99%.
        Assert.True(within > 0.97 * n, $"{within}/{n}");
    }

    [Fact]
    public void Dimuon_events_add_two_mips_behind_a_shower_of_the_remaining_energy()
    {
        var g = SimulationSamples.Create(SampleKind.Dimuon, 101, s_quiet);
        var ev = RawEvent.For(s_c);
        const int n = 2000;
        double veto = 0, hcal = 0, hcal2 = 0, ecal = 0, ecal2 = 0, p = 0;
        for (var i = 0L; i < n; i++)
        {
            g.Generate(0, i, ev);
            Assert.True((ev.Truth.Flags & TruthFlags.Dimuon) != 0);
            Assert.Equal(1.0, ev.Truth.Weight);
            for (var k = 0; k < ev.VetoKeV.Length; k++) veto += ev.VetoKeV[k] * 1e-3;
            var h = SimulationSamples.HcalGeV(ev);
            hcal += h;
            hcal2 += h * h;
            var e = SimulationSamples.EcalGeV(ev);
            ecal += e;
            ecal2 += e * e;
            p += ev.Truth.MomentumGeV;
        }
        Assert.InRange(veto / n / s_c.Veto.Counters, 1.8 * s_c.Veto.MipMeV, 2.2 * s_c.Veto.MipMeV);
        // The stand-in pair: μ⁺ of 30 GeV and μ⁻ of 20 GeV from 5 X₀ on, each with its MIPs and its transfers.
        var (ecal30, hcal30) = SimulationSamples.MeanMuonTransfers(s_c, 30, 5);
        var (ecal20, hcal20) = SimulationSamples.MeanMuonTransfers(s_c, 20, 5);
        var hcalExpected = 2 * s_c.Hcal.Modules * s_c.Hcal.MipMeVPerModule * 1e-3 + hcal30.Sum() + hcal20.Sum();
        var hcalError = 4 * StandardError(hcal, hcal2, n);
        Assert.InRange(hcal / n, 0.95 * hcalExpected - hcalError, 1.05 * hcalExpected + hcalError + 0.5);
        // Shower of p − 50 GeV plus two MIPs over the 35 X₀ behind the pair's production point, and the transfers there.
        var expectedEcal = p / n - 50 + 2 * s_c.Ecal.MipMeV * 1e-3 * 35 / 40 + ecal30 + ecal20;
        var ecalError = 4 * StandardError(ecal, ecal2, n);
        Assert.InRange(ecal / n, expectedEcal - 1 - ecalError, expectedEcal + 1 + ecalError);
    }

    [Fact]
    public void A_rare_dimuon_appears_in_the_beam_at_the_rate_per_eot_of_the_dimuon_emitter()
    {
        var c = s_c;
        var g = SimulationSamples.Create(SampleKind.Beam, 111, c);
        var ev = RawEvent.For(c);
        // ≈ 64 pairs expected: a 12% test of the rate that the beam draws.
        const int n = 1_000_000;
        int dimuons = 0, electrons = 0;
        for (var i = 0L; i < n; i++)
        {
            g.Generate(0, i, ev);
            if (ev.Truth.Particle == ParticleKind.Electron) electrons++;
            if ((ev.Truth.Flags & TruthFlags.Dimuon) != 0) dimuons++;
        }
        AssertBinomial(dimuons, electrons, DimuonExpectation.For(c).PairsPerEot);
    }

    [Fact]
    public void Micromegas_clusters_light_the_channels_of_adjacent_strips_around_the_track()
    {
        var c = s_c with { Micromegas = s_c.Micromegas with { Efficiency = 1, NoiseHitProbability = 0 } };
        var geometry = new DetectorGeometry(c);
        var map = c.Micromegas.StripToChannel;
        var g = SimulationSamples.Create(SampleKind.Hadron, 121, c with { Beam = c.Beam with { DecayRegionM = 0 } });
        var ev = RawEvent.For(c);
        var channels = new List<int>();
        for (var i = 0L; i < 200; i++)
        {
            g.Generate(0, i, ev);
            var t = ev.Truth;
            for (var plane = 0; plane < 2 * c.Micromegas.Stations.Length; plane++)
            {
                var station = plane / 2;
                var yPlane = (plane & 1) == 1;
                var z = c.Micromegas.Stations[station].ZM;
                var pos = yPlane ? DetectorGeometry.Propagate(t.YMm, t.SlopeY, z) : geometry.BentX(t.XMm, t.SlopeX, t.MomentumGeV, z);
                var trueStrip = (int)Math.Floor(geometry.StripCoordinate(station, yPlane, pos));
                channels.Clear();
                for (var h = 0; h < ev.MicromegasHitCount; h++)
                {
                    if (ev.MicromegasPlane[h] != plane) continue;
                    Assert.True(ev.MicromegasAmplitude[h] >= c.Micromegas.ThresholdAdc);
                    channels.Add(ev.MicromegasChannel[h]);
                }
                Assert.InRange(channels.Count, 2, 8);
                for (var k = 1; k < channels.Count; k++) Assert.True(channels[k] > channels[k - 1], "hits in increasing channel order");
                // The lit channels are exactly those of a run of adjacent strips next to the true position.
                var found = false;
                for (var first = trueStrip - channels.Count; first <= trueStrip + 1 && !found; first++)
                {
                    if (first < 0 || first + channels.Count > map.Length) continue;
                    var run = new List<int>();
                    for (var s = first; s < first + channels.Count; s++) run.Add(map[s]);
                    run.Sort();
                    found = run.SequenceEqual(channels) && first <= trueStrip + 1 && first + channels.Count - 1 >= trueStrip - 1;
                }
                Assert.True(found, $"event {i} plane {plane}: channels [{string.Join(",", channels)}] around strip {trueStrip}");
            }
        }
    }

    private static void AssertBinomial(int count, int n, double p)
    {
        var mean = n * p;
        var sigma = Math.Sqrt(n * p * (1 - p));
        Assert.InRange(count, mean - 4 * sigma - 1, mean + 4 * sigma + 1);
    }
}
