namespace NA64.Reco.Physics.Detector;

/// <summary>
/// The Micromegas strip-to-channel wiring. Each channel reads <c>factor</c> strips, wired so that every
/// unordered pair of channels lit by two adjacent strips occurs at exactly one place of the plane:
/// a cluster of two or more strips then names its strips unambiguously (physics.md §6).
/// </summary>
public static class MultiplexingMap
{
    /// <summary>The default wiring: strip 64g + k reads channel (k · m_g + g) mod 64, m = 1, 3, 5, 7, 9, …</summary>
    public static int[] CreateDefault(int strips, int channels, int factor)
    {
        var map = new int[strips];
        for (var s = 0; s < strips; s++)
        {
            var g = s / channels;
            var k = s % channels;
            map[s] = (k * (2 * g + 1) + g) % channels;
        }
        return map;
    }

    /// <summary>Key of an unordered channel pair.</summary>
    public static int PairKey(int a, int b, int channels) => a < b ? a * channels + b : b * channels + a;

    internal static void Validate(MicromegasConditions mm, ConditionsValidator v)
    {
        var map = mm.StripToChannel;
        if (map is null || map.Length != mm.Strips)
            throw v.Fail("micromegas.stripToChannel", $"must list one channel for each of the {mm.Strips} strips, got {map?.Length ?? 0}");
        var uses = new int[mm.Channels];
        for (var s = 0; s < map.Length; s++)
        {
            if (map[s] < 0 || map[s] >= mm.Channels)
                throw v.Fail($"micromegas.stripToChannel[{s}]", $"channel must be within [0, {mm.Channels - 1}], got {map[s]}");
            uses[map[s]]++;
        }
        for (var c = 0; c < uses.Length; c++)
            if (uses[c] != mm.MultiplexingFactor)
                throw v.Fail("micromegas.stripToChannel", $"channel {c} reads {uses[c]} strips, expected {mm.MultiplexingFactor}");
        var seen = new Dictionary<int, int>();
        for (var s = 0; s + 1 < map.Length; s++)
        {
            if (map[s] == map[s + 1])
                throw v.Fail($"micromegas.stripToChannel[{s + 1}]", $"adjacent strips {s} and {s + 1} share channel {map[s]}");
            var key = PairKey(map[s], map[s + 1], mm.Channels);
            if (!seen.TryAdd(key, s))
                throw v.Fail($"micromegas.stripToChannel[{s + 1}]",
                    $"adjacent strips {s},{s + 1} light channels {map[s]},{map[s + 1]} as strips {seen[key]},{seen[key] + 1} do: ambiguous");
        }
    }
}
