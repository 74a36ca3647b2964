using System.Text;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// Per-source background from the MC truth of a simulated sample (physics.md §8): the MC events in the signal box of
/// each <see cref="TruthFlags"/> source, scaled to the data EOT: expected = count × EOT_data / EOT_MC, stat = √count ×
/// the same scale. A zero count gives no estimate but an upper bound: b ∈ [0, 1.148 × the scale], 1.148 being the 68% CL
/// Poisson upper bound of zero events (<see cref="BackgroundEstimate.UpperBound"/>). An event with several flags counts
/// in each of its sources, so the sources do not add up to the total: use <see cref="Total"/>.
/// </summary>
public static class SourceBackground
{
    public const string MethodName = "mc-truth";

    /// <summary>One-sided 68.27% CL upper limit for zero observed Poisson events: −ln(1 − 0.6827).</summary>
    public static readonly double ZeroCountUpperBound68 = -Math.Log(1 - Statistics.ClopperPearson.OneSigma);

    /// <summary>
    /// One estimate per defined source, in bit order, then "none" (the last index); undefined bits appear only when
    /// they hold events. <paramref name="sourceInSignalBox"/> is <c>EventSummary.SourceInSignalBox</c>.
    /// </summary>
    public static IReadOnlyList<BackgroundEstimate> PerSource(IReadOnlyList<long> sourceInSignalBox, double eotMc, double eotData)
    {
        ArgumentNullException.ThrowIfNull(sourceInSignalBox);
        if (sourceInSignalBox.Count < 2) throw new ArgumentException("need at least one flag bit and the 'none' entry", nameof(sourceInSignalBox));
        var result = new List<BackgroundEstimate>(sourceInSignalBox.Count);
        for (var i = 0; i < sourceInSignalBox.Count; i++)
        {
            var last = i == sourceInSignalBox.Count - 1;
            var defined = last || (i < 16 && Enum.IsDefined((TruthFlags)(1 << i)));
            if (!defined && sourceInSignalBox[i] == 0) continue;
            result.Add(Scaled(SourceName(i, sourceInSignalBox.Count), sourceInSignalBox[i], eotMc, eotData));
        }
        return result;
    }

    /// <summary>All MC events in the signal box (e.g. the signal-box row of the cut-flow) scaled to the data EOT.</summary>
    public static BackgroundEstimate Total(long signalBoxCount, double eotMc, double eotData) =>
        Scaled("all", signalBoxCount, eotMc, eotData);

    /// <summary>Name of entry <paramref name="index"/>: the kebab-case flag name ("decay-in-flight"), "bitN" if undefined, "none" for the last.</summary>
    public static string SourceName(int index, int count)
    {
        if (index == count - 1) return "none";
        if (index >= 16 || !Enum.IsDefined((TruthFlags)(1 << index))) return $"bit{index}";
        var name = ((TruthFlags)(1 << index)).ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    private static BackgroundEstimate Scaled(string source, long count, double eotMc, double eotData)
    {
        if (!(eotMc > 0)) throw new ArgumentOutOfRangeException(nameof(eotMc), eotMc, "MC EOT must be > 0");
        if (!(eotData > 0)) throw new ArgumentOutOfRangeException(nameof(eotData), eotData, "data EOT must be > 0");
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 0");
        var scale = eotData / eotMc;
        RegionCount[] regions = [new RegionCount(source, count, $"MC events of source '{source}' in the signal box, EOT_MC = {eotMc:G6}")];
        if (count == 0) return new BackgroundEstimate($"{MethodName}:{source}", 0, double.NaN, 0, regions) { UpperBound = ZeroCountUpperBound68 * scale };
        return new BackgroundEstimate($"{MethodName}:{source}", count * scale, Math.Sqrt(count) * scale, 0, regions);
    }
}
