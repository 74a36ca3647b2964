using System.Globalization;
using System.Text;
using Akka.Actor;
using NA64.Reco.Actors.Database;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Inspection;

/// <summary>
/// <c>campaign …</c>: talks to the campaign manager (<see cref="CampaignManagerProtocol"/>) and turns its answers into
/// tables; efficiency, background and limits are computed here from the merged samples with Physics/Analysis.
/// </summary>
public sealed class CampaignPalette : ICommandPalette
{
    /// <summary>Largest spec accepted by <c>campaign submit</c> (decoded bytes).</summary>
    public const int MaxSpecBytes = 32 * 1024;

    /// <summary>Largest conditions document accepted by <c>campaign submit</c> (decoded bytes).</summary>
    public const int MaxConditionsBytes = 128 * 1024;

    /// <summary>Bytes of a stored result file per line of <c>campaign results</c> (base64: 4/3 of it on the line).</summary>
    public const int ResultChunkBytes = 48 * 1024;

    private readonly Func<IActorRef?> _manager;
    private readonly DetectorConditions _conditions;
    private readonly ResultsStore? _results;
    private readonly TimeSpan _timeout;

    /// <param name="manager">Resolves the manager at each command (null: none on this node yet).</param>
    /// <param name="conditions">Conditions of this node: cut values for the background side-bands.</param>
    /// <param name="results">The campaign database's results (null on a node without a journal, e.g. a seed).</param>
    public CampaignPalette(Func<IActorRef?> manager, DetectorConditions conditions, TimeSpan askTimeout, ResultsStore? results = null)
    {
        _manager = manager;
        _conditions = conditions;
        _results = results;
        _timeout = askTimeout;
        Commands =
        [
            new("list", "", "every campaign: state, spills, events, EOT", List),
            new("status", "ID", "spills done/total, EOT, events/s, ETA, quarantined", Status),
            new("cutflow", "ID", "cut-flow of every sample (partial while running)", Cutflow),
            new("efficiency", "ID", "signal efficiency cut by cut per m_A' (weighted Clopper-Pearson)", Efficiency),
            new("background", "ID", "ABCD background estimate in the signal box from the beam/data sample", Background),
            new("limits", "ID", "90% CL N_up and epsilon_90 per m_A' (CLs)", Limits),
            new("pause", "ID", "stop handing out new spills (spills in flight complete)", (a, ct) => Control(a, id => new PauseCampaign(id), ct)),
            new("resume", "ID", "hand out spills again", (a, ct) => Control(a, id => new ResumeCampaign(id), ct)),
            new("cancel", "ID", "stop the campaign for good (its journal keeps what was done)", (a, ct) => Control(a, id => new CancelCampaign(id), ct)),
            new("results", "ID", "the stored results files of a done campaign, base64 (used by na64 results --host)", Results),
            new("submit", "SPEC_BASE64 [BASEDIR_BASE64 [CONDITIONS_BASE64]]", "start a campaign (used by na64 submit): spec, base folder and conditions, UTF-8 in base64", Submit),
        ];
    }

    public string Name => "campaign";
    public string Description => "campaigns of the cluster (through the campaign manager)";
    public IReadOnlyList<CommandDefinition> Commands { get; }

    private async Task<CommandReply> List(CommandArguments args, CancellationToken ct)
    {
        args.OnlyOptions();
        var list = await AskAsync<CampaignList>(ListCampaigns.Instance, ct).ConfigureAwait(false);
        var table = new TextTable(null, "campaign", "state", "spills", "done", "quarantined", "events", "eot", "events/s");
        foreach (var c in list.Campaigns.OrderBy(c => c.CampaignId, StringComparer.Ordinal))
            table.Add(c.CampaignId, c.State, c.Progress.TotalSpills, c.Progress.DoneSpills, c.Progress.QuarantinedSpills, c.Progress.EventsProcessed, c.Progress.Eot, Math.Round(c.EventsPerSecond, 1));
        return CommandReply.Ok(table);
    }

