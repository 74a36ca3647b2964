using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;

namespace NA64.Reco.Physics.Tests.Reconstruction;

/// <summary>Hand-made raw events following the <see cref="DetectorGeometry"/> conventions.</summary>
internal static class TestEvents
{
    public static DetectorConditions C => DetectorConditions.Default;

    /// <summary>Lights strip <paramref name="strip"/> of a plane through its channel.</summary>
    public static void AddStrip(RawEvent raw, int plane, int strip, int amplitude) =>
        raw.AddMicromegasHit(plane, C.Micromegas.StripToChannel[strip], amplitude);

    /// <summary>A symmetric two-strip cluster centred exactly on the boundary below strip coordinate <paramref name="boundary"/>.</summary>
    public static void AddBoundaryCluster(RawEvent raw, int plane, int boundary)
    {
        AddStrip(raw, plane, boundary - 2, 60);
        AddStrip(raw, plane, boundary - 1, 240);
        AddStrip(raw, plane, boundary, 240);
        AddStrip(raw, plane, boundary + 1, 60);
    }

    /// <summary>
    /// A nominal 100 GeV electron along the axis: with the default geometry every plane is crossed exactly at its
    /// centre (strip boundary 160), so the clusters are symmetric and the reconstructed momentum exact.
    /// Its shower of <paramref name="ecalGeV"/> sits at the centre of the central ECAL cell.
    /// </summary>
    public static RawEvent Electron(double ecalGeV = 40, double preshowerShare = 0.1)
    {
        var raw = RawEvent.For(C);
        for (var plane = 0; plane < C.Micromegas.Stations.Length * 2; plane++) AddBoundaryCluster(raw, plane, C.Micromegas.Strips / 2);
        for (var m = 0; m < C.Srd.Modules; m++)
        {
            raw.SrdEnergyKeV[m] = 30_000 + 5_000 * m;
            raw.SrdTimePs[m] = 300 - 200 * m;
        }
        AddShower(raw, C.Ecal.CentralCellX, C.Ecal.CentralCellY, 0, 0, ecalGeV, preshowerShare, zeroSuppression: true);
        return raw;
    }

    /// <summary>Fills the ECAL (optionally zero-suppressed per section) with the expected profile of a shower entering cell (ix, iy) at offset (u, v) in cell units.</summary>
    public static void AddShower(RawEvent raw, int ix, int iy, double u, double v, double energyGeV, double preshowerShare, bool zeroSuppression = false)
    {
        var threshold = zeroSuppression ? (int)(C.Ecal.ZeroSuppressionMeV * 1000) : 0;
        var profile = new EcalShowerProfile(C.Ecal);
        for (var cy = 0; cy < C.Ecal.Ny; cy++)
        for (var cx = 0; cx < C.Ecal.Nx; cx++)
        {
            var keV = energyGeV * 1e6 * profile.CellFraction(u, v, cx - ix, cy - iy);
            var i = cy * C.Ecal.Nx + cx;
            var pre = (int)Math.Round(keV * preshowerShare);
            var main = (int)Math.Round(keV * (1 - preshowerShare));
            raw.EcalPreshowerKeV[i] += pre >= threshold ? pre : 0;
            raw.EcalMainKeV[i] += main >= threshold ? main : 0;
        }
    }
}
