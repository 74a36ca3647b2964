namespace NA64.Reco.Physics.Detector;

/// <summary>A calorimeter's energy resolution σ_E/E = a/√E ⊕ b (E in GeV), as its conditions or setup give a and b.</summary>
public static class EnergyResolution
{
    /// <summary>σ_E in GeV at <paramref name="energyGeV"/> (0 for no energy).</summary>
    public static double Sigma(double stochastic, double constant, double energyGeV) =>
        energyGeV <= 0 ? 0 : energyGeV * Math.Sqrt(stochastic * stochastic / energyGeV + constant * constant);
}
