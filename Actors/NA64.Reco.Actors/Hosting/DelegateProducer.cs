using Akka.Actor;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// Builds each actor by calling a delegate. For the sharded entities, created once per spill and once per chunk:
/// <c>Props.Create(() =&gt; new T(...))</c> builds an expression tree per call, reads its arguments back by reflection,
/// and creates every actor through a reflected constructor (≈ 0.5% of a one-core campaign's CPU in a profile,
/// docs/performance-log.md); with this producer one <see cref="Props"/> per node serves every entity.
/// </summary>
public sealed class DelegateProducer<TActor>(Func<TActor> create) : IIndirectActorProducer where TActor : ActorBase
{
    public Type ActorType => typeof(TActor);

    public ActorBase Produce() => create();

    public void Release(ActorBase actor)
    {
    }

    /// <summary>Props that build a new actor by calling <paramref name="create"/> each time one is started.</summary>
    public static Props Props(Func<TActor> create) => Akka.Actor.Props.CreateBy(new DelegateProducer<TActor>(create));
}
