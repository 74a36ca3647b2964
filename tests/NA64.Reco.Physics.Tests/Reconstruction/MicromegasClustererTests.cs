using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;

namespace NA64.Reco.Physics.Tests.Reconstruction;

public sealed class MicromegasClustererTests
{
    private static readonly DetectorConditions C = TestEvents.C;
    private static readonly DetectorGeometry Geometry = new(C);

    private static RecoEvent Cluster(RawEvent raw)
    {
        var reco = RecoEvent.For(C);
        new MicromegasClusterer(C).Reconstruct(raw, reco);
        return reco;
    }

    /// <summary>Strip position of a continuous strip coordinate, independent of the clusterer's arithmetic.</summary>
    private static double At(int station, bool y, double stripCoordinate) =>
        Geometry.StripCentreMm(station, y, 0) + stripCoordinate * C.Micromegas.PitchMm;

    [Fact]
    public void Two_adjacent_strips_demultiplex_to_their_strips_and_centre_of_gravity()
    {
        var raw = RawEvent.For(C);
        // Strips 137 and 138 are in the third group: their channels also read four other strips each.
        raw.AddMicromegasHit(0, C.Micromegas.StripToChannel[137], 300);
        raw.AddMicromegasHit(0, C.Micromegas.StripToChannel[138], 100);

        var reco = Cluster(raw);

        Assert.Equal(1, reco.ClusterCount[0]);
        Assert.Equal(2, reco.ClusterWidth[0]);
        Assert.Equal(400, reco.ClusterChargeAdc[0]);
        Assert.Equal(At(0, false, 137.25), reco.ClusterPosition(0, 0), 12);
        Assert.Equal(0, reco.AmbiguousChannels);
        for (var p = 1; p < reco.Planes; p++) Assert.Equal(0, reco.ClusterCount[p]);
    }

    [Fact]
    public void A_cluster_across_a_group_boundary_is_found_on_a_y_plane()
    {
        var raw = RawEvent.For(C);
        TestEvents.AddStrip(raw, 5, 63, 100);
        TestEvents.AddStrip(raw, 5, 64, 200);
        TestEvents.AddStrip(raw, 5, 65, 100);

        var reco = Cluster(raw);

        Assert.Equal(1, reco.ClusterCount[5]);
        Assert.Equal(3, reco.ClusterWidth[5 * RecoEvent.MaxClustersPerPlane]);
        Assert.Equal(At(2, true, 64), reco.ClusterPosition(5, 0), 12);
    }

    [Fact]
    public void A_lone_channel_is_ambiguous_and_dropped()
    {
        var raw = RawEvent.For(C);
        raw.AddMicromegasHit(2, 17, 500);

        var reco = Cluster(raw);

        Assert.Equal(0, reco.ClusterCount[2]);
        Assert.Equal(1, reco.AmbiguousChannels);
    }

    [Fact]
    public void A_noise_channel_pairing_with_a_track_channel_elsewhere_does_not_make_a_second_cluster()
    {
        var map = C.Micromegas.StripToChannel;
        const int s = 201;
        int a = map[s], b = map[s + 1];
        // A channel that forms an adjacent pair with channel a far away from the real cluster: a ghost candidate.
        var noise = -1;
        for (var t = 0; t + 1 < map.Length && noise < 0; t++)
        {
            if (Math.Abs(t - s) < 3) continue;
            if (map[t] == a && map[t + 1] != b) noise = map[t + 1];
            else if (map[t + 1] == a && map[t] != b) noise = map[t];
        }
        Assert.True(noise >= 0);
        var raw = RawEvent.For(C);
        raw.AddMicromegasHit(1, a, 250);
        raw.AddMicromegasHit(1, noise, 40);
        raw.AddMicromegasHit(1, b, 150);

        var reco = Cluster(raw);

        Assert.Equal(1, reco.ClusterCount[1]);
        Assert.Equal(At(0, true, s + 150.0 / 400), reco.ClusterPosition(1, 0), 12);
        Assert.Equal(1, reco.AmbiguousChannels);
    }

    [Fact]
    public void Two_separate_tracks_in_one_plane_give_two_clusters_largest_first()
    {
        var raw = RawEvent.For(C);
        TestEvents.AddStrip(raw, 0, 40, 100);
        TestEvents.AddStrip(raw, 0, 41, 100);
        TestEvents.AddStrip(raw, 0, 250, 300);
        TestEvents.AddStrip(raw, 0, 251, 100);

        var reco = Cluster(raw);

        Assert.Equal(2, reco.ClusterCount[0]);
        Assert.Equal(At(0, false, 250.25), reco.ClusterPosition(0, 0), 12);
        Assert.Equal(At(0, false, 40.5), reco.ClusterPosition(0, 1), 12);
    }

    [Fact]
    public void Amplitudes_of_one_channel_read_twice_add_up()
    {
        var raw = RawEvent.For(C);
        TestEvents.AddStrip(raw, 0, 10, 100);
        TestEvents.AddStrip(raw, 0, 10, 100);
        TestEvents.AddStrip(raw, 0, 11, 200);

        var reco = Cluster(raw);

        Assert.Equal(At(0, false, 10.5), reco.ClusterPosition(0, 0), 12);
    }
}
