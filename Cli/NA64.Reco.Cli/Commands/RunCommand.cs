using System.CommandLine;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Inputs;
using NA64.Reco.Cli.Campaigns;
using NA64.Reco.Cli.Export;
using NA64.Reco.Cli.Options;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.CommandHost;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 run SPEC | --demo</c>: a campaign on an embedded single-node cluster with its journal in SQLite (or
/// PostgreSQL, <c>--db postgres://...</c>), driven as on a cluster: submitted to the campaign manager, followed, and
/// its results, stored in the campaign database, written into <c>--out</c>. Rerunning the same spec on the same
/// database resumes where the journal left off.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string?>("spec") { Description = "Campaign spec (JSON, see docs/campaign-spec.md)", Arity = ArgumentArity.ZeroOrOne };
        var demo = new Option<bool>("--demo") { Description = "Run the built-in demo campaign (beam plus signal at seven masses, 1 MeV to 1 GeV)" };
        var outDir = new Option<string?>("--out") { Description = "Results folder of this run (default results/<campaign id>)" };
        var db = new Option<string?>("--db") { Description = "Journal: a SQLite file (default <out>/campaign.db) or postgres://user:pw@host:port/db; reuse it to resume" };
        var maxSpills = new Option<int>("--max-spills") { Description = "Spills in flight at once", DefaultValueFactory = _ => 2 };
        var maxChunks = new Option<int>("--max-chunks") { Description = "Chunks in flight per spill", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var port = new Option<int>("--port") { Description = "Cluster port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 0 };
        var export = new Option<string?>("--export") { Description = "Also write the selected events' reconstructed quantities, one zstd-compressed file per sample in <out>/export: arrow or parquet" };
        var prescale = new Option<int>("--prescale") { Description = "With --export: every Nth event instead of those passing the trigger", DefaultValueFactory = _ => 0 };
        var patience = new Option<double>("--journal-patience")
        {
            Description = "Seconds of journal failures in a row (database down, disk full) ridden out before the run gives up",
            DefaultValueFactory = _ => JournalPatienceOption.DefaultSeconds,
        };
        var conditions = ConditionsOption.Create();
        conditions.Description = "Conditions of a spec that names none (default: the embedded default)";
        var cmd = new CmdHostCliOptions();
        var admission = new AdmissionCliOptions("the spec's folder and the current folder");
        var command = new Command("run", "Run a campaign (reprocessing or MC) on an embedded single-node cluster, resumable");
        command.Arguments.Add(spec);
        foreach (var o in new Option[] { demo, outDir, db, maxSpills, maxChunks, port, export, prescale, patience, conditions }) command.Options.Add(o);
        cmd.AddTo(command);
        admission.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(new Settings(parse.GetValue(spec), parse.GetValue(demo), parse.GetValue(outDir), parse.GetValue(db),
            parse.GetValue(maxSpills), parse.GetValue(maxChunks), parse.GetValue(port), parse.GetValue(patience), parse.GetValue(conditions)),
            new RunExportArgs(parse.GetValue(export), parse.GetValue(prescale)), cmd.From(parse),
            defaults => admission.Roots(parse, defaults), () => admission.Limits(parse), ct));
        return command;
    }

    private sealed record Settings(string? SpecPath, bool Demo, string? Out, string? Db, int MaxSpills, int MaxChunks, int Port, double PatienceSeconds, FileInfo? Conditions);

    private static async Task<int> RunAsync(Settings s, RunExportArgs exportArgs, CommandHostOptions? cmdHost,
        Func<IEnumerable<string>, DataRoots> dataRoots, Func<CampaignLimits> campaignLimits, CancellationToken ct)
    {
        var error = Console.Error;
        SpecSubmission submission;
        DetectorConditions nodeConditions;
        DataRoots roots;
        CampaignLimits limits;
        try
        {
            if (s.Demo == (s.SpecPath is not null)) return await Fail("give a spec file or --demo (one of them)");
            if (s.MaxSpills < 1 || s.MaxChunks < 1) return await Fail("--max-spills and --max-chunks must be at least 1");
            if (exportArgs.Error() is { } argError) return await Fail(argError);
            if (JournalPatienceOption.Error(s.PatienceSeconds) is { } patienceError) return await Fail(patienceError);
            submission = s.Demo
                ? SpecSubmission.From(System.Text.Encoding.UTF8.GetBytes(DemoCampaign.Json), "demo", Directory.GetCurrentDirectory())
                : SpecSubmission.Load(s.SpecPath!);
            nodeConditions = ConditionsOption.Load(s.Conditions);
            // Raw inputs where a physicist keeps them: beside the spec, or below the folder the run starts in.
            roots = dataRoots(s.Demo ? [Directory.GetCurrentDirectory()] : [submission.Submit.BaseDirectory!, Directory.GetCurrentDirectory()]);
            limits = campaignLimits();
            // Outside the roots: refused here, before any node starts (the campaign manager checks again).
            var source = s.SpecPath is null ? "demo" : Path.GetFullPath(s.SpecPath);
            for (var i = 0; i < submission.Spec.Raw.Count; i++) roots.Resolve(submission.Spec.Raw[i], submission.Submit.BaseDirectory, source, $"inputs.raw[{i}]");
            // A non-loopback command host without a token refuses to start: before any work, not half-way.
            cmdHost?.LoadToken();
        }
        catch (Exception ex) when (ex is CampaignSpecException or ConditionsException or InvalidOperationException or ArgumentException or IOException)
        {
            return await Fail(ex.Message);
        }

        var id = submission.Spec.Id;
        // The default results folder is results/<id>: the id is a plain name, so it cannot lead out of results/.
        var resultsRoot = Path.GetFullPath("results");
        var output = s.Out is null ? Path.Combine(resultsRoot, id) : Path.GetFullPath(s.Out);
        if (s.Out is null && !string.Equals(Path.GetDirectoryName(output), resultsRoot, StringComparison.Ordinal))
            return await Fail($"campaign id '{id}' does not name a folder inside {resultsRoot}");
        JournalDatabase journal;
        try
        {
            journal = JournalDatabase.Parse(s.Db ?? Path.Combine(output, "campaign.db"));
        }
        catch (FormatException ex)
        {
            return await Fail("--db: " + ex.Message);
        }
        JournalLock journalLock;
        try
        {
            journal.Prepare();
            // The embedded campaign manager must be the journal's only writer: refuse a second run (or a cluster) on it.
            journalLock = JournalLock.Acquire(journal, exclusive: true);
        }
        catch (JournalInUseException ex)
        {
            await error.WriteLineAsync("na64 run: " + ex.Message);
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is JournalUnusableException or IOException or UnauthorizedAccessException or Npgsql.NpgsqlException)
        {
            return await Fail(ex is JournalUnusableException ? ex.Message : $"journal {journal.Display}: {ex.Message}");
        }
        using var _ = journalLock;

        var options = new PipelineOptions
        {
            DatabasePath = journal.SqlitePath ?? s.Db!,
            Port = s.Port,
            MaxSpillsInFlight = s.MaxSpills,
            MaxChunksInFlightPerSpill = s.MaxChunks,
            Patience = JournalPatienceOption.From(s.PatienceSeconds),
            DataRoots = roots,
            Limits = limits,
        };
        Console.WriteLine($"campaign {id}: spec {submission.Spec.Hash[..12]}, conditions {submission.ConditionsPath ?? nodeConditions.Id}");
        Console.WriteLine($"journal {journal.Display}; at most {options.MaxChunksInFlight} chunks in flight ({s.MaxSpills} spills x {s.MaxChunks} chunks)");

        var exportOptions = exportArgs.ExportOptions(output);
        using var host = PipelineHosting.BuildEmbeddedHost(options,
            services => PhysicsBindings.Register(services, nodeConditions, ExportingChunkProcessor.Pooled(exportOptions)), additions: CommandHostHosting.ForPipeline(cmdHost));
        await host.StartAsync(ct);
        await CommandHostHosting.ReportStartedAsync(host, "na64 run");
        var system = host.Services.GetRequiredService<ActorSystem>();
        try
        {
            var manager = await host.Services.GetRequiredService<IActorRegistry>().GetAsync<CampaignManager>(ct);
            var view = new CampaignProgressView(SampleExposure.Unit(submission.Spec.Samples.Select(x => x.Descriptor)));
            var outcome = await view.ShowWhile(CampaignClient.RunAsync(system, manager, submission.Submit, view.Update, ct: ct));
            if (outcome.Accepted.Note is { } note) Console.WriteLine("note: " + note);
            var code = await CampaignEnd.ReportAsync("na64 run", outcome, new ResultsStore(journal), output);
            if (exportOptions is not null && File.Exists(Path.Combine(output, "summary.json")))
            {
                var files = EventDataset.Write(exportOptions, Path.Combine(output, "summary.json"));
                Console.WriteLine($"exported events: {files.Count} file(s) in {exportOptions.Directory}, one per sample ({exportOptions.Format.ToString().ToLowerInvariant()}, zstd)");
            }
            return code;
        }
        catch (CampaignRejectedException ex)
        {
            await error.WriteLineAsync("na64 run: " + ex.Message);
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (ex is CampaignInterruptedException || (ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            if (CampaignEnd.JournalUnusable(system) is { } why)
            {
                await error.WriteLineAsync($"na64 run: {why}");
                return ExitCodes.JournalUnusable;
            }
            await error.WriteLineAsync("na64 run: interrupted; rerun the same command to resume from the journal");
            return ExitCodes.Interrupted;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        static async Task<int> Fail(string message)
        {
            await Console.Error.WriteLineAsync("na64 run: " + message);
            return ExitCodes.BadInput;
        }
    }
}
