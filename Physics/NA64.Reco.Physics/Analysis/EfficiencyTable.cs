using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// Signal efficiency cut by cut for one m_A' and the yield per EOT at ε = 1, Y(m) = Σw(all) / EOT (physics.md §9),
/// from the merged summary of a signal sample. Uncertainties: weighted Clopper–Pearson with the effective entries of
/// the "all" row (<see cref="ClopperPearson.WeightedInterval"/>). A sample without weights falls back to plain counts.
/// </summary>
public sealed record EfficiencyTable(double MassMeV, double Eot, double YieldPerEot, IReadOnlyList<EfficiencyRow> Rows)
{
    /// <summary>Efficiency of the whole selection (the signal-box row).</summary>
    public double SignalEfficiency => Rows[^1].Efficiency;

    /// <summary>Half-width of the 1σ interval of <see cref="SignalEfficiency"/>.</summary>
    public double SignalEfficiencyUncertainty => 0.5 * (Rows[^1].Upper - Rows[^1].Lower);

    /// <param name="summary">Merged summary of the signal sample.</param>
    /// <param name="massMeV">m_A' of the sample.</param>
    /// <param name="eot">EOT the sample stands for; default <c>summary.Eot</c>.</param>
    public static EfficiencyTable From(EventSummary summary, double massMeV, double? eot = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var electrons = eot ?? summary.Eot;
        if (!(electrons > 0)) throw new ArgumentOutOfRangeException(nameof(eot), electrons, "the signal sample needs an EOT > 0");
        var count = CutNames.Count;
        var sumW = new double[count];
        var sumW2 = new double[count];
        for (var k = 0; k < count; k++)
        {
            sumW[k] = FixedPointWeight.ToDouble(summary.WeightedCutFlow[k]);
            sumW2[k] = FixedPointWeight.ToDouble(summary.WeightedSquaredCutFlow[k]);
        }
        var weighted = sumW[0] > 0 && sumW2[0] > 0;
        if (!weighted && summary.CutFlow[0] <= 0) throw new ArgumentException("the signal summary has no events", nameof(summary));
        var rows = new EfficiencyRow[count];
        for (var k = 0; k < count; k++)
        {
            var interval = weighted
                ? ClopperPearson.WeightedInterval(Math.Min(sumW[k], sumW[0]), sumW[0], sumW2[0])
                : ClopperPearson.Interval(summary.CutFlow[k], summary.CutFlow[0]);
            var previous = k == 0 ? 1 : (weighted ? sumW[k - 1] : summary.CutFlow[k - 1]);
            var current = weighted ? sumW[k] : summary.CutFlow[k];
            var step = k == 0 ? 1 : previous > 0 ? current / previous : 0;
            rows[k] = new EfficiencyRow(CutNames.Name((Cut)k), summary.CutFlow[k], sumW[k], interval.Estimate, interval.Lower, interval.Upper, step);
        }
        return new EfficiencyTable(massMeV, electrons, sumW[0] / electrons, rows);
    }
}
