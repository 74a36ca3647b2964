using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Physics.Setups;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Bench;

/// <summary>
/// One campaign of a bench part, through the product's own client (<see cref="CampaignClient"/>): submitted, followed
/// to its end, and timed from the submission to the progress report of its last spill (the rendering and storing of
/// the results after that is not the pipeline's throughput). What the part measures besides the time (CPU time,
/// allocation) is taken at that same report.
/// </summary>
public static class BenchCampaign
{
    /// <summary>A campaign of the bench takes seconds: one still running after this has lost spills (the spill timeout would resend them), a failure, not a figure.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>How a campaign ended: its results, the time to its last spill, and what the part took at that moment.</summary>
    public sealed record Finished<T>(CampaignFinished Result, TimeSpan Elapsed, T AtEnd)
    {
        public long Events => Result.Samples.Values.Sum(s => s.Events);
    }

    /// <summary>The spec of a campaign of one beam sample.</summary>
    public static string BeamSpec(string id, int spills, long eventsPerSpill, int chunkSize, ulong seed) => SampleSpec(id, "beam", 1, spills, eventsPerSpill, chunkSize, seed);

    /// <summary>The spec of a campaign of one sample of <paramref name="kind"/> ("beam", "kaon"), its rare processes biased by <paramref name="bias"/>.</summary>
    public static string SampleSpec(string id, string kind, double bias, int spills, long eventsPerSpill, int chunkSize, ulong seed) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"id": "{{id}}", "chunk_size": {{chunkSize}}, "inputs": {"samples": [
          {"sample": "{{kind}}", "bias": {{bias:R}}, "spills": {{spills}}, "events_per_spill": {{eventsPerSpill}}, "seed": {{seed}}, "run": 1 } ] } }
        """);

    /// <summary>
    /// A muon-programme campaign on the built-in <paramref name="setup"/>: one sample of <paramref name="kind"/>
    /// (<c>muon</c>, or <c>zprime</c> at 100 MeV, the kernel bench's mass).
    /// </summary>
    public static string MuonSpec(string id, string setup, string kind, int spills, long eventsPerSpill, int chunkSize, ulong seed) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"id": "{{id}}", "setup": "{{setup}}", "chunk_size": {{chunkSize}}, "inputs": {"samples": [
          {"sample": "{{kind}}", {{(kind == "zprime" ? "\"mass_mev\": 100, " : "")}}"spills": {{spills}}, "events_per_spill": {{eventsPerSpill}}, "seed": {{seed}}, "run": 1 } ] } }
        """);

    /// <summary>The submission of <paramref name="spec"/>, with the document of the built-in setup it names, as a submitter sends it.</summary>
    private static SubmitCampaign Submission(string spec, string dir)
    {
        var named = CampaignSpec.Parse(System.Text.Encoding.UTF8.GetBytes(spec), "bench spec").ConditionsPath;
        var setup = named is null ? null : SetupCatalog.Find(named) ?? throw new ArgumentException($"the bench names built-in setups only, not '{named}'");
        return new SubmitCampaign(spec, dir, setup?.PipelineJson);
    }

    /// <summary>
    /// Runs the campaign <paramref name="spec"/> (id <paramref name="id"/>) to its end; <paramref name="atEnd"/> is taken
    /// once, at the report of its last spill. A campaign that does not end done, quarantines a spill or runs past
    /// <see cref="Limit"/> fails with its id and where it stood.
    /// </summary>
    public static async Task<Finished<T>> RunAsync<T>(ActorSystem system, IActorRef manager, string id, string spec, string dir, Func<T> atEnd, TimeSpan poll,
        CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Limit);
        var taken = false;
        var value = default(T)!;
        var elapsed = TimeSpan.Zero;
        var last = "not accepted";
        var watch = Stopwatch.StartNew();
        CampaignOutcome outcome;
        try
        {
            outcome = await CampaignClient.RunAsync(system, manager, Submission(spec, dir), entry =>
            {
                var p = entry.Progress;
                last = string.Create(CultureInfo.InvariantCulture, $"{p.Finished}/{p.TotalSpills} spills finished, {p.SpillsInFlight} in flight, {entry.State}");
                if (taken || p.Finished < p.TotalSpills) return;
                elapsed = watch.Elapsed;
                value = atEnd();
                taken = true;
            }, poll, limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"bench campaign {id}: not finished within {Limit.TotalMinutes:F0} min ({last})");
        }
        var result = outcome.Result ?? throw new InvalidOperationException($"bench campaign {id}: {outcome.Last.State} {outcome.Last.Reason}");
        if (!taken)
        {
            elapsed = watch.Elapsed;
            value = atEnd();
        }
        if (result.Quarantined.Count != 0)
            throw new InvalidOperationException($"bench campaign {id}: {result.Quarantined.Count} spills quarantined ({result.Quarantined[0].Reason})");
        return new Finished<T>(result, elapsed, value);
    }
}
