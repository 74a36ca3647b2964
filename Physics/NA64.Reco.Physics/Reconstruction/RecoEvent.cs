using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Reconstruction;

/// <summary>
/// Everything reconstructed from one <see cref="RawData.RawEvent"/>, in reusable fixed-size buffers so that a
/// worker reconstructs a whole chunk into one instance without allocating. Energies in GeV for the calorimeters,
/// MeV for SRD and VETO; positions in mm; angles in rad; times in ns. Missing quantities are NaN.
/// </summary>
public sealed class RecoEvent
{
    /// <summary>Most Micromegas clusters kept per plane (further ones are counted in <see cref="ClustersDropped"/>).</summary>
    public const int MaxClustersPerPlane = 8;

    public RecoEvent(int planes, int srdModules, int hcalModules, int vetoCounters)
    {
        Planes = planes;
        ClusterCount = new int[planes];
        ClusterPositionMm = new double[planes * MaxClustersPerPlane];
        ClusterChargeAdc = new double[planes * MaxClustersPerPlane];
        ClusterWidth = new int[planes * MaxClustersPerPlane];
        SrdEnergyMeV = new double[srdModules];
        SrdTimeNs = new double[srdModules];
        HcalModuleGeV = new double[hcalModules];
        VetoMeV = new double[vetoCounters];
        Clear();
    }

    /// <summary>Creates an event sized for the given conditions.</summary>
    public static RecoEvent For(DetectorConditions c) =>
        new(c.Micromegas.Stations.Length * 2, c.Srd.Modules, c.Hcal.Modules, c.Veto.Counters);

    // ---- Micromegas: plane index = station × 2 + (0 X, 1 Y); cluster k of plane p at [p × MaxClustersPerPlane + k].
    public int Planes { get; }
    public readonly int[] ClusterCount;
    /// <summary>Cluster centre of gravity in the plane's coordinate (x for X planes, y for Y planes).</summary>
    public readonly double[] ClusterPositionMm;
    public readonly double[] ClusterChargeAdc;
    /// <summary>Strips in the cluster.</summary>
    public readonly int[] ClusterWidth;
    /// <summary>Fired channels that no adjacent-strip pair explains (ambiguous among their strips: dropped).</summary>
    public int AmbiguousChannels;
    /// <summary>Clusters beyond <see cref="MaxClustersPerPlane"/>, not stored.</summary>
    public int ClustersDropped;

    // ---- Tracking
    public TrackSegment Upstream;
    public TrackSegment Downstream;
    /// <summary>Deflection slope_down − slope_up in x (rad).</summary>
    public double DeflectionRad;
    /// <summary>p = 0.3 · B·L / θ (GeV); NaN without both segments or for θ ≤ 0.</summary>
    public double MomentumGeV;
    /// <summary>x_up − x_down at the magnet centre (mm).</summary>
    public double MatchDxMm;
    /// <summary>Distance of the up- and downstream lines at the magnet centre, √(Δx² + Δy²) (mm).</summary>
    public double MatchDistanceMm;
    /// <summary>χ² per degree of freedom of the whole track: x matching at the magnet plus a y line through every station.</summary>
    public double TrackChi2;
    public int TrackNdf;

    public double ClusterPosition(int plane, int k) => ClusterPositionMm[plane * MaxClustersPerPlane + k];

    // ---- SRD
    public readonly double[] SrdEnergyMeV;
    public readonly double[] SrdTimeNs;
    public double SrdTotalMeV;
    public bool SrdTagged;
    /// <summary>Bit m: module m passed the SRD cuts; the bits of modules the SRD does not have (up to 8) are set.</summary>
    public int SrdModulePassMask;

    // ---- ECAL (preshower + main per cell)
    public double EcalTotalGeV, EcalPreshowerGeV, EcalMainGeV;
    /// <summary>Cell of the maximum (iy × nx + ix), −1 for an empty ECAL.</summary>
    public int EcalMaxCell;
    public double EcalMaxCellGeV;
    /// <summary>Energy of the 3 × 3 cells around the maximum.</summary>
    public double EcalClusterGeV;
    public double EcalCentreXMm, EcalCentreYMm;
    /// <summary>Cell of the shower centre, −1 outside.</summary>
    public int EcalCentreCell;
    /// <summary>Shower-shape χ² per degree of freedom against the expected lateral profile (see <see cref="EcalShowerProfile"/>).</summary>
    public double EcalShapeChi2;
    public int EcalShapeNdf;
    /// <summary>D = Σ E_i r_i / Σ E_i over all cells, r_i the distance of cell i's centre from the shower centre (mm).</summary>
    public double EcalDispersionMm;

    // ---- HCAL and VETO
    public double HcalTotalGeV;
    public readonly double[] HcalModuleGeV;
    /// <summary>HCAL cell with the most energy (module × cells + cell), −1 when empty.</summary>
    public int HcalMaxCell;
    public readonly double[] VetoMeV;
    public double VetoMaxMeV;

    // The arrays hold a handful of values: a loop costs less than the call behind Array.Clear, once per event.
    private static void Zero<T>(T[] values) where T : struct
    {
        for (var i = 0; i < values.Length; i++) values[i] = default;
    }

    /// <summary>Resets every quantity, keeping the buffers.</summary>
    public void Clear()
    {
        Zero(ClusterCount);
        AmbiguousChannels = 0;
        ClustersDropped = 0;
        Upstream = TrackSegment.None;
        Downstream = TrackSegment.None;
        DeflectionRad = MomentumGeV = MatchDxMm = MatchDistanceMm = TrackChi2 = double.NaN;
        TrackNdf = 0;
        Zero(SrdEnergyMeV);
        Zero(SrdTimeNs);
        SrdTotalMeV = 0;
        SrdTagged = false;
        SrdModulePassMask = 0;
        EcalTotalGeV = EcalPreshowerGeV = EcalMainGeV = EcalMaxCellGeV = EcalClusterGeV = 0;
        EcalMaxCell = EcalCentreCell = -1;
        EcalCentreXMm = EcalCentreYMm = EcalShapeChi2 = EcalDispersionMm = double.NaN;
        EcalShapeNdf = 0;
        HcalTotalGeV = 0;
        Zero(HcalModuleGeV);
        HcalMaxCell = -1;
        Zero(VetoMeV);
        VetoMaxMeV = 0;
    }
}
