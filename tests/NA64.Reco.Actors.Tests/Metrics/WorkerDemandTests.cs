using NA64.Reco.Actors.Metrics;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Tests.Metrics;

/// <summary>The scaling decision: the worker nodes a campaign can keep busy, from its backlog, 0 → N → 0 over its life.</summary>
public sealed class WorkerDemandTests
{
    private static CampaignProgress Progress(int total, int done, int quarantined = 0, int inFlight = 0, int held = 0) =>
        new("c", total, done, quarantined, inFlight, ResumedSpills: 0, EventsProcessed: 0, Eot: 0, LastQuarantined: null, HeldSpills: held);

    [Theory]
    // A campaign just planned: every spill waits; eight per worker fill 125 workers, and 1001 spills one more.
    [InlineData(1000, 0, 0, 0, 0, 8, 125)]
    [InlineData(1001, 0, 0, 0, 0, 8, 126)]
    // Running: queued and in flight both want workers; finished ones (done or quarantined) do not.
    [InlineData(1000, 900, 20, 16, 0, 8, 10)]
    // The tail: the last spill still keeps one worker; none left, none wanted.
    [InlineData(1000, 999, 0, 1, 0, 8, 1)]
    [InlineData(1000, 990, 10, 0, 0, 8, 0)]
    // Spills held after a failed read wait for a retry, which needs a worker: they count.
    [InlineData(100, 95, 0, 0, 5, 8, 1)]
    [InlineData(100, 90, 0, 0, 5, 1, 10)]
    public void The_demand_is_the_unfinished_spills_over_the_spills_in_flight_per_worker(
        int total, int done, int quarantined, int inFlight, int held, int perWorker, int expected) =>
        Assert.Equal(expected, WorkerDemand.Of(Progress(total, done, quarantined, inFlight, held), perWorker, paused: false));

    [Fact]
    public void A_paused_campaign_wants_no_worker() =>
        Assert.Equal(0, WorkerDemand.Of(Progress(1000, 10), 8, paused: true));

    [Fact]
    public void A_campaign_of_the_largest_size_does_not_overflow() =>
        Assert.Equal(int.MaxValue, WorkerDemand.Of(Progress(int.MaxValue, 0), 1, paused: false));

    [Fact]
    public void A_window_below_one_spill_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkerDemand.Of(Progress(10, 0), 0, paused: false));
}
