namespace NA64.Reco.Physics.Analysis;

/// <summary>What the signal MC gives for one m_A': yield per EOT at ε = 1, Y(m), and the efficiency with its absolute uncertainty.</summary>
public sealed record SignalPoint(double MassMeV, double YieldPerEot, double Efficiency, double EfficiencyUncertainty)
{
    /// <summary>Relative uncertainty of Y at this mass; null: the flat <see cref="LimitInputs.YieldRelativeUncertainty"/>.</summary>
    public double? YieldRelativeUncertainty { get; init; }

    /// <summary>From an efficiency table: its Y(m), its final efficiency and the half-width of its 1σ interval.</summary>
    public static SignalPoint From(EfficiencyTable table) =>
        new(table.MassMeV, table.YieldPerEot, table.SignalEfficiency, table.SignalEfficiencyUncertainty);
}
