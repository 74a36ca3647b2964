using Akka;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.CommandHost;

/// <summary>
/// Starts the command host with the actor system (Akka.Hosting) and stops it in CoordinatedShutdown, before the
/// cluster is left: an operator can watch a node until it goes.
/// </summary>
public static class CommandHostHosting
{
    /// <summary>
    /// Registers the handle (resolve it for the port) and a ring log as a logging provider, at information level whatever
    /// the console's minimum (<c>log peek</c> shows information lines too), and starts the host with the actor system.
    /// Palettes: cluster, actor, log, remote, campaign (manager under <see cref="CampaignManagerKey"/>).
    /// </summary>
    public static HostApplicationBuilder AddNa64CommandHost(this HostApplicationBuilder builder, CommandHostOptions options)
    {
        var log = new InMemoryLog();
        builder.Services.AddSingleton(new CommandHostHandle(options, log));
        // What AddProvider does: the ring sees every line the console logger sees.
        builder.Services.AddSingleton<ILoggerProvider>(log);
        builder.Logging.AddFilter<InMemoryLog>(null, LogLevel.Information);
        return builder;
    }

    /// <summary>
    /// The command host of a node that runs the pipeline: its palettes talk to the cluster's campaign manager (the
    /// singleton or its proxy, registered under <see cref="CampaignManager"/>); an actor registered under
    /// <see cref="CampaignManagerKey"/> (a stand-in of a test) takes precedence. Null options: no command host.
    /// </summary>
    public static HostAdditions? ForPipeline(CommandHostOptions? options) => options is null
        ? null
        : new HostAdditions(
            host => host.AddNa64CommandHost(options),
            akka => akka.WithNa64CommandHost(r => r.TryGet<CampaignManagerKey>(out var key) ? key : r.TryGet<CampaignManager>(out var m) ? m : null));

    /// <summary>Prints where the command host of <paramref name="host"/> listens, or why it does not (the process runs on without it).</summary>
    /// <param name="program">Prefix of the error line, e.g. <c>na64 run</c> or <c>na64-seed</c>.</param>
    public static async Task ReportStartedAsync(IHost host, string program)
    {
        var handle = host.Services.GetService<CommandHostHandle>();
        if (handle is null) return;
        try
        {
            var started = await handle.Started.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            var access = started.RequiresToken ? $" (token in {started.TokenFile})"
                : $" (no token: commands that change state are refused{(handle.Options.TokenProblem is { } why ? "; " + why : "")})";
            Console.WriteLine($"command host {started.Endpoint}{access}: na64 cmd --host {started.Endpoint} help");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{program}: command host not started: {ex.Message}").ConfigureAwait(false);
        }
    }

    /// <param name="campaignManager">Finds the campaign manager (or its singleton proxy) at each campaign command;
    /// default: the actor registered under <see cref="CampaignManagerKey"/>. With the cluster's manager:
    /// <c>r =&gt; r.TryGet&lt;CampaignManager&gt;(out var m) ? m : null</c>.</param>
    public static AkkaConfigurationBuilder WithNa64CommandHost(this AkkaConfigurationBuilder builder, Func<IActorRegistry, IActorRef?>? campaignManager = null) =>
        builder.WithActors((system, registry, resolver) =>
        {
            var handle = resolver.GetService<CommandHostHandle>();
            var logger = resolver.GetService<ILoggerFactory>().CreateLogger("NA64.Reco.CommandHost");
            try
            {
                var recorder = system.ActorOf(MembershipRecorder.Props(), "cmd-membership");
                var timeout = handle.Options.AskTimeout;
                var dispatcher = new CommandDispatcher(
                [
                    new ClusterPalette(system, recorder, timeout),
                    new ActorPalette(system),
                    new LogPalette(handle.Log),
                    new RemotePalette(system),
                    new CampaignPalette(() => campaignManager is null ? (registry.TryGet<CampaignManagerKey>(out var m) ? m : null) : campaignManager(registry), timeout,
                        TryResolve<ResultsStore>(resolver)),
                ]);
                var host = CommandHost.Start(handle.Options, dispatcher, logger);
                CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "stop-command-host", async () =>
                {
                    await host.DisposeAsync().ConfigureAwait(false);
                    return Done.Instance;
                });
                handle.SetStarted(host);
            }
            catch (Exception ex)
            {
                logger.LogError("command host not started: {Message}", ex.Message);
                handle.SetFailed(ex);
            }
        });

    private static T? TryResolve<T>(Akka.DependencyInjection.IDependencyResolver resolver) where T : class
    {
        try
        {
            return resolver.GetService<T>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
