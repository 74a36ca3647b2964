using NA64.Reco.Actors.Campaign;

namespace NA64.Reco.Actors.Tests;

/// <summary>How often the coordinator snapshots: the spec's interval while a campaign is small, a tenth of it after.</summary>
public sealed class SnapshotIntervalTests
{
    [Theory]
    [InlineData(20, 0, 20)]
    [InlineData(20, 199, 20)]
    [InlineData(20, 200, 20)]
    [InlineData(20, 1_000, 100)]
    [InlineData(4, 10, 4)]
    [InlineData(20, 4_000_000, 400_000)]
    public void The_interval_is_the_spec_s_or_a_tenth_of_the_spills_finished(int every, int finished, int expected) =>
        Assert.Equal(expected, CampaignCoordinator.SnapshotInterval(every, finished));

    [Fact]
    public void A_campaign_of_millions_of_spills_writes_its_spill_ids_a_bounded_number_of_times()
    {
        // 10^11 events in spills of 25,000: 4 million spills, each snapshot holding every finished spill id.
        const int spills = 4_000_000;
        long idsWritten = 0, snapshots = 0, since = 0, longestTail = 0;
        for (var finished = 1; finished <= spills; finished++)
        {
            longestTail = Math.Max(longestTail, ++since);
            if (since < CampaignCoordinator.SnapshotInterval(20, finished) || finished == spills) continue;
            since = 0;
            snapshots++;
            idsWritten += finished;
        }

        Assert.InRange(snapshots, 10, 200);
        Assert.True(idsWritten <= 11L * spills, $"{idsWritten} ids written: more than 11 per spill");
        Assert.True(longestTail <= spills / 10, $"a recovery could replay {longestTail} spills");
        // At a fixed interval of 20 the same campaign would write 4e11 ids.
    }
}
