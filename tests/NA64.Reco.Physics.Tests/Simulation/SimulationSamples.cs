using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation;

/// <summary>Generators and event snapshots shared by the simulation tests.</summary>
internal static class SimulationSamples
{
    /// <summary>A stand-in dimuon pair (the real emitter is another change): 30 + 20 GeV muons from 5 X₀.</summary>
    public static readonly DimuonSource FakeDimuon = (ref EventRandom rng, double e) => new DimuonEmission(30, 20, 5);

    /// <summary>A stand-in A' emission: 60% of the beam energy, weight 1e-9.</summary>
    public static readonly APrimeSource FakeAPrime = (ref EventRandom rng, double e) => new APrimeEmission(0.6 * e, 3, e, 1e-9);

    /// <summary>
    /// The mean energy of a muon's transfers above the cut (physics.md §8c) in the ECAL behind <paramref name="startX0"/>
    /// and in each HCAL module, its energy lowered layer by layer to the CSDA one (the transfers' fluctuations average out).
    /// </summary>
    public static (double Ecal, double[] HcalModules) MeanMuonTransfers(DetectorConditions c, double energyGeV, double startX0)
    {
        var passage = MuonCalorimeterPassage.Of(c);
        var ecalTable = MuonTransferTable.Shared(passage.Ecal.Z, passage.Ecal.A, passage.CutGeV, MuonCalorimeterPassage.MinEnergyGeV, 256);
        var hcalTable = MuonTransferTable.Shared(passage.HcalMaterial.Z, passage.HcalMaterial.A, passage.CutGeV, MuonCalorimeterPassage.MinEnergyGeV, 256);
        var lead = MuonStopping.Of(passage.Ecal.Material);
        var iron = MuonStopping.Of(passage.HcalMaterial);
        var thickness = passage.Ecal.ThicknessGPerCm2 * (1 - startX0 / (c.Ecal.PreshowerX0 + c.Ecal.MainX0));
        var ecal = ecalTable.MeanEnergyPerGram(energyGeV) * thickness;
        var energy = lead.EnergyAtRange(lead.Range(energyGeV) - thickness);
        var hcal = new double[passage.HcalModules];
        for (var m = 0; m < hcal.Length; m++)
        {
            hcal[m] = hcalTable.MeanEnergyPerGram(energy) * passage.HcalModuleGPerCm2;
            energy = iron.EnergyAtRange(iron.Range(energy) - passage.HcalModuleGPerCm2);
        }
        return (ecal, hcal);
    }

    public static EventGenerator Create(SampleKind kind, ulong seed, DetectorConditions? c = null) =>
        new(c ?? DetectorConditions.Default, new SampleDescriptor(kind, kind == SampleKind.Signal ? 16.7 : 0, 1e-4, seed), FakeAPrime, FakeDimuon);

    /// <summary>Every field of an event as bytes, for exact comparison.</summary>
    public static byte[] Snapshot(RawEvent ev)
    {
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write(ev.EventNumber);
        w.Write(ev.MicromegasHitCount);
        for (var i = 0; i < ev.MicromegasHitCount; i++)
        {
            w.Write(ev.MicromegasPlane[i]);
            w.Write(ev.MicromegasChannel[i]);
            w.Write(ev.MicromegasAmplitude[i]);
        }
        foreach (var a in new[] { ev.SrdEnergyKeV, ev.SrdTimePs, ev.EcalPreshowerKeV, ev.EcalMainKeV, ev.HcalKeV, ev.VetoKeV })
            foreach (var v in a) w.Write(v);
        w.Write(ev.HasTruth);
        var t = ev.Truth;
        w.Write((byte)t.Particle);
        w.Write((ushort)t.Flags);
        foreach (var d in new[] { t.MomentumGeV, t.XMm, t.YMm, t.SlopeX, t.SlopeY, t.APrimeEnergyGeV, t.Weight }) w.Write(d);
        w.Flush();
        return ms.ToArray();
    }

    public static double EcalGeV(RawEvent ev)
    {
        long sum = 0;
        for (var i = 0; i < ev.EcalMainKeV.Length; i++) sum += ev.EcalMainKeV[i] + ev.EcalPreshowerKeV[i];
        return sum * 1e-6;
    }

    public static double PreshowerGeV(RawEvent ev)
    {
        long sum = 0;
        foreach (var v in ev.EcalPreshowerKeV) sum += v;
        return sum * 1e-6;
    }

    public static double HcalGeV(RawEvent ev)
    {
        long sum = 0;
        foreach (var v in ev.HcalKeV) sum += v;
        return sum * 1e-6;
    }

    /// <summary>The SRD tag of physics.md §3 computed from the digits with the conditions' cut values.</summary>
    public static bool SrdModulePasses(RawEvent ev, SelectionCuts cuts, int module)
    {
        var e = ev.SrdEnergyKeV[module] * 1e-3;
        var t = ev.SrdTimePs[module] * 1e-3;
        return e > cuts.SrdModuleMinMeV && e < cuts.SrdModuleMaxMeV && Math.Abs(t) < cuts.SrdTimeWindowNs;
    }

    public static bool SrdTag(RawEvent ev, SelectionCuts cuts)
    {
        for (var m = 0; m < ev.SrdEnergyKeV.Length; m++)
            if (!SrdModulePasses(ev, cuts, m)) return false;
        return true;
    }
}
