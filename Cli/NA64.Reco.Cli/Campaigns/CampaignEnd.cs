using Akka.Actor;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Supervision;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Physics.Analysis;

namespace NA64.Reco.Cli.Campaigns;

/// <summary>How a followed campaign ended, as <c>run</c> and <c>node --campaign</c> print it, and its results written out.</summary>
internal static class CampaignEnd
{
    /// <summary>
    /// Done: prints the totals and writes the stored results into <paramref name="output"/> (when given), exit 0.
    /// Failed or cancelled: the reason on stderr, exit 1.
    /// </summary>
    public static async Task<int> ReportAsync(string verb, CampaignOutcome outcome, ResultsStore store, string? output)
    {
        var last = outcome.Last;
        if (!outcome.IsDone)
        {
            await Console.Error.WriteLineAsync($"{verb}: campaign {outcome.CampaignId} {last.State}{(last.Reason is null ? "" : ": " + last.Reason)}");
            return ExitCodes.Failed;
        }
        var finished = outcome.Result!;
        long events = 0;
        foreach (var s in finished.Samples.Values) events += s.Events;
        // The campaign's exposure, as its progress reports and tables count it: the reference samples' EOT, not the
        // signal samples' simulated electrons.
        var samples = CampaignResults.Samples(finished);
        var eot = SampleExposure.ReferenceEot(samples);
        Console.WriteLine($"done: {finished.DoneSpills}/{finished.TotalSpills} spills, {finished.Quarantined.Count} quarantined, {events} events, {SampleExposure.Unit(samples.Select(s => s.Sample))} {eot}");
        foreach (var q in finished.Quarantined) Console.WriteLine($"  quarantined {q.SpillId}: {q.File} @ {q.Offset}: {q.Reason}");
        if (output is null)
        {
            Console.WriteLine($"results stored in {store.Database.Display}: na64 results {outcome.CampaignId} --db ... --out DIR");
            return ExitCodes.Ok;
        }
        try
        {
            var files = store.Load(outcome.CampaignId)
                ?? throw new InvalidDataException($"campaign {outcome.CampaignId} is done but {store.Database.Display} holds no results for it");
            foreach (var f in ResultsFolder.Write(output, files)) Console.WriteLine("wrote " + f);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // The campaign itself is done and its results are safe in the database: only this copy failed.
            await Console.Error.WriteLineAsync($"{verb}: campaign {outcome.CampaignId} is done, but its results could not be written to {output}: {ex.Message}; " +
                $"they are stored in {store.Database.Display}: na64 results {outcome.CampaignId} --out DIR");
            return ExitCodes.Failed;
        }
        return ExitCodes.Ok;
    }

    /// <summary>Why the node's actor system ended for its journal, or null when it did not.</summary>
    public static string? JournalUnusable(ActorSystem system) =>
        CoordinatedShutdown.Get(system).ShutdownReason is JournalSupervisor.JournalUnusableReason r ? r.Message : null;
}
