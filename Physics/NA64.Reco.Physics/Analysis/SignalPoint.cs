using NA64.Reco.Physics.Simulation.ZPrime;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// What the signal MC gives for one mass: the yield per particle on target at unit coupling, Y(m) (per EOT at ε = 1 for
/// an A', per MOT at g = 1 for a Z'), and the efficiency with its absolute uncertainty. <see cref="LimitTable"/> turns it
/// into the coupling excluded at 90% CL, ε_90 or g_90 alike: the expected signal is exposure · coupling² · Y · eff.
/// </summary>
public sealed record SignalPoint(double MassMeV, double YieldPerEot, double Efficiency, double EfficiencyUncertainty)
{
    /// <summary>Relative uncertainty of Y at this mass; null: the flat <see cref="LimitInputs.YieldRelativeUncertainty"/>.</summary>
    public double? YieldRelativeUncertainty { get; init; }

    /// <summary>From an efficiency table: its Y(m), its final efficiency and the half-width of its 1σ interval.</summary>
    public static SignalPoint From(EfficiencyTable table) =>
        new(table.MassMeV, table.YieldPerEot, table.SignalEfficiency, table.SignalEfficiencyUncertainty);

    /// <summary>
    /// A Z' of NA64μ (physics.md §8b): the emitter's yield per MOT per g² times BR(Z' → invisible) (the signal is missing
    /// energy; above 2m_μ the Z' → μ⁺μ⁻ decays are not), with the 2% yield uncertainty of DMG4's Weizsäcker–Williams
    /// cross-sections against the exact tree level (DMG4 history, v1.0).
    /// </summary>
    public static SignalPoint ForZPrime(ZPrimeEmitter emitter, double efficiency, double efficiencyUncertainty)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        var yield = emitter.YieldPerMotPerCouplingSquared * ZPrimeDecay.InvisibleBranchingRatio(emitter.MassMeV * 1e-3);
        return new SignalPoint(emitter.MassMeV, yield, efficiency, efficiencyUncertainty) { YieldRelativeUncertainty = ZPrimeYieldRelativeUncertainty };
    }

    /// <summary>Relative uncertainty of the Z' yield: DMG4's WW cross-sections agree with the exact tree level to 1–2%.</summary>
    public const double ZPrimeYieldRelativeUncertainty = 0.02;
}
