using System.Globalization;
using System.Text;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// Per-source background from the MC truth of a simulated sample (physics.md §8): the weighted MC events in the signal
/// box of each <see cref="TruthFlags"/> source, scaled to the data EOT: expected = Σw × EOT_data / EOT_MC, stat = √Σw²
/// × the same scale, so that a biased sample (each event of its forced process weighted by its true probability over
/// the forced one) gives the unbiased expectation with its correct error, and an unbiased one (w = 1) its count. A zero
/// count gives no estimate but an upper bound: b ∈ [0, 1.148 × w̄ × the scale], 1.148 being the 68% CL Poisson upper
/// bound of zero events (<see cref="BackgroundEstimate.UpperBound"/>) and w̄ the mean weight of the sample's events of
/// that source (1 when it has none). The exposure a source reached is EOT_MC / w̄
/// (<see cref="BackgroundEstimate.EquivalentEot"/>). An event with several flags counts under its one
/// <see cref="PrimarySource"/>, so the sources' Σw add up to <see cref="Total"/>'s.
/// </summary>
public static class SourceBackground
{
    public const string MethodName = "mc-truth";

    /// <summary>One-sided 68.27% CL upper limit for zero observed Poisson events: −ln(1 − 0.6827).</summary>
    public static readonly double ZeroCountUpperBound68 = -Math.Log(1 - Statistics.ClopperPearson.OneSigma);

    /// <summary>
    /// One estimate per defined source of <paramref name="summary"/>, in bit order, then "none" (the last slot); undefined
    /// bits appear only when they hold events.
    /// </summary>
    public static IReadOnlyList<BackgroundEstimate> PerSource(EventSummary summary, double eotMc, double eotData)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var result = new List<BackgroundEstimate>(EventSummary.SourceSlots);
        for (var i = 0; i < EventSummary.SourceSlots; i++)
        {
            if (!IsNamedSlot(i, EventSummary.SourceSlots) && summary.SourceEvents[i] == 0) continue;
            result.Add(ForSlot(summary, i, eotMc, eotData));
        }
        return result;
    }

    /// <summary>The estimate of source slot <paramref name="slot"/> alone, as <see cref="PerSource"/> gives it.</summary>
    public static BackgroundEstimate ForSlot(EventSummary summary, int slot, double eotMc, double eotData)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, EventSummary.SourceSlots);
        var meanWeight = summary.SourceEvents[slot] == 0 ? 1 : FixedPointWeight.ToDouble(summary.WeightedSourceEvents[slot]) / summary.SourceEvents[slot];
        return Scaled(SourceName(slot, EventSummary.SourceSlots), summary.SourceInSignalBox[slot], FixedPointWeight.ToDouble(summary.WeightedSourceInSignalBox[slot]),
            FixedPointWeight.ToDouble(summary.WeightedSquaredSourceInSignalBox[slot]), meanWeight, eotMc, eotData);
    }

    /// <summary>All MC events in the signal box (e.g. the signal-box row of the cut-flow) scaled to the data EOT.</summary>
    public static BackgroundEstimate Total(EventSummary summary, double eotMc, double eotData)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var box = (int)Cut.SignalBox;
        var all = (int)Cut.All;
        var meanWeight = summary.CutFlow[all] == 0 ? 1 : FixedPointWeight.ToDouble(summary.WeightedCutFlow[all]) / summary.CutFlow[all];
        return Scaled("all", summary.CutFlow[box], FixedPointWeight.ToDouble(summary.WeightedCutFlow[box]),
            FixedPointWeight.ToDouble(summary.WeightedSquaredCutFlow[box]), meanWeight, eotMc, eotData);
    }

    /// <summary>Whether slot <paramref name="index"/> of <paramref name="count"/> is a defined <see cref="TruthFlags"/> bit or the last ("none").</summary>
    public static bool IsNamedSlot(int index, int count) => index == count - 1 || (index < 16 && Enum.IsDefined((TruthFlags)(1 << index)));

    /// <summary>Name of entry <paramref name="index"/>: the kebab-case flag name ("decay-in-flight"), "bitN" if undefined, "none" for the last.</summary>
    public static string SourceName(int index, int count)
    {
        if (index == count - 1) return "none";
        if (!IsNamedSlot(index, count)) return $"bit{index}";
        var name = ((TruthFlags)(1 << index)).ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    private static BackgroundEstimate Scaled(string source, long count, double sumW, double sumW2, double meanWeight, double eotMc, double eotData)
    {
        if (!(eotMc > 0)) throw new ArgumentOutOfRangeException(nameof(eotMc), eotMc, "MC EOT must be > 0");
        if (!(eotData > 0)) throw new ArgumentOutOfRangeException(nameof(eotData), eotData, "data EOT must be > 0");
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be >= 0");
        var scale = eotData / eotMc;
        var reached = eotMc / meanWeight;
        RegionCount[] regions = [new RegionCount(source, count, string.Create(CultureInfo.InvariantCulture,
            $"MC events of source '{source}' in the signal box, sum of weights {sumW:G6}, EOT_MC = {eotMc:G6}, equivalent EOT of the source {reached:G6}"))];
        if (count == 0)
            return new BackgroundEstimate($"{MethodName}:{source}", 0, double.NaN, 0, regions) { UpperBound = ZeroCountUpperBound68 * meanWeight * scale, EquivalentEot = reached };
        return new BackgroundEstimate($"{MethodName}:{source}", sumW * scale, Math.Sqrt(sumW2) * scale, 0, regions) { EquivalentEot = reached };
    }
}
