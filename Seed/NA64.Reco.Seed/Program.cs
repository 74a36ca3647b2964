using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Membership;
using NA64.Reco.Actors.Tls;
using NA64.Reco.CommandHost;
using NA64.Reco.Seed;

// na64-seed: a Lighthouse-style seed node. It joins the seeds (itself among them) or the contacts, hosts no work, answers the
// health probes, and leaves the cluster on SIGTERM. Configured by the variables of ClusterMemberOptions (CLUSTER_IP,
// CLUSTER_HOSTNAME, CLUSTER_PORT, CLUSTER_SEEDS, CLUSTER_CONTACTS, NA64_JOIN_TIMEOUT_S, NA64_SBR_STABLE_AFTER_MS, NA64_CMD_BIND,
// NA64_CMD_TOKEN_FILE, NA64_TLS_CERTIFICATE, NA64_TLS_PASSWORD_FILE), each overridden by its option on the command line. Its command host
// (port 9110) answers the cluster, actor and log palettes; campaign commands go to a node with the coordinator role.
SeedSettings? settings;
IReadOnlyList<string> joinList;
try
{
    settings = SeedSettings.From(args);
    joinList = settings is null ? [] : ClusterContacts.JoinList(settings.Seeds, settings.Contacts, unresolved => Console.Error.WriteLine("na64-seed: " + unresolved + "; not asked"));
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine("na64-seed: --contacts/--seeds: " + ex.Message);
    return 2;
}
catch (FormatException ex)
{
    Console.Error.WriteLine("na64-seed: " + ex.Message);
    return 2;
}
if (settings is null)
{
    Console.Error.WriteLine("usage: na64-seed [--hostname IP] [--public-hostname NAME] [--port N] [--seeds A,B] [--contacts HOST:PORT,...] [--join-timeout S] [--health-port N] [--cmd-port N|-1] [--cmd-bind IP] [--cmd-token-file F] [--tls-certificate PFX] [--tls-password-file F]");
    return 2;
}

ClusterTls? tls;
try
{
    // Off loopback without a readable token: refuse to start (a misconfigured pod fails visibly).
    settings.CommandHost?.LoadToken();
    // Likewise a cluster certificate that is named but cannot be used.
    tls = ClusterTls.From(settings.TlsCertificate, settings.TlsPasswordFile);
}
catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or ClusterTlsException)
{
    Console.Error.WriteLine("na64-seed: " + ex.Message);
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
PipelineHosting.ConfigureLogging(builder, Microsoft.Extensions.Logging.LogLevel.Warning);
if (settings.CommandHost is not null) builder.AddNa64CommandHost(settings.CommandHost);
builder.Services.AddHealthChecks();
builder.Services.AddAkka("na64", (akka, _) =>
{
    PipelineHosting.ConfigureAkkaLogging(akka, Microsoft.Extensions.Logging.LogLevel.Warning);
    akka.WithNa64Cluster(settings.Hostname, settings.PublicHostname, settings.Port, [PipelineHosting.SeedRole], joinList,
        settings.SplitBrainStableAfter, tls, settings.JoinTimeout);
    if (settings.CommandHost is not null) akka.WithNa64CommandHost(_ => null);
});
using var host = builder.Build();
using var stop = new CancellationTokenSource();
// SIGTERM/SIGINT: stop the host, whose Akka service runs CoordinatedShutdown (leave the cluster).
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.Cancel();
});
using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c =>
{
    c.Cancel = true;
    stop.Cancel();
});
await host.StartAsync(stop.Token);
var system = host.Services.GetRequiredService<ActorSystem>();
await CommandHostHosting.ReportStartedAsync(host, "na64-seed");
await using (var health = settings.HealthPort >= 0 ? HealthEndpoint.Start(host.Services, settings.Hostname, settings.HealthPort) : null)
{
    var cluster = Akka.Cluster.Cluster.Get(system);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"seed {cluster.SelfAddress}; seeds {string.Join(',', settings.Seeds)}{(health is null ? "" : $"; health on port {health.Port}")}"));
    cluster.RegisterOnMemberUp(() => Console.WriteLine("member up"));
    await Task.WhenAny(Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default), system.WhenTerminated);
}
var reason = CoordinatedShutdown.Get(system).ShutdownReason;
if (reason is CoordinatedShutdown.ClusterJoinUnsuccessfulReason)
    Console.Error.WriteLine("na64-seed: " + ClusterContacts.NobodyJoined(joinList, settings.JoinTimeout));
Console.WriteLine("leaving the cluster");
await host.StopAsync(CancellationToken.None);
Console.WriteLine("left the cluster");
// Downed: 1; joined nobody: 6, as na64 node; both restarted by Kubernetes.
return reason switch
{
    CoordinatedShutdown.ClusterDowningReason => 1,
    CoordinatedShutdown.ClusterJoinUnsuccessfulReason => 6,
    _ => 0,
};
