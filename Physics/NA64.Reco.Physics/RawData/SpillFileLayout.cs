using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// The detector channel counts stored in a raw spill file header: they size a <see cref="RawEvent"/> and bound
/// every index a block may hold, so a reader needs no conditions file to decode.
/// </summary>
public sealed record SpillFileLayout(
    int SrdModules, int EcalCells, int HcalModules, int HcalCellsPerModule, int VetoCounters,
    int MicromegasPlanes, int MicromegasChannels)
{
    public int HcalCells => HcalModules * HcalCellsPerModule;

    /// <summary>The layout of the detector described by the conditions (planes = stations × 2).</summary>
    public static SpillFileLayout From(DetectorConditions c) => new(
        c.Srd.Modules, c.Ecal.Cells, c.Hcal.Modules, c.Hcal.CellsPerModule, c.Veto.Counters,
        c.Micromegas.Stations.Length * 2, c.Micromegas.Channels);

    /// <summary>A new event whose buffers fit this layout.</summary>
    public RawEvent CreateEvent() => new(SrdModules, EcalCells, HcalModules, HcalCellsPerModule, VetoCounters);

    /// <summary>True when the event's buffers have exactly this layout's sizes.</summary>
    public bool Fits(RawEvent e) =>
        e.SrdEnergyKeV.Length == SrdModules && e.SrdTimePs.Length == SrdModules
        && e.EcalPreshowerKeV.Length == EcalCells && e.EcalMainKeV.Length == EcalCells
        && e.HcalKeV.Length == HcalCells && e.VetoKeV.Length == VetoCounters;

    /// <summary>
    /// The largest body a writer can produce for this layout (docs/raw-format.md, "Length limits"); a block
    /// claiming more is rejected as absurd before anything is read or allocated for it.
    /// </summary>
    public int MaxBodyBytes =>
        SpillFormat.BodyFixedBytes + RawEvent.MaxMicromegasHits * 4
        + Section(SrdModules) * 2 + Section(EcalCells) * 2 + Section(HcalCells) + Section(VetoCounters)
        + SpillFormat.TruthBytes;

    /// <summary>Bytes of a cell index in a section of a detector with <paramref name="cells"/> cells: 1 up to 256 cells, else 2.</summary>
    public static int IndexBytes(int cells) => cells <= 256 ? 1 : 2;

    private static int Section(int cells) => cells * (IndexBytes(cells) + 4);

    internal void Validate(Action<string, string> fail)
    {
        if (SrdModules is < 1 or > 255) fail("srdModules", $"{SrdModules} is outside 1..255");
        if (VetoCounters is < 1 or > 255) fail("vetoCounters", $"{VetoCounters} is outside 1..255");
        if (HcalModules is < 1 or > 255) fail("hcalModules", $"{HcalModules} is outside 1..255");
        if (HcalCellsPerModule is < 1 or > 255) fail("hcalCellsPerModule", $"{HcalCellsPerModule} is outside 1..255");
        if (MicromegasPlanes is < 1 or > RawEvent.MaxMicromegasPlanes) fail("micromegasPlanes", $"{MicromegasPlanes} is outside 1..{RawEvent.MaxMicromegasPlanes}");
        if (EcalCells is < 1 or > 4096) fail("ecalCells", $"{EcalCells} is outside 1..4096");
        if (MicromegasChannels is < 1 or > 256) fail("micromegasChannels", $"{MicromegasChannels} is outside 1..256");
    }
}
