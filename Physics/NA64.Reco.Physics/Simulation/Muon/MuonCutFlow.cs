using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>Simulated muon events through the muon programme's cuts: how many pass each cut, in the selection's order.</summary>
/// <param name="Cuts">The cuts' names.</param>
/// <param name="Events">Events simulated (for a Z' sample each with a forced emission of x ≥ the emitter's x_min).</param>
/// <param name="PassedAfter">Events left after each cut.</param>
public sealed record MuonCutFlow(IReadOnlyList<string> Cuts, long Events, IReadOnlyList<long> PassedAfter)
{
    /// <summary>The cut-flow in <paramref name="summary"/>'s muon counts, for the selection of <paramref name="cuts"/>.</summary>
    public static MuonCutFlow Of(EventSummary summary, IReadOnlyList<string> cuts)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(cuts);
        if (cuts.Count > EventSummary.MuonCutSlots) throw new ArgumentException($"a summary holds {EventSummary.MuonCutSlots} muon cuts at most, not {cuts.Count}", nameof(cuts));
        return new MuonCutFlow(cuts, summary.MuonEvents, [.. summary.MuonPassedAfter.Take(cuts.Count)]);
    }

    /// <summary>The fraction that passes every cut.</summary>
    public double Efficiency => (double)PassedAfter[^1] / Events;

    /// <summary>
    /// Its uncertainty as the invisible mode's efficiency tables give theirs: half the 68% Clopper–Pearson interval
    /// (physics.md §9).
    /// </summary>
    public double Uncertainty
    {
        get
        {
            var interval = ClopperPearson.Interval(PassedAfter[^1], Events);
            return 0.5 * (interval.Upper - interval.Lower);
        }
    }

    /// <summary>The cut-flow of both sets of events (same cuts): integer sums, so any split merges to the same counts.</summary>
    public MuonCutFlow Merge(MuonCutFlow other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!Cuts.SequenceEqual(other.Cuts)) throw new ArgumentException($"cut-flows of different cuts: [{string.Join(", ", Cuts)}] and [{string.Join(", ", other.Cuts)}]", nameof(other));
        if (PassedAfter.Count != Cuts.Count || other.PassedAfter.Count != Cuts.Count) throw new ArgumentException("a cut-flow needs one count per cut", nameof(other));
        return new MuonCutFlow(Cuts, checked(Events + other.Events), [.. PassedAfter.Zip(other.PassedAfter, (a, b) => checked(a + b))]);
    }
}
