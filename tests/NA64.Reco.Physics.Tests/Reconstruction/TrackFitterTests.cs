using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Reconstruction;

namespace NA64.Reco.Physics.Tests.Reconstruction;

public sealed class TrackFitterTests
{
    private static readonly DetectorConditions C = TestEvents.C;
    private static readonly DetectorGeometry Geometry = new(C);

    private static void SetCluster(RecoEvent e, int plane, double position)
    {
        var k = e.ClusterCount[plane]++;
        e.ClusterPositionMm[plane * RecoEvent.MaxClustersPerPlane + k] = position;
    }

    /// <summary>Clusters of a track with the given parameters at z = 0, bent for momentum p at the magnet centre.</summary>
    private static RecoEvent Track(double x0, double slopeX, double y0, double slopeY, double p, double downstreamShiftMm = 0)
    {
        var e = RecoEvent.For(C);
        for (var st = 0; st < C.Micromegas.Stations.Length; st++)
        {
            var z = C.Micromegas.Stations[st].ZM;
            var shift = st >= C.Micromegas.UpstreamStations ? downstreamShiftMm : 0;
            SetCluster(e, st * 2, Geometry.BentX(x0, slopeX, p, z) + shift);
            SetCluster(e, st * 2 + 1, DetectorGeometry.Propagate(y0, slopeY, z));
        }
        return e;
    }

    [Fact]
    public void A_known_kinked_track_gives_its_momentum()
    {
        var e = Track(1.3, 2e-4, -0.7, -1e-4, 100);

        new TrackFitter(C).Fit(e);

        Assert.Equal(100.0, e.MomentumGeV, 1e-6);
        Assert.Equal(0.3 * 7.0 / 100, e.DeflectionRad, 1e-12);
        Assert.Equal(1.3, e.Upstream.X0Mm, 1e-9);
        Assert.Equal(2e-4, e.Upstream.SlopeX, 1e-12);
        Assert.Equal(-0.7, e.Upstream.Y0Mm, 1e-9);
        Assert.Equal(-1e-4, e.Upstream.SlopeY, 1e-12);
        Assert.Equal(2e-4 + 0.021, e.Downstream.SlopeX, 1e-12);
        Assert.Equal(1, e.Upstream.Candidates);
        Assert.True(e.Upstream.Good);
        Assert.Equal(4, e.Upstream.Hits);
        Assert.Equal(0, e.TrackChi2, 1e-9);
        Assert.Equal(3, e.TrackNdf);
        Assert.Equal(0, e.MatchDistanceMm, 1e-9);
    }

    [Theory]
    [InlineData(50.0)]
    [InlineData(100.0)]
    [InlineData(150.0)]
    public void The_momentum_follows_the_deflection(double p)
    {
        var e = Track(-2, 0, 1, 0, p);
        new TrackFitter(C).Fit(e);
        Assert.Equal(p, e.MomentumGeV, 1e-6);
    }

    [Fact]
    public void A_downstream_mismatch_at_the_magnet_gives_its_chi2()
    {
        const double shift = 1.0;
        var e = Track(0, 0, 0, 0, 100, shift);

        new TrackFitter(C).Fit(e);

        // Two-point lines: var u(z) = σ² (1/2 + (z − z̄)² / Σ(z_i − z̄)²), summed up and down at the magnet centre.
        var zc = C.Magnet.ZCentreM;
        static double Var(double z, double z1, double z2) => 0.5 + (z - 0.5 * (z1 + z2)) * (z - 0.5 * (z1 + z2)) / (0.5 * (z2 - z1) * (z2 - z1));
        var sigma2 = C.Micromegas.ResolutionMm * C.Micromegas.ResolutionMm * (Var(zc, 0, 1) + Var(zc, 15, 16));
        Assert.Equal(shift * shift / sigma2 / 3, e.TrackChi2, 1e-9);
        Assert.Equal(shift, Math.Abs(e.MatchDxMm), 1e-9);
        Assert.Equal(100.0, e.MomentumGeV, 1e-6); // a parallel shift leaves the slopes alone
    }

    [Fact]
    public void A_second_upstream_cluster_makes_two_candidates_and_the_matching_one_is_kept()
    {
        var e = Track(1.0, 0, 0, 0, 100);
        SetCluster(e, 0, 15.0);

        new TrackFitter(C).Fit(e);

        Assert.Equal(2, e.Upstream.Candidates);
        Assert.Equal(1.0, e.Upstream.X0Mm, 1e-9);
        Assert.Equal(100.0, e.MomentumGeV, 1e-6);
    }

    [Fact]
    public void A_missing_upstream_y_plane_leaves_no_good_upstream_track_but_a_momentum()
    {
        var e = Track(0, 0, 0, 0, 100);
        e.ClusterCount[3] = 0;

        new TrackFitter(C).Fit(e);

        Assert.False(e.Upstream.Good);
        Assert.Equal(0, e.Upstream.Candidates);
        Assert.Equal(100.0, e.MomentumGeV, 1e-6);
    }

    [Fact]
    public void No_downstream_hits_give_no_momentum()
    {
        var e = Track(0, 0, 0, 0, 100);
        e.ClusterCount[4] = 0;
        e.ClusterCount[6] = 0;

        new TrackFitter(C).Fit(e);

        Assert.True(e.Upstream.Good);
        Assert.True(double.IsNaN(e.MomentumGeV));
        Assert.True(double.IsNaN(e.TrackChi2));
    }

    [Fact]
    public void A_raw_electron_through_clustering_gives_its_momentum_and_a_single_track()
    {
        var reco = RecoEvent.For(C);
        new EventReconstructor(C).Reconstruct(TestEvents.Electron(), reco);

        Assert.Equal(100.0, reco.MomentumGeV, 1e-6);
        Assert.Equal(1, reco.Upstream.Candidates);
        Assert.True(reco.Upstream.Good);
        Assert.Equal(0, reco.Upstream.X0Mm, 1e-9);
        Assert.Equal(0, reco.Downstream.Y0Mm, 1e-9);
    }

    [Fact]
    public void Isolated_noise_channels_do_not_create_a_second_upstream_track()
    {
        var raw = TestEvents.Electron();
        // One stray channel per upstream plane, including a channel of the real cluster's neighbourhood groups.
        raw.AddMicromegasHit(0, 33, 45);
        raw.AddMicromegasHit(1, 7, 50);
        raw.AddMicromegasHit(2, 51, 40);
        raw.AddMicromegasHit(3, 12, 60);
        var reco = RecoEvent.For(C);

        new EventReconstructor(C).Reconstruct(raw, reco);

        for (var plane = 0; plane < 4; plane++) Assert.Equal(1, reco.ClusterCount[plane]);
        Assert.Equal(1, reco.Upstream.Candidates);
        Assert.Equal(4, reco.AmbiguousChannels);
        Assert.Equal(100.0, reco.MomentumGeV, 1e-6);
    }
}
