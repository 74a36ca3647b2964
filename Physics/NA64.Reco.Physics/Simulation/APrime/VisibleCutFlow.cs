using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// Simulated X emissions of a visible-programme setup through its cuts (physics.md §8a): the sum of their emission
/// weights before the cuts and after each, in the selection's order, and of the weights' squares.
/// </summary>
/// <param name="Cuts">The cuts' names.</param>
/// <param name="Events">Emissions simulated.</param>
/// <param name="WeightAfter">Σ w of all the emissions, then of those left after each cut (one more than <paramref name="Cuts"/>).</param>
/// <param name="SquaredWeightAfter">Σ w² of the same.</param>
public sealed record VisibleCutFlow(IReadOnlyList<string> Cuts, long Events, IReadOnlyList<double> WeightAfter, IReadOnlyList<double> SquaredWeightAfter)
{
    /// <summary>The cut-flow in <paramref name="summary"/>'s visible sums, for the selection of <paramref name="cuts"/>.</summary>
    public static VisibleCutFlow Of(EventSummary summary, IReadOnlyList<string> cuts)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(cuts);
        if (cuts.Count > EventSummary.VisibleCutSlots) throw new ArgumentException($"a summary holds {EventSummary.VisibleCutSlots} visible cuts at most, not {cuts.Count}", nameof(cuts));
        return new VisibleCutFlow(cuts, summary.VisibleEvents,
            [.. summary.VisibleWeightAfter.Take(cuts.Count + 1).Select(FixedPointWeight.ToDouble)],
            [.. summary.VisibleSquaredWeightAfter.Take(cuts.Count + 1).Select(FixedPointWeight.ToDouble)]);
    }

    /// <summary>The weighted share of the emissions left after cut <paramref name="cut"/> (−1: before any, 1).</summary>
    public double FractionAfter(int cut) => WeightAfter[0] > 0 ? WeightAfter[cut + 1] / WeightAfter[0] : 0;

    /// <summary>The weighted share that passes every cut.</summary>
    public double Efficiency => FractionAfter(Cuts.Count - 1);

    /// <summary>
    /// Its uncertainty as the invisible mode's weighted efficiency tables give theirs: half the 68% Clopper–Pearson
    /// interval at the effective number of emissions (Σw)²/Σw² (physics.md §9).
    /// </summary>
    public double Uncertainty
    {
        get
        {
            if (!(WeightAfter[0] > 0 && SquaredWeightAfter[0] > 0)) return double.NaN;
            var interval = ClopperPearson.WeightedInterval(Math.Min(WeightAfter[^1], WeightAfter[0]), WeightAfter[0], SquaredWeightAfter[0]);
            return 0.5 * (interval.Upper - interval.Lower);
        }
    }
}
