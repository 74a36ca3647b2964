using System.Collections.Concurrent;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Actors.Spill;

/// <summary>
/// The conditions this node has parsed, by hash: its own (<c>--conditions</c>), and those of every campaign it worked
/// for. A spill actor takes its campaign's from here, or asks the campaign's coordinator for the document; a node
/// never processes a spill with conditions other than the campaign's.
/// </summary>
public sealed class ConditionsCache
{
    /// <summary>Distinct conditions kept at most; a campaign that needs an evicted one sends it again.</summary>
    public const int Capacity = 64;

    private readonly ConcurrentDictionary<string, DetectorConditions> _byHash = new(StringComparer.Ordinal);

    public ConditionsCache(DetectorConditions own) => Add(own);

    public bool TryGet(string hash, out DetectorConditions conditions) => _byHash.TryGetValue(hash, out conditions!);

    public void Add(DetectorConditions conditions)
    {
        if (_byHash.Count >= Capacity)
            foreach (var key in _byHash.Keys.Take(_byHash.Count - Capacity + 1)) _byHash.TryRemove(key, out _);
        _byHash[conditions.Hash] = conditions;
    }
}
