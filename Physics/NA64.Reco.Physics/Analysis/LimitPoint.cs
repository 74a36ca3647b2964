namespace NA64.Reco.Physics.Analysis;

/// <summary>One row of the limits table: m_A' [MeV], N_up at the CL of the table, and ε_90 (the summary's <c>limits</c> list).</summary>
public sealed record LimitPoint(double MassMeV, double NUp, double Epsilon90);
