using Akka.Hosting;
using Microsoft.Extensions.Hosting;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// What a program adds to a node's host beside the pipeline: services and logging (<paramref name="Host"/>) and actors
/// started with the actor system (<paramref name="Akka"/>). The command host is added this way, by the programs that
/// run one, so that the pipeline does not depend on it.
/// </summary>
public sealed record HostAdditions(Action<HostApplicationBuilder> Host, Action<AkkaConfigurationBuilder> Akka);
