using System.Diagnostics.Metrics;
using NA64.Reco.Actors.Metrics;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Tests.Metrics;

/// <summary>The campaign gauges: a coordinator's progress as its backlog (queued, in flight, finished), EOT and worker demand; nothing queued or wanted once its coordinator ended.</summary>
[Collection(ProcessMetricsCollection.Name)]
public sealed class Na64MetricsTests
{
    [Fact]
    public void A_campaigns_progress_is_its_backlog_until_its_coordinator_ends_then_it_wants_nothing()
    {
        var id = "metrics-" + Guid.NewGuid().ToString("N");
        Na64Metrics.Report(new CampaignProgress(id, TotalSpills: 100, DoneSpills: 30, QuarantinedSpills: 2, SpillsInFlight: 8, ResumedSpills: 0,
            EventsProcessed: 1_000_000, Eot: 750_000, LastQuarantined: null), workersWanted: 9);

        var seen = Observe(id);
        Assert.Equal(60, seen["campaign.spills.queued"]);
        Assert.Equal(8, seen["campaign.spills.in_flight"]);
        Assert.Equal(32, seen["campaign.spills.finished"]);
        Assert.Equal(100, seen["campaign.spills.total"]);
        Assert.Equal(750_000, seen["campaign.eot"]);
        Assert.Equal(9, seen["campaign.workers.wanted"]);

        // Its coordinator stopped: nothing queued, in flight or wanted any more; the totals stay as they were.
        var ended = DateTime.UtcNow;
        Na64Metrics.Ended(id, ended);
        seen = Observe(id);
        Assert.Equal(0, seen["campaign.spills.queued"]);
        Assert.Equal(0, seen["campaign.spills.in_flight"]);
        Assert.Equal(0, seen["campaign.workers.wanted"]);
        Assert.Equal(32, seen["campaign.spills.finished"]);
        Assert.Equal(750_000, seen["campaign.eot"]);

        // Dropped once prometheus-net has surely seen its zero (an end later than the retention drops it).
        Na64Metrics.Ended(id, ended + Na64Metrics.EndedRetention + TimeSpan.FromSeconds(1));
        Assert.Empty(Observe(id));
    }

    [Fact]
    public void Every_node_exports_the_sum_of_its_campaigns_demand_as_one_series()
    {
        var a = "metrics-" + Guid.NewGuid().ToString("N");
        var before = ObserveTotal();
        Na64Metrics.Report(new CampaignProgress(a, 10, 0, 0, 2, 0, 0, 0, null), workersWanted: 5);
        Assert.Equal(before + 5, ObserveTotal());
        Na64Metrics.Ended(a);
        Assert.Equal(before, ObserveTotal());
    }

    private static long ObserveTotal()
    {
        long? total = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Na64Metrics.MeterName && instrument.Name == "workers.wanted") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => total = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return Assert.NotNull(total);
    }

    /// <summary>What the observable instruments of the meter report now for the campaign <paramref name="id"/>.</summary>
    private static Dictionary<string, long> Observe(string id)
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Na64Metrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "campaign" && (string?)tag.Value == id) seen[instrument.Name] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
