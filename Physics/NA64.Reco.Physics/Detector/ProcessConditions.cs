namespace NA64.Reco.Physics.Detector;

/// <summary>Rates of rare processes simulated in beam samples (physics.md §4).</summary>
public sealed record ProcessConditions
{
    /// <summary>e⁻Z → e⁻Zμ⁺μ⁻ probability per electron on target.</summary>
    public required double DimuonPerEot { get; init; }
    /// <summary>Fraction of hadrons that cross ECAL and HCAL without a nuclear interaction.</summary>
    public required double HadronPunchThroughFraction { get; init; }

    internal void Validate(ConditionsValidator v)
    {
        v.Fraction("processes.dimuonPerEot", DimuonPerEot);
        v.Fraction("processes.hadronPunchThroughFraction", HadronPunchThroughFraction);
    }
}
