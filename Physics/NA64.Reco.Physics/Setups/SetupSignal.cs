using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Setups;

/// <summary>The signal model a setup searches for and the points it is evaluated at (docs/setups.md, "signal").</summary>
/// <param name="Model">The model: <c>zprime</c> (a vector Z' of L_μ − L_τ, physics.md §8b) for the muon programme,
/// <c>x</c> (an X/A' that couples to electrons with strength ε and decays to e⁺e⁻, physics.md §8a) for the visible one.</param>
/// <param name="MassesMeV">The masses of the limit, 1 to 64 of them, each &gt; 0.</param>
/// <param name="ProjectedExposures">Exposures the limit is projected to (particles on target), each &gt; 0.</param>
public sealed record SetupSignal(string Model, double[] MassesMeV, double[]? ProjectedExposures = null)
{
    /// <summary>The projections, empty when the document gives none.</summary>
    public IReadOnlyList<double> Projections => ProjectedExposures ?? [];

    internal void Validate(ConditionsValidator v, string expectedModel)
    {
        if (Model != expectedModel) throw v.Fail("signal.model", $"must be '{expectedModel}' for this programme, got '{Model}'");
        v.Count("signal.massesMeV (count)", MassesMeV.Length, 1, 64);
        for (var i = 0; i < MassesMeV.Length; i++) v.InRange($"signal.massesMeV[{i}]", MassesMeV[i], 1e-3, 1e5);
        var projections = Projections;
        v.Count("signal.projectedExposures (count)", projections.Count, 0, 16);
        for (var i = 0; i < projections.Count; i++) v.InRange($"signal.projectedExposures[{i}]", projections[i], 1, 1e16);
    }
}
