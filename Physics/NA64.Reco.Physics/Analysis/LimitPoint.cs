namespace NA64.Reco.Physics.Analysis;

/// <summary>One row of the limits table: m_A' [MeV], N_up at the CL of the table, and ε_90 (the summary's <c>limits</c> list).</summary>
public sealed record LimitPoint(double MassMeV, double NUp, double Epsilon90)
{
    /// <summary>The relative uncertainty of the A' yield this mass's N_up was computed with.</summary>
    public double YieldRelativeUncertainty { get; init; }

    /// <summary>The signal-scale uncertainty of N_up: yield ⊕ efficiency ⊕ EOT.</summary>
    public double SignalRelativeUncertainty { get; init; }

    /// <summary>m_χ = m_A'/3 of the light-dark-matter benchmark (<see cref="LightDarkMatter"/>).</summary>
    public double MassChiMeV => LightDarkMatter.MassChiMeV(MassMeV);

    /// <summary>y_90 = ε_90² α_D (m_χ/m_A')⁴ for m_A' = 3 m_χ.</summary>
    public double Y90(double alphaD) => LightDarkMatter.Y(Epsilon90, alphaD);
}
