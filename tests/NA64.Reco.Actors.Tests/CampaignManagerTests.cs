using Akka.Actor;
using Akka.Hosting;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Database;
using NA64.Reco.Results;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Tests;

/// <summary>The campaign manager singleton on an embedded node: submit, follow, pause, resume, cancel, resubmit, refuse.</summary>
public sealed class CampaignManagerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static string Spec(string id, int beamSpills, int seed = 11) => $$"""
        { "id": "{{id}}", "chunk_size": 500, "snapshot_every": 3,
          "inputs": { "samples": [ { "sample": "beam", "spills": {{beamSpills}}, "events_per_spill": 1000, "seed": {{seed}} } ] } }
        """;

    [Fact]
    public async Task Submitted_campaign_runs_to_the_end_and_is_refused_under_its_id_with_another_spec()
    {
        using var dir = new TempDirectory();
        await using var node = await PipelineNode.StartAsync(dir.File("campaign.db"), new TestProcessor());
        var manager = await node.Registry.GetAsync<CampaignManager>();
        var inbox = Inbox.Create(node.System);

        inbox.Send(manager, new SubmitCampaign(Spec("m1", 4), dir.Path));
        var accepted = Assert.IsType<CampaignAccepted>(await inbox.ReceiveAsync(Wait));
        Assert.Equal("m1", accepted.CampaignId);
        Assert.False(accepted.Resumed);
        var entry = await Until(inbox, manager, "m1", e => e.State == CampaignManager.Done);
        Assert.Equal(4, entry.Progress.DoneSpills);
        Assert.Equal(DetectorConditions.Default.Id, entry.ConditionsId);

        inbox.Send(manager, new GetCampaignResults("m1"));
        var reply = await Next<FinishedCampaign>(inbox);
        var finished = reply.Result;
        Assert.Equal(4, finished.DoneSpills);
        Assert.Equal(4000, finished.Samples["beam"].Eot);
        // With what the analysis needs: the conditions the campaign ran with and its spec.
        Assert.Equal(DetectorConditions.Default.Hash, reply.Conditions.Hash);
        Assert.Equal(CampaignSpec.Parse(System.Text.Encoding.UTF8.GetBytes(Spec("m1", 4)), "spec").Hash,
            CampaignSpec.Parse(System.Text.Encoding.UTF8.GetBytes(reply.SpecJson), "reply").Hash);
        Assert.Equal([new SampleIdentity("beam", new SampleDescriptor(SampleKind.Beam, 0, 0, 11), FromFiles: false)], finished.Identities);

        // Done means stored: every results file is in the campaign database.
        var stored = new ResultsStore(JournalDatabase.Parse(dir.File("campaign.db"))).Load("m1")!;
        Assert.Equal(["background.csv", "background.json", "cutflow.csv", "dimuon.json", "efficiency.csv", "histograms.json", "limits.csv", "report.html", "summary.json"],
            stored.Select(f => f.Name).Where(n => !n.EndsWith(".png", StringComparison.Ordinal)));
        Assert.Equal(CampaignReport.CutflowCsv(CampaignResults.Samples(finished)),
            System.Text.Encoding.UTF8.GetString(stored.Single(f => f.Name == "cutflow.csv").Content));

        inbox.Send(manager, new SubmitCampaign(Spec("m1", 4), dir.Path));
        Assert.True((await Next<CampaignAccepted>(inbox)).Resumed);

        inbox.Send(manager, new SubmitCampaign(Spec("m1", 5), dir.Path));
        Assert.Contains("spec hash", (await Next<CampaignCommandFailed>(inbox)).Reason);

        inbox.Send(manager, new GetCampaign("nope"));
        Assert.Contains("no campaign 'nope'", (await Next<CampaignCommandFailed>(inbox)).Reason);

        inbox.Send(manager, ListCampaigns.Instance);
        Assert.Equal(["m1"], (await Next<CampaignList>(inbox)).Campaigns.Select(c => c.CampaignId));
    }

    [Fact]
    public async Task A_paused_campaign_hands_out_no_spill_until_resumed_and_a_cancelled_one_stops()
    {
        using var dir = new TempDirectory();
        var gate = new GateProcessor();
        await using var node = await PipelineNode.StartAsync(dir.File("campaign.db"), gate, maxSpills: 2, maxChunks: 2);
        var manager = await node.Registry.GetAsync<CampaignManager>();
        var inbox = Inbox.Create(node.System);

        inbox.Send(manager, new SubmitCampaign(Spec("paused", 6), dir.Path));
        await Next<CampaignAccepted>(inbox);
        await gate.Entered.Task.WaitAsync(Wait); // spills are in flight, held in the processor
        // As many as the coordinator's limit allows (two per worker member it counts), all sent at once, none finished.
        var held = (await Until(inbox, manager, "paused", e => e.Progress.SpillsInFlight >= 2)).Progress.SpillsInFlight;
        inbox.Send(manager, new PauseCampaign("paused"));
        Assert.Equal(CampaignManager.Paused, (await Next<CampaignListEntry>(inbox)).State);

        gate.Open();
        // The spills in flight finish; paused, the coordinator sends no other one in their place.
        var p = (await Until(inbox, manager, "paused", e => e.Progress.Finished >= held && e.Progress.SpillsInFlight == 0)).Progress;
        Assert.Equal(held, p.Finished);
        Assert.True(held < 6, $"{held} spills in flight of 6: nothing left to hold back by the pause");
        inbox.Send(manager, new GetCampaign("paused"));
        Assert.Equal(held, (await Next<CampaignListEntry>(inbox)).Progress.Finished);

        inbox.Send(manager, new ResumeCampaign("paused"));
        Assert.Equal(CampaignManager.Running, (await Next<CampaignListEntry>(inbox)).State);
        Assert.Equal(6, (await Until(inbox, manager, "paused", e => e.State == CampaignManager.Done)).Progress.DoneSpills);

        inbox.Send(manager, new CancelCampaign("paused"));
        Assert.Contains("already done", (await Next<CampaignCommandFailed>(inbox)).Reason);

        var gate2 = gate.Close();
        inbox.Send(manager, new SubmitCampaign(Spec("stopped", 6, seed: 12), dir.Path));
        await Next<CampaignAccepted>(inbox);
        await gate2.Task.WaitAsync(Wait);
        inbox.Send(manager, new CancelCampaign("stopped"));
        Assert.Equal(CampaignManager.Cancelled, (await Next<CampaignListEntry>(inbox)).State);
        inbox.Send(manager, new GetCampaignResults("stopped"));
        Assert.Contains("is cancelled: no results", (await Next<CampaignCommandFailed>(inbox)).Reason);
        gate.Open();
    }

    /// <summary>Asks for the campaign's state until <paramref name="until"/> holds (what every client of the manager does).</summary>
    private static async Task<CampaignListEntry> Until(Inbox inbox, IActorRef manager, string id, Func<CampaignListEntry, bool> until)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            inbox.Send(manager, new GetCampaign(id));
            var entry = await Next<CampaignListEntry>(inbox);
            if (until(entry)) return entry;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"campaign {id} still {entry.State} at {entry.Progress.Finished}/{entry.Progress.TotalSpills}");
            await Task.Delay(20);
        }
    }

    /// <summary>The next message of type <typeparamref name="T"/>, skipping progress reports of other types.</summary>
    private static async Task<T> Next<T>(Inbox inbox)
    {
        while (true)
        {
            var m = await inbox.ReceiveAsync(Wait);
            if (m is T t) return t;
            if (m is CampaignCommandFailed f && typeof(T) != typeof(CampaignCommandFailed)) throw new Xunit.Sdk.XunitException("manager refused: " + f.Reason);
        }
    }

    /// <summary>Holds every chunk until opened; tells when the first chunk arrived.</summary>
    private sealed class GateProcessor : IChunkProcessor
    {
        private volatile ManualResetEventSlim _open = new(false);
        private volatile TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Entered => _entered;

        public void Open() => _open.Set();

        /// <summary>Holds chunks again; the returned task completes when the next chunk arrives.</summary>
        public TaskCompletionSource Close()
        {
            _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _open = new ManualResetEventSlim(false);
            return _entered;
        }

        public EventSummary Process(ChunkWork work, NA64.Reco.Physics.Setups.Setup setup, CancellationToken ct)
        {
            _entered.TrySetResult();
            _open.Wait(ct);
            return TestProcessor.SummaryOf(work);
        }
    }
}
