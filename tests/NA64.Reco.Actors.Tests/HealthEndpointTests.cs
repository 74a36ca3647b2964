using System.Net;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NA64.Reco.Actors.Hosting;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// The probes answer from the host's health checks, on a real actor system and real HTTP over loopback: a member
/// that has not joined is alive but not ready, and the 503 names every failed check; Up without a campaign manager it
/// is still not ready; a terminated actor system is neither alive nor ready.
/// </summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Ready_only_while_the_member_is_Up_and_the_campaign_service_answers_alive_while_the_system_runs()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        PipelineHosting.ConfigureLogging(builder, Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.Services.AddHealthChecks();
        builder.Services.AddAkka("na64", (akka, _) =>
        {
            PipelineHosting.ConfigureAkkaLogging(akka, Microsoft.Extensions.Logging.LogLevel.Warning);
            // No seeds: the member joins nobody until this test joins it; until then Akka reports its status Removed.
            akka.WithNa64Cluster("127.0.0.1", null, 0, [PipelineHosting.WorkerRole], [], TimeSpan.FromSeconds(2));
            akka.WithHealthCheck(CampaignServiceCheck.Name, new CampaignServiceCheck(), tags: [HealthEndpoint.ReadinessTag]);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        await using var endpoint = HealthEndpoint.Start(host.Services, "127.0.0.1", 0);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{endpoint.Port}") };

        await AssertAnswer(http, "/health/alive", HttpStatusCode.OK, "ok\n");
        await AssertAnswer(http, "/health/ready", HttpStatusCode.ServiceUnavailable,
            "Service Unavailable: cluster member Removed; campaign service not answering\n");
        await AssertAnswer(http, "/health/other", HttpStatusCode.NotFound, "Not Found\n");

        var cluster = Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
        // The check reads SelfMember, whose view is updated by its own subscriber: an Up callback may run before it.
        await UpInTheReadView(cluster).WaitAsync(TimeSpan.FromSeconds(30));
        await AssertAnswer(http, "/health/ready", HttpStatusCode.ServiceUnavailable, "Service Unavailable: campaign service not answering\n");

        await host.StopAsync();
        await system.WhenTerminated;
        await AssertAnswer(http, "/health/alive", HttpStatusCode.ServiceUnavailable, "Service Unavailable: ActorSystem has terminated.\n");
        await AssertAnswer(http, "/health/ready", HttpStatusCode.ServiceUnavailable,
            "Service Unavailable: ActorSystem has terminated.; cluster terminated; campaign service not answering\n");
    }

    private static async Task UpInTheReadView(Cluster cluster)
    {
        while (cluster.SelfMember.Status != MemberStatus.Up) await Task.Delay(10);
    }

    private static async Task AssertAnswer(HttpClient http, string path, HttpStatusCode code, string body)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Equal(code, response.StatusCode);
    }
}
