using System.Numerics;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// The one background source an MC event is counted under (docs/physics.md §8), so that the per-source rows of a table
/// add up to its total: of the event's <see cref="TruthFlags"/>, the first in <see cref="Priority"/>. The process the
/// beam particle underwent comes first (the A' of a signal event; a decay to an electron, an electro-nuclear
/// interaction and a photo-nuclear one in the ECAL, before a decay to a muon, since the electron is what reaches the
/// box; the dimuon pair; a hadron's interaction or punch-through; the low-energy tail of the beam), then what the
/// detector did to it (leakage), then pile-up, which makes an event of one of those kinds look different but is not
/// itself a beam particle's process.
/// </summary>
public static class PrimarySource
{
    /// <summary>The order of precedence, first wins.</summary>
    public static readonly IReadOnlyList<TruthFlags> Priority =
    [
        TruthFlags.APrime, TruthFlags.DecayToElectron, TruthFlags.ElectroNuclear, TruthFlags.PhotoNuclear, TruthFlags.DecayInFlight, TruthFlags.Dimuon, TruthFlags.HadronInteraction,
        TruthFlags.PunchThrough, TruthFlags.LowEnergyTail, TruthFlags.Leakage, TruthFlags.InTimeSrPileUp, TruthFlags.InTimePileUp,
        TruthFlags.PileUp,
    ];

    private static readonly ushort[] PriorityBits = Priority.Select(f => (ushort)f).ToArray();

    /// <summary>
    /// The source slot (<see cref="Summary.EventSummary.SourceSlots"/>: the flag's bit number, the last slot for an
    /// event without a flag) of an event with <paramref name="flags"/>; a bit outside <see cref="Priority"/> counts only
    /// when no listed one is set, the lowest first.
    /// </summary>
    public static int Slot(TruthFlags flags, int slots)
    {
        var bits = (ushort)flags;
        if (bits == 0) return slots - 1;
        foreach (var p in PriorityBits)
            if ((bits & p) != 0) return BitOperations.TrailingZeroCount(p);
        return BitOperations.TrailingZeroCount(bits);
    }
}
