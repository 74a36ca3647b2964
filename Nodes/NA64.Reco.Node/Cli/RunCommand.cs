using System.CommandLine;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Processing;
using NA64.Reco.Actors.Inspection;
using NA64.Reco.Actors.Results;
using NA64.Reco.Node.Export;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// <c>na64 run SPEC | --demo</c>: a campaign on an embedded single-node cluster with its journal in
/// SQLite (or PostgreSQL, <c>--db postgres://...</c>); rerunning the same spec on the same database resumes where the journal left off.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<string?>("spec") { Description = "Campaign spec (JSON, see docs/campaign-spec.md)", Arity = ArgumentArity.ZeroOrOne };
        var demo = new Option<bool>("--demo") { Description = "Run the built-in demo campaign (beam plus signal at seven masses, 1 MeV to 1 GeV)" };
        var outDir = new Option<string?>("--out") { Description = "Results folder (default results/<campaign id>)" };
        var db = new Option<string?>("--db") { Description = "Journal: a SQLite file (default <out>/campaign.db) or postgres://user:pw@host:port/db; reuse it to resume" };
        var maxSpills = new Option<int>("--max-spills") { Description = "Spills in flight at once", DefaultValueFactory = _ => 2 };
        var maxChunks = new Option<int>("--max-chunks") { Description = "Chunks in flight per spill", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var port = new Option<int>("--port") { Description = "Cluster port on 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 0 };
        var method = new Option<string>("--method") { Description = "Limit method: cls (default) or fc (Feldman-Cousins)", DefaultValueFactory = _ => "cls" };
        var export = new Option<string?>("--export") { Description = "Also write the selected events' reconstructed quantities: arrow (into <out>/export)" };
        var prescale = new Option<int>("--prescale") { Description = "With --export: every Nth event instead of those passing the trigger", DefaultValueFactory = _ => 0 };
        var cmd = new CmdHostCliOptions();
        var command = new Command("run", "Run a campaign (reprocessing or MC) on an embedded single-node cluster, resumable");
        command.Arguments.Add(spec);
        foreach (var o in new Option[] { demo, outDir, db, maxSpills, maxChunks, port, method, export, prescale }) command.Options.Add(o);
        cmd.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(spec), parse.GetValue(demo), parse.GetValue(outDir), parse.GetValue(db),
            parse.GetValue(maxSpills), parse.GetValue(maxChunks), parse.GetValue(port), new RunAnalysisArgs(parse.GetValue(method)!, parse.GetValue(export), parse.GetValue(prescale)), cmd.From(parse), ct));
        return command;
    }

    private static async Task<int> RunAsync(string? specPath, bool demo, string? outDir, string? db, int maxSpills, int maxChunks, int port, RunAnalysisArgs analysisArgs, CommandHostOptions? cmdHost, CancellationToken ct)
    {
        CampaignPlan plan;
        string baseDir;
        DetectorConditions conditions;
        try
        {
            if (demo == (specPath is not null))
            {
                await Console.Error.WriteLineAsync("na64 run: give a spec file or --demo (one of them)");
                return 2;
            }
            if (maxSpills < 1 || maxChunks < 1)
            {
                await Console.Error.WriteLineAsync("na64 run: --max-spills and --max-chunks must be at least 1");
                return 2;
            }
            if (analysisArgs.Error() is { } argError)
            {
                await Console.Error.WriteLineAsync("na64 run: " + argError);
                return 2;
            }
            var spec = demo ? DemoCampaign.Spec : CampaignSpec.Load(specPath!);
            baseDir = specPath is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(specPath))!;
            plan = CampaignPlan.Expand(spec, baseDir);
            conditions = spec.ConditionsPath is null ? DetectorConditions.Default : DetectorConditions.Load(Path.GetFullPath(spec.ConditionsPath, baseDir));
            // A non-loopback command host without a token refuses to start: before any work, not half-way.
            cmdHost?.LoadToken();
        }
        catch (Exception ex) when (ex is CampaignSpecException or ConditionsException or InvalidOperationException or ArgumentException or IOException)
        {
            await Console.Error.WriteLineAsync("na64 run: " + ex.Message);
            return 2;
        }

        var output = Path.GetFullPath(outDir ?? Path.Combine("results", plan.CampaignId));
        JournalDatabase journal;
        try
        {
            journal = JournalDatabase.Parse(db ?? Path.Combine(output, "campaign.db"));
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync("na64 run: --db: " + ex.Message);
            return 2;
        }
        var options = new PipelineOptions
        {
            DatabasePath = journal.SqlitePath ?? db!,
            Port = port,
            MaxSpillsInFlight = maxSpills,
            MaxChunksInFlightPerSpill = maxChunks,
        };
        Console.WriteLine($"campaign {plan.CampaignId}: {plan.Spills.Count} spills, spec {plan.SpecHash[..12]}, conditions {conditions.Version}");
        Console.WriteLine($"journal {journal.Display}; at most {options.MaxChunksInFlight} chunks in flight ({maxSpills} spills x {maxChunks} chunks)");

        var exportOptions = analysisArgs.ExportOptions(output);
        using var host = PipelineHosting.BuildEmbeddedHost(options, services =>
        {
            ProcessingBindings.Register(services, conditions, analysisArgs.Options);
            if (exportOptions is not null) services.AddSingleton<IChunkProcessor>(new PooledExportingProcessor(conditions, exportOptions));
        }, commandHost: cmdHost);
        await host.StartAsync(ct);
        await CommandHostHosting.ReportStartedAsync(host, "na64 run");
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var registry = host.Services.GetRequiredService<IActorRegistry>();
            var view = new CampaignProgressView();
            // One code path with the cluster: the embedded node has every role and hosts the campaign manager singleton,
            // which writes the results (tables, analysis, plots) through the node's results writer.
            var manager = await registry.GetAsync<CampaignManager>(ct);
            var specJson = demo ? DemoCampaign.Json : await File.ReadAllTextAsync(specPath!, ct);
            var submit = new CampaignManagerProtocol.SubmitCampaign(specJson, baseDir, output);
            var (finished, files) = await view.ShowWhile(CampaignClient.RunAsync(system, manager, submit, plan.CampaignId, view.Update, ct));
            long eot = 0, events = 0;
            foreach (var s in finished.Samples.Values)
            {
                eot += s.Eot;
                events += s.Events;
            }
            Console.WriteLine($"done: {finished.DoneSpills}/{finished.TotalSpills} spills, {finished.Quarantined.Count} quarantined, {events} events, EOT {eot}");
            foreach (var q in finished.Quarantined) Console.WriteLine($"  quarantined {q.SpillId}: {q.File} @ {q.Offset}: {q.Reason}");
            foreach (var f in files) Console.WriteLine("wrote " + f);
            if (exportOptions is not null) Console.WriteLine($"exported events: {exportOptions.Directory}/*.arrow (one file per chunk)");
            return 0;
        }
        catch (CampaignRejectedException ex)
        {
            await Console.Error.WriteLineAsync("na64 run: " + ex.Message);
            return 3;
        }
        catch (Exception ex) when (ex is CampaignInterruptedException || (ex is OperationCanceledException && ct.IsCancellationRequested))
        {
            await Console.Error.WriteLineAsync("na64 run: interrupted; rerun the same command to resume from the journal");
            return 130;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
