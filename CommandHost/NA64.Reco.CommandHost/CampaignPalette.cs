using System.Globalization;
using System.Text;
using Akka.Actor;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Database;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Results;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.CommandHost;

/// <summary>
/// <c>campaign …</c>: talks to the campaign manager (<see cref="CampaignManagerProtocol"/>) and turns its answers into
/// tables; efficiency, background and limits are the campaign's <see cref="CampaignAnalysis"/>, the one its results files hold.
/// </summary>
public sealed class CampaignPalette : ICommandPalette
{
    /// <summary>Largest spec accepted by <c>campaign submit</c> (decoded bytes).</summary>
    public const int MaxSpecBytes = 32 * 1024;

    /// <summary>Largest conditions document accepted by <c>campaign submit</c> (decoded bytes).</summary>
    public const int MaxConditionsBytes = 128 * 1024;

    private const string BaseFolderRefused =
        "campaign submit takes SPEC_BASE64 [CONDITIONS_BASE64]: the base folder is not the caller's to choose (relative raw paths resolve under the node's first data root)";

    /// <summary>Bytes of a stored result file per line of <c>campaign results</c> (base64: 4/3 of it on the line).</summary>
    public const int ResultChunkBytes = 48 * 1024;

    private readonly Func<IActorRef?> _manager;
    private readonly ResultsStore? _results;
    private readonly TimeSpan _timeout;

