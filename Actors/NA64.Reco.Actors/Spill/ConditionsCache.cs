using System.Collections.Concurrent;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Actors.Spill;

/// <summary>
/// The campaigns' documents this node has parsed, by hash, as setups: its own conditions (<c>--conditions</c>), and the
/// conditions or the muon setup of every campaign it worked for (<see cref="Setup.PipelineJson"/>). A spill actor takes its campaign's from here, or asks the campaign's coordinator for the document; a node
/// never processes a spill with conditions other than the campaign's.
/// </summary>
public sealed class ConditionsCache
{
    /// <summary>Distinct conditions kept at most; a campaign that needs an evicted one sends it again.</summary>
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<string, Setup> _byHash = new(StringComparer.Ordinal);

    public ConditionsCache(DetectorConditions own) => Add(Setup.Of(own));

    public bool TryGet(string hash, out Setup setup) => _byHash.TryGetValue(hash, out setup!);

    public void Add(Setup setup)
    {
        if (_byHash.Count >= Capacity)
            foreach (var key in _byHash.Keys.Take(_byHash.Count - Capacity + 1)) _byHash.TryRemove(key, out _);
        _byHash[setup.Hash] = setup;
    }
}
