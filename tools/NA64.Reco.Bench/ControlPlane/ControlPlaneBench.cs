using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Bench.ControlPlane;

/// <summary>
/// The control-plane ceiling: how many spills per second one campaign coordinator, its journal and cluster sharding
/// sustain when the spills themselves cost nothing (<see cref="NoOpProcessor"/>). This process is the cluster's seed
/// and its only <c>coordinator</c> member (the campaign manager, every coordinator, the journal writes: the deployment of
/// k8s/base/coordinator.yaml); the workers are <c>na64-bench control-plane --worker</c> child processes, each the
/// product's pipeline host (<see cref="PipelineHosting.BuildClusterHost"/>, role <c>worker</c>) with the no-op processor
/// bound in place of the physics. For each worker count the cluster grows to it, runs a warm-up campaign and then the
/// measured one: one-event spills of one chunk, timed from the submission to the progress report of the last spill.
/// The coordinator's CPU time per spill is this process's (seed duties and the client's polling included: an upper
/// bound) and gives the ceiling of a coordinator with a core of its own.
/// </summary>
public static class ControlPlaneBench
{
    /// <summary>One measured campaign: <paramref name="Spills"/> is what its result counted done.</summary>
    public sealed record Measurement(string Journal, int Workers, int Spills, double Seconds, double CoordinatorCpuSeconds)
    {
        public double SpillsPerSecond => Spills / Seconds;

        /// <summary>Spills per second of coordinator CPU: the rate one coordinator with a core to itself could sustain.</summary>
        public double SpillsPerCoordinatorCpuSecond => Spills / Math.Max(CoordinatorCpuSeconds, 1e-3);
    }

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Runs the measurements on the journal <paramref name="database"/> (a SQLite file or a postgres:// URL, as
    /// <c>--db</c>; with <paramref name="inMemory"/>, Akka's in-memory journal instead: the coordinator and sharding
    /// alone), named <paramref name="journal"/> in the figures, for each of <paramref name="workerCounts"/> (ascending).
    /// </summary>
    public static async Task<IReadOnlyList<Measurement>> RunAsync(string journal, string database, bool inMemory, IReadOnlyList<int> workerCounts,
        int spills, int warmUpSpills, int maxSpillsPerWorker, TextWriter log, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("na64-bench-control-plane-");
        var workers = new List<NodeProcess>();
        IHost? host = null;
        var results = new List<Measurement>();
        try
        {
            var port = NodeProcess.FreePort();
            var seeds = $"akka.tcp://na64@127.0.0.1:{port}";
            var options = new PipelineOptions
            {
                DatabasePath = database,
                Port = port,
                Roles = [PipelineHosting.CoordinatorRole],
                Seeds = [seeds],
                MaxSpillsInFlight = maxSpillsPerWorker,
            };
            var additions = inMemory ? new HostAdditions(_ => { }, akka => akka.AddHocon(PipelineBench.InMemoryPersistenceHocon, HoconAddMode.Prepend)) : null;
            host = PipelineHosting.BuildClusterHost(options, services => PhysicsBindings.Register(services, DetectorConditions.Default, new NoOpProcessor()),
                additions: additions);
            await host.StartAsync(ct);
            var system = host.Services.GetRequiredService<ActorSystem>();
            var manager = await host.Services.GetRequiredService<IActorRegistry>().GetAsync<CampaignManager>(ct);
            var run = Guid.NewGuid().ToString("N")[..8];
            foreach (var count in workerCounts)
            {
                while (workers.Count < count)
                    workers.Add(NodeProcess.StartBench($"worker-{workers.Count}", dir.FullName, ["control-plane", "--worker", "--seeds", seeds,
                        "--port", NodeProcess.FreePort().ToString(CultureInfo.InvariantCulture), "--db", Path.Combine(dir.FullName, $"worker-{workers.Count}.db")]));
                await NodeProcess.WaitForWorkersUp(system, workers, TimeSpan.FromMinutes(3), ct);
                _ = await RunCampaign(system, manager, dir.FullName, $"cp-{run}-{journal}-{count}-warmup", warmUpSpills, ct);
                var (done, seconds, cpu) = await RunCampaign(system, manager, dir.FullName, $"cp-{run}-{journal}-{count}", spills, ct);
                var m = new Measurement(journal, count, done, seconds, cpu);
                results.Add(m);
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"control plane, {journal}, {count} workers: {spills} spills in {seconds:F3} s = {m.SpillsPerSecond:F0} spills/s; coordinator {cpu:F2} CPU-s = {m.SpillsPerCoordinatorCpuSecond:F0} spills per CPU-second"));
            }
            return results;
        }
        catch (Exception) when (workers.Count > 0)
        {
            foreach (var w in workers) await log.WriteAsync(w.Output);
            throw;
        }
        finally
        {
            if (host is not null)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
            foreach (var w in workers) w.Dispose();
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A worker of the bench's cluster in this process, until the process is killed (<c>na64-bench control-plane --worker</c>).</summary>
    public static async Task RunWorkerAsync(string seeds, int port, string database, CancellationToken ct)
    {
        var options = new PipelineOptions
        {
            DatabasePath = database,
            Port = port,
            Roles = [PipelineHosting.WorkerRole],
            Seeds = [seeds],
        };
        using var host = PipelineHosting.BuildClusterHost(options, services => PhysicsBindings.Register(services, DetectorConditions.Default, new NoOpProcessor()));
        await host.StartAsync(ct);
        var system = host.Services.GetRequiredService<ActorSystem>();
        Console.WriteLine("worker started");
        await Task.WhenAny(Task.Delay(Timeout.Infinite, ct), system.WhenTerminated);
    }

    private static async Task<(int Done, double Seconds, double CoordinatorCpu)> RunCampaign(ActorSystem system, IActorRef manager, string dir, string id, int spills,
        CancellationToken ct)
    {
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var run = await BenchCampaign.RunAsync(system, manager, id, BenchCampaign.BeamSpec(id, spills, eventsPerSpill: 1, chunkSize: 1, seed: 1), dir, () =>
        {
            self.Refresh();
            return self.TotalProcessorTime;
        }, Poll, ct);
        return (run.Result.DoneSpills, run.Elapsed.TotalSeconds, (run.AtEnd - cpuBefore).TotalSeconds);
    }
}
