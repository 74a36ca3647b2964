using System.Security.Cryptography;
using NA64.Reco.Physics.Selection;

namespace NA64.Reco.Physics.Summary;

/// <summary>
/// Mergeable result of reconstructing some events: counters, cut-flow, fixed-binning histograms and
/// fixed-point weighted sums. Every field is an integer, so <see cref="Merge"/> is exact and
/// order-independent: any split of a sample into chunks, merged in any order, gives identical bytes.
/// </summary>
public sealed class SpillSummary
{
    /// <summary>Electrons on target from the spill scalers (set once per spill, not per chunk).</summary>
    public long Eot;
    /// <summary>Spills merged into this summary.</summary>
    public int Spills;
    /// <summary>Events reconstructed.</summary>
    public long Events;

    /// <summary>Events passing every cut up to and including row k of <see cref="Cut"/>.</summary>
    public readonly long[] CutFlow = new long[CutNames.Count];
    /// <summary>Σ w of those events, fixed point (<see cref="FixedPointWeight"/>).</summary>
    public readonly Int128[] WeightedCutFlow = new Int128[CutNames.Count];
    /// <summary>Σ w² of those events, fixed point: the effective statistics of weighted efficiencies.</summary>
    public readonly Int128[] WeightedSquaredCutFlow = new Int128[CutNames.Count];

    /// <summary>MC electrons of the nominal beam (no tail) and how many of them the SRD tagged.</summary>
    public long TruthElectrons, TruthElectronsSrdTagged;
    /// <summary>MC hadrons (π, K) and how many of them the SRD tagged (misidentified as electrons).</summary>
    public long TruthHadrons, TruthHadronsSrdTagged;
    /// <summary>MC nominal electrons without A' or dimuon, and those with |E_ECAL + E_HCAL − E₀| &lt; 3σ.</summary>
    public long ClosureEvents, ClosureWithin3Sigma;
    /// <summary>Per <see cref="RawData.TruthFlags"/> bit (index = bit number; last = no flag): MC events in the signal box.</summary>
    public readonly long[] SourceInSignalBox = new long[17];

    /// <summary>(p_reco − p_true)/p_true of MC beam electrons with a reconstructed momentum.</summary>
    public readonly Histogram1D MomentumResidual = new("momentum-residual", "(p_reco - p_true)/p_true", 400, -0.1, 0.1);
    /// <summary>Reconstructed momentum of every event with a track.</summary>
    public readonly Histogram1D Momentum = new("momentum", "p [GeV]", 300, 0, 150);
    /// <summary>Summed SRD energy of every event.</summary>
    public readonly Histogram1D SrdEnergy = new("srd-energy", "E_SRD [MeV]", 300, 0, 300);
    /// <summary>E_ECAL vs E_HCAL of events passing the cuts up to VETO (the plane of the background estimate).</summary>
    public readonly Histogram2D EcalVsHcal = new("ecal-vs-hcal", "E_ECAL [GeV]", 120, 0, 120, "E_HCAL [GeV]", 120, 0, 120);
    /// <summary>E_ECAL vs E_HCAL of every event, before any cut: the view of the whole sample (the SM diagonal).</summary>
    public readonly Histogram2D EcalVsHcalAll = new("ecal-vs-hcal-all", "E_ECAL [GeV]", 120, 0, 120, "E_HCAL [GeV]", 120, 0, 120);

    /// <summary>Adds <paramref name="other"/> into this summary.</summary>
    public void Merge(SpillSummary other)
    {
        Eot += other.Eot;
        Spills += other.Spills;
        Events += other.Events;
        for (var i = 0; i < CutFlow.Length; i++)
        {
            CutFlow[i] += other.CutFlow[i];
            WeightedCutFlow[i] += other.WeightedCutFlow[i];
            WeightedSquaredCutFlow[i] += other.WeightedSquaredCutFlow[i];
        }
        TruthElectrons += other.TruthElectrons;
        TruthElectronsSrdTagged += other.TruthElectronsSrdTagged;
        TruthHadrons += other.TruthHadrons;
        TruthHadronsSrdTagged += other.TruthHadronsSrdTagged;
        ClosureEvents += other.ClosureEvents;
        ClosureWithin3Sigma += other.ClosureWithin3Sigma;
        for (var i = 0; i < SourceInSignalBox.Length; i++) SourceInSignalBox[i] += other.SourceInSignalBox[i];
        MomentumResidual.Merge(other.MomentumResidual);
        Momentum.Merge(other.Momentum);
        SrdEnergy.Merge(other.SrdEnergy);
        EcalVsHcal.Merge(other.EcalVsHcal);
        EcalVsHcalAll.Merge(other.EcalVsHcalAll);
    }

    public SpillSummary Clone()
    {
        var s = new SpillSummary();
        s.Merge(this);
        return s;
    }

    /// <summary>Writes every field in a fixed order: equal summaries give equal bytes.</summary>
    public void WriteCanonical(BinaryWriter w)
    {
        w.Write(Eot);
        w.Write(Spills);
        w.Write(Events);
        foreach (var c in CutFlow) w.Write(c);
        foreach (var c in WeightedCutFlow) WriteInt128(w, c);
        foreach (var c in WeightedSquaredCutFlow) WriteInt128(w, c);
        w.Write(TruthElectrons);
        w.Write(TruthElectronsSrdTagged);
        w.Write(TruthHadrons);
        w.Write(TruthHadronsSrdTagged);
        w.Write(ClosureEvents);
        w.Write(ClosureWithin3Sigma);
        foreach (var c in SourceInSignalBox) w.Write(c);
        foreach (var c in MomentumResidual.Counts) w.Write(c);
        foreach (var c in Momentum.Counts) w.Write(c);
        foreach (var c in SrdEnergy.Counts) w.Write(c);
        foreach (var c in EcalVsHcal.Counts) w.Write(c);
        foreach (var c in EcalVsHcalAll.Counts) w.Write(c);
    }

    /// <summary>SHA-256 of <see cref="WriteCanonical"/>, hex: equal fingerprints mean bit-identical tables.</summary>
    public string Fingerprint()
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) WriteCanonical(w);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void WriteInt128(BinaryWriter w, Int128 v)
    {
        w.Write((ulong)(v & ulong.MaxValue));
        w.Write((ulong)(v >> 64));
    }
}
