namespace NA64.Reco.Physics.Statistics;

/// <summary>How an upper limit on a Poisson signal is computed (docs/statistics.md).</summary>
public enum LimitMethod
{
    /// <summary>Modified frequentist CLs (Read 2002; Junk 1999): the default.</summary>
    Cls,
    /// <summary>Feldman–Cousins unified intervals with likelihood-ratio ordering (PRD 57, 3873, 1998).</summary>
    FeldmanCousins,
    /// <summary>Classical (Neyman) one-sided upper limit: P(n' ≤ n | s + b) = 1 − CL.</summary>
    Classical,
}
