using NA64.Reco.Physics.Analysis;

namespace NA64.Reco.Physics.Summary;

/// <summary>
/// The (E_ECAL, E_HCAL) plane of the events that pass the cuts up to VETO, cut into 4 × 4 cells around the signal box
/// by the ABCD side-bands (<see cref="AbcdSidebands"/>): in each energy, band 0 is below the box's cut, bands 1 and 2
/// the near and far halves of the side-band, band 3 beyond it (and a non-finite energy). Cell (0, 0) is the signal box,
/// cells (1–2, 0) the ECAL side-band C, (0, 1–2) the HCAL side-band B. The summary keeps each source's weighted events
/// per cell: the shape a side-band normalisation extrapolates (docs/physics.md §8).
/// </summary>
public sealed class SidebandCells
{
    public const int Bands = 4;
    public const int Count = Bands * Bands;

    private readonly double _ecal0, _ecal1, _ecal2, _hcal0, _hcal1, _hcal2;

    public SidebandCells(AbcdSidebands sidebands)
    {
        ArgumentNullException.ThrowIfNull(sidebands);
        _ecal0 = sidebands.SignalEcalMaxGeV;
        _ecal2 = sidebands.EcalSidebandMaxGeV;
        _ecal1 = (_ecal0 + _ecal2) / 2;
        _hcal0 = sidebands.SignalHcalMaxGeV;
        _hcal2 = sidebands.HcalSidebandMaxGeV;
        _hcal1 = (_hcal0 + _hcal2) / 2;
    }

    /// <summary>The cell index, <see cref="Index"/>(ECAL band, HCAL band), of an event.</summary>
    public int CellOf(double ecalGeV, double hcalGeV) => Index(Band(ecalGeV, _ecal0, _ecal1, _ecal2), Band(hcalGeV, _hcal0, _hcal1, _hcal2));

    public static int Index(int ecalBand, int hcalBand) => ecalBand * Bands + hcalBand;

    /// <summary>The energy range of bands <paramref name="from"/> to <paramref name="to"/> of the ECAL (or HCAL), e.g. "[50, 80)".</summary>
    public string Describe(int from, int to, bool ecal)
    {
        double[] edges = ecal ? [double.NegativeInfinity, _ecal0, _ecal1, _ecal2, double.PositiveInfinity] : [double.NegativeInfinity, _hcal0, _hcal1, _hcal2, double.PositiveInfinity];
        double lo = edges[from], hi = edges[to + 1];
        if (double.IsNegativeInfinity(lo)) return FormattableString.Invariant($"< {hi:G4}");
        if (double.IsPositiveInfinity(hi)) return FormattableString.Invariant($">= {lo:G4}");
        return FormattableString.Invariant($"[{lo:G4}, {hi:G4})");
    }

    private static int Band(double e, double e0, double e1, double e2) => e < e0 ? 0 : e < e1 ? 1 : e < e2 ? 2 : 3;
}
