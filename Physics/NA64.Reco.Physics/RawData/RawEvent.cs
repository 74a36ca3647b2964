namespace NA64.Reco.Physics.RawData;

/// <summary>
/// One event's digitised hits, decoded into reusable fixed-capacity buffers (no allocation per event).
/// Amplitudes are pedestal-subtracted integers: calorimeters and SRD in keV, Micromegas in ADC counts;
/// times in picoseconds relative to the trigger. Cells below zero suppression read 0.
/// </summary>
public sealed class RawEvent
{
    /// <summary>Most Micromegas channels above threshold stored per event (all planes together).</summary>
    public const int MaxMicromegasHits = 512;
    /// <summary>Micromegas planes: station × 2 + (0 for X, 1 for Y).</summary>
    public const int MaxMicromegasPlanes = 32;

    public RawEvent(int srdModules = 3, int ecalCells = 36, int hcalModules = 4, int hcalCellsPerModule = 9, int vetoCounters = 3)
    {
        SrdEnergyKeV = new int[srdModules];
        SrdTimePs = new int[srdModules];
        EcalPreshowerKeV = new int[ecalCells];
        EcalMainKeV = new int[ecalCells];
        HcalKeV = new int[hcalModules * hcalCellsPerModule];
        VetoKeV = new int[vetoCounters];
    }

    /// <summary>Event number within the spill, 0-based.</summary>
    public long EventNumber;

    public int MicromegasHitCount;
    public readonly byte[] MicromegasPlane = new byte[MaxMicromegasHits];
    public readonly byte[] MicromegasChannel = new byte[MaxMicromegasHits];
    public readonly ushort[] MicromegasAmplitude = new ushort[MaxMicromegasHits];

    public readonly int[] SrdEnergyKeV;
    public readonly int[] SrdTimePs;
    /// <summary>ECAL preshower section, cell index = iy × nx + ix.</summary>
    public readonly int[] EcalPreshowerKeV;
    /// <summary>ECAL main section, cell index = iy × nx + ix.</summary>
    public readonly int[] EcalMainKeV;
    /// <summary>HCAL, index = module × cellsPerModule + iy × nx + ix.</summary>
    public readonly int[] HcalKeV;
    public readonly int[] VetoKeV;

    public bool HasTruth;
    public McTruth Truth;

    /// <summary>Resets all hits and truth, keeping the buffers.</summary>
    public void Clear()
    {
        EventNumber = 0;
        MicromegasHitCount = 0;
        Array.Clear(SrdEnergyKeV);
        Array.Clear(SrdTimePs);
        Array.Clear(EcalPreshowerKeV);
        Array.Clear(EcalMainKeV);
        Array.Clear(HcalKeV);
        Array.Clear(VetoKeV);
        HasTruth = false;
        Truth = default;
    }

    /// <summary>Appends one Micromegas channel hit; false when the buffer is full.</summary>
    public bool AddMicromegasHit(int plane, int channel, int amplitude)
    {
        if (MicromegasHitCount >= MaxMicromegasHits) return false;
        MicromegasPlane[MicromegasHitCount] = (byte)plane;
        MicromegasChannel[MicromegasHitCount] = (byte)channel;
        MicromegasAmplitude[MicromegasHitCount] = (ushort)Math.Clamp(amplitude, 0, ushort.MaxValue);
        MicromegasHitCount++;
        return true;
    }

    /// <summary>Creates an event sized for the given conditions.</summary>
    public static RawEvent For(Detector.DetectorConditions c) =>
        new(c.Srd.Modules, c.Ecal.Cells, c.Hcal.Modules, c.Hcal.CellsPerModule, c.Veto.Counters);
}
