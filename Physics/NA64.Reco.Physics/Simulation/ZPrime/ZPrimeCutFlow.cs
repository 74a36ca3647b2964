namespace NA64.Reco.Physics.Simulation.ZPrime;

/// <summary>Forced Z' emissions through the muon programme's cuts: how many pass each cut, in the selection's order.</summary>
/// <param name="Cuts">The cuts' names.</param>
/// <param name="Emitted">Emissions simulated (each with x ≥ 1 − p_max/E₀, the yield's lower bound).</param>
/// <param name="PassedAfter">Events left after each cut.</param>
public sealed record ZPrimeCutFlow(IReadOnlyList<string> Cuts, int Emitted, IReadOnlyList<int> PassedAfter)
{
    /// <summary>The fraction that passes every cut.</summary>
    public double Efficiency => (double)PassedAfter[^1] / Emitted;

    /// <summary>Its binomial standard error.</summary>
    public double Uncertainty => Math.Sqrt(Efficiency * (1 - Efficiency) / Emitted);
}