    /// <param name="manager">Resolves the manager at each command (null: none on this node yet).</param>
    /// <param name="results">The campaign database's results (null on a node without a journal, e.g. a seed).</param>
    public CampaignPalette(Func<IActorRef?> manager, TimeSpan askTimeout, ResultsStore? results = null)
    {
        _manager = manager;
        _results = results;
        _timeout = askTimeout;
        Commands =
        [
            new("list", "", "every campaign: state, spills, events, EOT", List),
            new("status", "ID", "spills done/total, EOT, events/s, ETA, quarantined", Status),
            new("cutflow", "ID", "cut-flow of every sample of a done campaign", Cutflow),
            new("efficiency", "ID", "signal efficiency cut by cut per m_A' (the rows of efficiency.csv)", Efficiency),
            new("background", "ID", "background in the signal box: ABCD from the data (or beam) sample, MC truth per source, what the limits use", Background),
            new("limits", "ID", "90% CL N_up, epsilon_90 and y_90 per m_A', observed and projected (the rows of limits.csv)", Limits),
            new("pause", "ID", "stop handing out new spills (spills in flight complete)", (a, ct) => Control(a, id => new PauseCampaign(id), ct)) { Mutating = true },
            new("resume", "ID", "hand out spills again", (a, ct) => Control(a, id => new ResumeCampaign(id), ct)) { Mutating = true },
            new("cancel", "ID", "stop the campaign for good (its journal keeps what was done)", (a, ct) => Control(a, id => new CancelCampaign(id), ct)) { Mutating = true },
            new("results", "ID", "the stored results files of a done campaign, base64 (used by na64 results --host)", Results),
            new("submit", "SPEC_BASE64 [CONDITIONS_BASE64]", "start a campaign (used by na64 submit): spec and conditions, UTF-8 in base64; relative raw paths are under the node's data root", Submit) { Mutating = true },
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
        var finished = await ResultsAsync(args, ct).ConfigureAwait(false);
        if (finished.Result.Identities.Any(i => i.Sample.IsMuonProgramme))
        {
            // The muon programme's events pass its setup's cuts: its cut-flow is the analysis's, as cutflow.csv.
            var muon = await Task.Run(() => Analyse(finished), ct).ConfigureAwait(false);
            return CommandReply.Ok([Text("cutflow", MuonReport.CutFlow(muon.ZPrime!))], Header(finished.Result));
        }
        if (finished.Result.Identities.Any(i => i.Sample.IsVisibleProgramme))
        {
            // The visible programme's events pass its setup's cuts: its cut-flow is the analysis's, as cutflow.csv.
            var visible = await Task.Run(() => Analyse(finished), ct).ConfigureAwait(false);
            if (visible.Visible is null) throw new CommandException($"campaign {finished.Result.CampaignId} has no x sample with events");
            return CommandReply.Ok([Text("cutflow", VisibleReport.CutFlow(visible.Visible))], Header(finished.Result));
        }
        var tables = new List<TextTable>();
        foreach (var (name, s) in finished.Result.Samples.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var table = new TextTable(name, "cut", "events", "prev", "all");
            for (var i = 0; i < CutNames.Count; i++)
            {
                var prev = i == 0 ? s.CutFlow[0] : s.CutFlow[i - 1];
                table.Add(CutNames.All[i], s.CutFlow[i], Fraction(s.CutFlow[i], prev), Fraction(s.CutFlow[i], s.CutFlow[0]));
            }
            tables.Add(table);
        }
        return CommandReply.Ok(tables, Header(finished.Result));
    }

    private async Task<CommandReply> Efficiency(CommandArguments args, CancellationToken ct)
    {
        var (finished, analysis) = await AnalysisAsync(args, ct).ConfigureAwait(false);
        if (analysis.ZPrime is { } zprime)
        {
            if (zprime.Signals.Count == 0) throw new CommandException($"campaign {finished.CampaignId} has no zprime sample with events");
            return CommandReply.Ok([Text("efficiency", MuonReport.Efficiency(zprime))], Header(finished));
        }
        if (analysis.Visible is { } visible) return CommandReply.Ok([Text("efficiency", VisibleReport.Efficiency(visible))], Header(finished));
        if (analysis.Efficiencies.Count == 0) throw new CommandException($"campaign {finished.CampaignId} has no signal sample with events");
        var table = new TextTable("efficiency", [.. AnalysisReport.EfficiencyColumns]);
        foreach (var row in AnalysisReport.EfficiencyRows(analysis)) table.Add(row);
        return CommandReply.Ok([table], Header(finished));
    }

    private async Task<CommandReply> Background(CommandArguments args, CancellationToken ct)
    {
        var (finished, analysis) = await AnalysisAsync(args, ct).ConfigureAwait(false);
        if (analysis.Visible is { } visible) return CommandReply.Ok([Text("background", VisibleReport.Background(visible))], Header(finished));
        if (analysis.ReferenceKind is null) throw new CommandException($"campaign {finished.CampaignId} has neither data nor a beam sample: no background");
        if (analysis.ZPrime is { } zprime) return CommandReply.Ok([Text("beam muons", MuonReport.Background(zprime))], Header(finished));
        var tables = new List<TextTable>();
        var forLimits = analysis.Inputs?.Background ?? BackgroundInput.None;
        var used = new TextTable("for limits", "reference", "samples", "eot", "observed", "method", "kind", "expected", "uncertainty", "upper");
        used.Add(analysis.ReferenceKind, string.Join(' ', analysis.ReferenceSamples), analysis.ReferenceEot, analysis.Observed, analysis.LimitBackgroundMethod,
            forLimits.KindName, forLimits.Expected, forLimits.IsUpperBound ? double.NaN : forLimits.Uncertainty, forLimits.Upper);
        tables.Add(used);
        if (analysis.Abcd is { } abcd)
        {
            var estimate = new TextTable("abcd", "method", "defined", "expected", "stat", "syst", "total", "upper_bound");
            estimate.Add(abcd.Method, abcd.IsDefined, abcd.Expected, abcd.StatUncertainty, abcd.SystUncertainty, abcd.TotalUncertainty, abcd.UpperBound);
            var regions = new TextTable("abcd regions", "region", "count", "definition");
            foreach (var r in abcd.Regions) regions.Add(r.Name, r.Count, r.Definition);
            tables.Add(estimate);
            tables.Add(regions);
        }
        if (analysis.Backgrounds is not null)
        {
            var sources = new TextTable("sources", [.. AnalysisReport.BackgroundColumns]);
            foreach (var row in AnalysisReport.BackgroundRows(analysis)) sources.Add(row);
            tables.Add(sources);
        }
        if (analysis.McSources.Count > 0)
        {
            var mc = new TextTable("mc truth", [.. AnalysisReport.McSourceColumns]);
            foreach (var row in AnalysisReport.McSourceRows(analysis)) mc.Add(row);
            tables.Add(mc);
        }
        return CommandReply.Ok(tables, Header(finished));
    }

    private async Task<CommandReply> Limits(CommandArguments args, CancellationToken ct)
    {
        var (finished, analysis) = await AnalysisAsync(args, ct).ConfigureAwait(false);
        if (analysis.ZPrime is { } zprime)
        {
            if (zprime.Signals.Count == 0) throw new CommandException($"campaign {finished.CampaignId} has no limits: it needs a zprime sample with events");
            var z = zprime.Observed.Inputs;
            return CommandReply.Ok([Text("limits", MuonReport.Limits(zprime))], Header(finished), FormattableString.Invariant(
                $"observed {z.Observed} in the signal region of {string.Join(' ', analysis.ReferenceSamples)}, background {z.Background.Expected:G4} ({z.Background.KindName}, {analysis.LimitBackgroundMethod}), MOT {z.Eot}, {AnalysisReport.MethodName(z.Method)} {z.ConfidenceLevel:P0}; projections background-free"));
        }
        if (analysis.Visible is { } band)
            return CommandReply.Ok([Text("limits", VisibleReport.Bands(band))], Header(finished), FormattableString.Invariant(
                $"excluded ε band per mass: no event observed, background {band.Inputs.Background} (the K0S sources), EOT {band.Inputs.Eot} (the setup's), N_up {band.NUp:G4}, {AnalysisReport.MethodName(band.Inputs.Method)} {band.Inputs.ConfidenceLevel:P0}"));
        if (analysis.Limits is null || analysis.Inputs is not { } inputs)
            throw new CommandException($"campaign {finished.CampaignId} has no limits: it needs data or a beam sample with EOT and a signal sample with events");
        var table = new TextTable("limits", [.. AnalysisReport.LimitColumns]);
        foreach (var row in AnalysisReport.LimitRows(analysis)) table.Add(row);
        var b = inputs.Background;
        return CommandReply.Ok([table], Header(finished), FormattableString.Invariant(
            $"observed {inputs.Observed} in the signal box of {string.Join(' ', analysis.ReferenceSamples)}, background {b.Expected:G4} ({b.KindName}, {analysis.LimitBackgroundMethod}), EOT {inputs.Eot}, {AnalysisReport.MethodName(inputs.Method)} {inputs.ConfidenceLevel:P0}"));
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
        if (args.Count > 2) throw new CommandException(BaseFolderRefused);
        var conditions = args.Optional(1) is { } c ? Base64(c, "CONDITIONS_BASE64", MaxConditionsBytes) : null;
        // An older client sends its spec's folder here: a conditions document is a JSON object, a folder is not.
        if (conditions?.TrimStart() is { } text && !(text.StartsWith('{') || text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("/*", StringComparison.Ordinal)))
            throw new CommandException(BaseFolderRefused);
        // No base folder from the caller: relative raw paths resolve under the manager's node's first data root.
        var accepted = await AskAsync<CampaignAccepted>(new SubmitCampaign(spec, null, conditions), ct).ConfigureAwait(false);
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

    private Task<FinishedCampaign> ResultsAsync(CommandArguments args, CancellationToken ct) => AskAsync<FinishedCampaign>(new GetCampaignResults(Id(args)), ct);

    /// <summary>The campaign's analysis, computed off the command's thread with the campaign's own conditions and choices: what its results files hold.</summary>
    private async Task<(CampaignFinished Finished, CampaignAnalysis Analysis)> AnalysisAsync(CommandArguments args, CancellationToken ct)
    {
        var finished = await ResultsAsync(args, ct).ConfigureAwait(false);
        var analysis = await Task.Run(() => Analyse(finished), ct).ConfigureAwait(false);
        return (finished.Result, analysis);
    }

    private static CampaignAnalysis Analyse(FinishedCampaign finished)
    {
        var (samples, setup, options) = CampaignResults.ForAnalysis(finished);
        return CampaignAnalysis.From(samples, setup, options);
    }

    private static TextTable Text(string title, ResultTable t)
    {
        var table = new TextTable(title, [.. t.Columns]);
        foreach (var row in t.Rows) table.Add(row);
        return table;
    }

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

    private static double Fraction(long k, long n) => n == 0 ? double.NaN : Math.Round((double)k / n, 6);
}