    private async Task<CommandReply> Status(CommandArguments args, CancellationToken ct)
    {
        var id = Id(args);
        var entry = await AskAsync<CampaignListEntry>(new GetCampaign(id), ct).ConfigureAwait(false);
        return CommandReply.Ok(StatusTable(entry));
    }

    /// <summary>The status of one campaign as a two-column table (also what <c>na64 status</c> prints).</summary>
    public static TextTable StatusTable(CampaignListEntry entry)
    {
        var p = entry.Progress;
        var table = new TextTable(null, "field", "value");
        table.Add("campaign", entry.CampaignId);
        table.Add("state", entry.State);
        if (entry.Reason is not null) table.Add("reason", entry.Reason);
        if (entry.ConditionsId is not null) table.Add("conditions", entry.ConditionsId);
        table.Add("spills", FormattableString.Invariant($"{p.DoneSpills}/{p.TotalSpills} done"));
        table.Add("quarantined", p.QuarantinedSpills);
        if (p.HeldSpills > 0) table.Add("unreadable", p.HeldSpills);
        table.Add("in flight", p.SpillsInFlight);
        table.Add("resumed", p.ResumedSpills);
        table.Add("events", p.EventsProcessed);
        table.Add("eot", p.Eot);
        table.Add("events/s", Math.Round(entry.EventsPerSecond, 1));
        table.Add("eta", Eta(entry));
        if (p.LastQuarantined is { } q) table.Add("last quarantined", $"{q.SpillId}: {q.Reason}");
        return table;
    }

