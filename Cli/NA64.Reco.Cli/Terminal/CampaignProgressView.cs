using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Cli.Terminal;

/// <summary>
/// Shows a running campaign: a live progress bar on a terminal, plain periodic lines otherwise
/// (logs, CI, a parent process reading stdout). Fed from the campaign manager's answers.
/// </summary>
internal sealed class CampaignProgressView(string exposureUnit = "EOT")
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly List<string> _quarantineLines = [];
    private readonly HashSet<string> _quarantinedSeen = new(StringComparer.Ordinal);
    private CampaignProgress? _latest;
    private CampaignProgress? _first;
    private TimeSpan _lastPrinted = TimeSpan.FromDays(-1);
    private int _lastPrintedFinished = -1;

    /// <summary>
    /// A terminal: stdout not redirected, not CI, not a dumb terminal. Decided here rather than by
    /// Spectre's own detection, which says "not interactive" inside tmux and some terminals.
    /// </summary>
    public static bool Interactive =>
        !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public void Update(CampaignListEntry entry)
    {
        var p = entry.Progress;
        lock (_lock)
        {
            _first ??= p;
            _latest = p;
            // Each answer repeats the last quarantine: a line per spill (the end of the run lists them all).
            if (p.LastQuarantined is { } q && _quarantinedSeen.Add(q.SpillId))
                _quarantineLines.Add($"quarantined {q.SpillId}: {q.File} @ {q.Offset}: {q.Reason}");
        }
    }

    /// <summary>Runs the display until <paramref name="work"/> completes.</summary>
    public async Task<T> ShowWhile<T>(Task<T> work)
    {
        if (!Interactive)
        {
            while (!work.IsCompleted)
            {
                PrintPlain(force: false);
                await Task.WhenAny(work, Task.Delay(250));
            }
            PrintPlain(force: true);
            return await work;
        }
        AnsiConsole.Profile.Capabilities.Interactive = true;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("spills", maxValue: 1);
                while (true)
                {
                    var (p, _) = Snapshot();
                    if (p is not null)
                    {
                        task.MaxValue = Math.Max(1, p.TotalSpills);
                        task.Value = p.Finished;
                        task.Description = Markup.Escape(Line(p));
                    }
                    if (work.IsCompleted) break;
                    await Task.WhenAny(work, Task.Delay(200));
                }
            });
        foreach (var line in DrainQuarantine()) AnsiConsole.MarkupLine("[yellow]" + Markup.Escape(line) + "[/]");
        return await work;
    }

    private void PrintPlain(bool force)
    {
        foreach (var line in DrainQuarantine()) Console.WriteLine(line);
        var (p, elapsed) = Snapshot();
        if (p is null) return;
        // A line when something finished, at most twice a second, and at least every 10 s as a heartbeat.
        var changed = p.Finished != _lastPrintedFinished;
        if (!force && !(changed && elapsed - _lastPrinted >= TimeSpan.FromSeconds(0.5)) && elapsed - _lastPrinted < TimeSpan.FromSeconds(10)) return;
        if (force && !changed) return;
        _lastPrinted = elapsed;
        _lastPrintedFinished = p.Finished;
        Console.WriteLine(Line(p));
    }

    private List<string> DrainQuarantine()
    {
        lock (_lock)
        {
            var lines = new List<string>(_quarantineLines);
            _quarantineLines.Clear();
            return lines;
        }
    }

    private (CampaignProgress? Latest, TimeSpan Elapsed) Snapshot()
    {
        lock (_lock) return (_latest, _clock.Elapsed);
    }

    /// <summary>spills done/total, events/s of this run, the reference exposure so far (EOT, or MOT), ETA from this run's pace.</summary>
    private string Line(CampaignProgress p)
    {
        CampaignProgress first;
        lock (_lock) first = _first ?? p;
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-3);
        var rate = (p.EventsProcessed - first.EventsProcessed) / seconds;
        var doneThisRun = p.Finished - p.ResumedSpills;
        var eta = doneThisRun > 0 ? TimeSpan.FromSeconds((p.TotalSpills - p.Finished) * seconds / doneThisRun) : (TimeSpan?)null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{p.CampaignId}: spills {p.Finished}/{p.TotalSpills} (quarantined {p.QuarantinedSpills}, resumed {p.ResumedSpills}{(p.HeldSpills > 0 ? $", unreadable {p.HeldSpills}" : "")}) | {rate:F0} events/s | {exposureUnit} {p.Eot} | ETA {(eta is { } e ? e.ToString(@"hh\:mm\:ss") : "--:--:--")}");
    }
}