    /// <summary>Remaining spills at the mean events per finished spill, over the current rate; "-" when unknown.</summary>
    public static string Eta(CampaignListEntry entry)
    {
        var p = entry.Progress;
        var remaining = p.TotalSpills - p.Finished;
        if (remaining <= 0) return "0s";
        if (p.Finished == 0 || p.EventsProcessed == 0 || !(entry.EventsPerSecond > 0) || entry.State != "running") return "-";
        var seconds = remaining * ((double)p.EventsProcessed / p.Finished) / entry.EventsPerSecond;
        var t = TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(365).TotalSeconds));
        return t.TotalHours >= 1 ? FormattableString.Invariant($"{(int)t.TotalHours}h{t.Minutes:00}m") : FormattableString.Invariant($"{t.Minutes}m{t.Seconds:00}s");
    }

    private async Task<CommandReply> Cutflow(CommandArguments args, CancellationToken ct)
    {
        var result = await ResultsAsync(args, ct).ConfigureAwait(false);
        var tables = new List<TextTable>();
        foreach (var (name, s) in Ordered(result))
        {
            var table = new TextTable(name, "cut", "events", "prev", "all");
            for (var i = 0; i < CutNames.Count; i++)
            {
                var prev = i == 0 ? s.CutFlow[0] : s.CutFlow[i - 1];
                table.Add(CutNames.All[i], s.CutFlow[i], Fraction(s.CutFlow[i], prev), Fraction(s.CutFlow[i], s.CutFlow[0]));
            }
            tables.Add(table);
        }
        return CommandReply.Ok(tables, Header(result));
    }

    private async Task<CommandReply> Efficiency(CommandArguments args, CancellationToken ct)
    {
        var result = await ResultsAsync(args, ct).ConfigureAwait(false);
        var tables = new List<TextTable>();
        foreach (var (mass, name, table) in EfficiencyTables(result))
        {
            var t = new TextTable(FormattableString.Invariant($"{name} (m_A' = {mass} MeV, Y = {table.YieldPerEot:G4} per EOT)"),
                "cut", "events", "efficiency", "lower", "upper", "step");
            foreach (var r in table.Rows) t.Add(r.Cut, r.Events, r.Efficiency, r.Lower, r.Upper, r.StepEfficiency);
            tables.Add(t);
        }
        if (tables.Count == 0) throw new CommandException($"campaign {result.CampaignId} has no signal sample with events");
        return CommandReply.Ok(tables, Header(result));
    }

    private async Task<CommandReply> Background(CommandArguments args, CancellationToken ct)
    {
        var result = await ResultsAsync(args, ct).ConfigureAwait(false);
        var (name, summary) = BackgroundSample(result);
        var estimate = AbcdBackground.Estimate(summary.EcalVsHcal, AbcdSidebands.FromCuts(_conditions.Cuts));
        var regions = new TextTable("regions", "region", "count", "definition");
        foreach (var r in estimate.Regions) regions.Add(r.Name, r.Count, r.Definition);
        var box = new TextTable("estimate", "sample", "method", "expected", "stat", "syst", "total");
        box.Add(name, estimate.Method, estimate.Expected, estimate.StatUncertainty, estimate.SystUncertainty, estimate.TotalUncertainty);
        return CommandReply.Ok([box, regions], Header(result));
    }

    private async Task<CommandReply> Limits(CommandArguments args, CancellationToken ct)
    {
        var result = await ResultsAsync(args, ct).ConfigureAwait(false);
        var (name, summary) = BackgroundSample(result);
        if (!(summary.Eot > 0)) throw new CommandException($"sample {name} has no EOT: no limit");
        var estimate = AbcdBackground.Estimate(summary.EcalVsHcal, AbcdSidebands.FromCuts(_conditions.Cuts));
        var background = estimate.IsDefined ? estimate.Expected : 0;
        var uncertainty = estimate.IsDefined && double.IsFinite(estimate.TotalUncertainty) ? estimate.TotalUncertainty : 0;
        var observed = (int)Math.Min(int.MaxValue, summary.CutFlow[CutNames.Count - 1]);
        var signals = EfficiencyTables(result).Select(e => SignalPoint.From(e.Table)).ToArray();
        if (signals.Length == 0) throw new CommandException($"campaign {result.CampaignId} has no signal sample with events: no limit");
        var limits = LimitTable.Build(signals, new LimitInputs(observed, background, uncertainty, summary.Eot));
        var table = new TextTable("limits", "mass_mev", "n_up", "epsilon90");
        foreach (var p in limits.Points) table.Add(p.MassMeV, p.NUp, p.Epsilon90);
        return CommandReply.Ok([table], Header(result),
            FormattableString.Invariant($"observed {observed} in the signal box of {name}, background {background:G4} ± {uncertainty:G3}{(estimate.IsDefined ? "" : " (ABCD undefined: 0 used)")}, EOT {summary.Eot}, CLs 90%"));
    }

    private async Task<CommandReply> Control(CommandArguments args, Func<string, object> message, CancellationToken ct)
    {
        var id = Id(args);
        var entry = await AskAsync<CampaignListEntry>(message(id), ct).ConfigureAwait(false);
        return CommandReply.Message($"campaign {entry.CampaignId}: {entry.State}");
    }

    private async Task<CommandReply> Submit(CommandArguments args, CancellationToken ct)
    {
        args.OnlyOptions();
        var spec = Base64(args.Required(0, "SPEC_BASE64"), "SPEC_BASE64", MaxSpecBytes);
        var baseDir = args.Optional(1) is { } b ? Base64(b, "BASEDIR_BASE64", 4096) : "/";
        var conditions = args.Optional(2) is { } c ? Base64(c, "CONDITIONS_BASE64", MaxConditionsBytes) : null;
        var accepted = await AskAsync<CampaignAccepted>(new SubmitCampaign(spec, baseDir, conditions), ct).ConfigureAwait(false);
        var table = new TextTable(null, "campaign", "spec_hash", "resumed");
        table.Add(accepted.CampaignId, accepted.SpecHash, accepted.Resumed);
        return CommandReply.Ok(table);
    }

    /// <summary>
    /// Per file: a line <c>file NAME SIZE SHA256</c>, its bytes in base64 lines of <see cref="ResultChunkBytes"/>, and
    /// <c>end NAME</c>. Read from the campaign database off the command's thread.
    /// </summary>
    private async Task<CommandReply> Results(CommandArguments args, CancellationToken ct)
    {
        var id = Id(args);
        var store = _results ?? throw new CommandException("this node has no campaign database (it runs without a journal)");
        var files = await Task.Run(() => store.Load(id), ct).ConfigureAwait(false)
            ?? throw new CommandException($"no results stored for campaign '{id}' (not done, or unknown)");
        var lines = new List<string>();
        foreach (var f in files)
        {
            lines.Add(FormattableString.Invariant($"file {f.Name} {f.Content.Length} {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f.Content))}"));
            for (var at = 0; at < f.Content.Length; at += ResultChunkBytes)
                lines.Add(Convert.ToBase64String(f.Content, at, Math.Min(ResultChunkBytes, f.Content.Length - at)));
            lines.Add("end " + f.Name);
        }
        return CommandReply.Message([.. lines]);
    }

    private static string Base64(string text, string name, int maxBytes)
    {
        if (text.Length > (maxBytes + 2) / 3 * 4) throw new CommandException($"{name} is larger than {maxBytes} bytes");
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var n)) throw new CommandException($"{name} is not base64");
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes, 0, n);
        }
        catch (DecoderFallbackException)
        {
            throw new CommandException($"{name} is not UTF-8 text");
        }
    }

    private static string Id(CommandArguments args)
    {
        args.OnlyOptions();
        var id = args.Required(0, "ID");
        if (args.Count > 1) throw new CommandException($"unexpected argument '{CommandArguments.Shorten(args.Required(1, ""))}'");
        return id;
    }

    private Task<CampaignFinished> ResultsAsync(CommandArguments args, CancellationToken ct) => AskAsync<CampaignFinished>(new GetCampaignResults(Id(args)), ct);

    private async Task<T> AskAsync<T>(object message, CancellationToken ct)
    {
        var manager = _manager() ?? throw new CommandException("no campaign manager on this cluster node (it runs with the coordinator role)");
        var reply = await manager.Ask<object>(message, _timeout, ct).ConfigureAwait(false);
        return reply switch
        {
            T ok => ok,
            CampaignCommandFailed failed => throw new CommandException(failed.Reason),
            CampaignRejected rejected => throw new CommandException($"campaign {rejected.CampaignId} rejected: {rejected.Reason}"),
            Status.Failure f => throw new CommandException("campaign manager: " + f.Cause.Message),
            _ => throw new CommandException($"unexpected answer from the campaign manager: {reply.GetType().Name}"),
        };
    }

    private static string Header(CampaignFinished r) => FormattableString.Invariant(
        $"campaign {r.CampaignId}: {r.DoneSpills}/{r.TotalSpills} spills done, {r.Quarantined.Count} quarantined ({r.QuarantinedEvents} events){(r.DoneSpills + r.Quarantined.Count < r.TotalSpills ? " — partial" : "")}");

    private static IEnumerable<(string Name, EventSummary Summary)> Ordered(CampaignFinished r) =>
        r.Samples.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value));

    /// <summary>Signal samples (named <c>signal-&lt;m&gt;MeV</c> by <see cref="SampleDescriptor.Name"/>) with events, by mass.</summary>
    private static List<(double Mass, string Name, EfficiencyTable Table)> EfficiencyTables(CampaignFinished r)
    {
        var list = new List<(double, string, EfficiencyTable)>();
        foreach (var (name, s) in Ordered(r))
        {
            if (!name.StartsWith("signal-", StringComparison.Ordinal) || !name.EndsWith("MeV", StringComparison.Ordinal)) continue;
            if (!double.TryParse(name.AsSpan(7, name.Length - 10), NumberStyles.Float, CultureInfo.InvariantCulture, out var mass)) continue;
            if (s.Eot <= 0 || s.CutFlow[0] <= 0) continue;
            list.Add((mass, name, EfficiencyTable.From(s, mass)));
        }
        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return list;
    }

    /// <summary>The sample that stands for the experiment: real data when present, else the beam MC.</summary>
    private static (string Name, EventSummary Summary) BackgroundSample(CampaignFinished r)
    {
        foreach (var name in new[] { "data", "beam" })
            if (r.Samples.TryGetValue(name, out var s)) return (name, s);
        throw new CommandException($"campaign {r.CampaignId} has no data or beam sample");
    }

    private static double Fraction(long k, long n) => n == 0 ? double.NaN : Math.Round((double)k / n, 6);
}
