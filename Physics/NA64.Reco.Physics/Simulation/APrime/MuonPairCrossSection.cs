namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// γZ → μ⁺μ⁻Z total cross-section per atom: the Bethe–Heitler pair cross-section scaled by (m_e/m_μ)², with the
/// threshold and nuclear-size saturation of the parametrisation of Burkhardt, Kelner and Kokoulin
/// (CERN-SL-2002-016, CLIC note 511; the one of Geant4's G4GammaConversionToMuons).
/// </summary>
public static class MuonPairCrossSection
{
    /// <summary>Muon mass in GeV.</summary>
    public const double MuonMassGeV = 0.1056583755;
    /// <summary>Classical electron radius in cm.</summary>
    public const double ElectronRadiusCm = 2.8179403262e-13;
    /// <summary>Photon energy below which the parametrisation is zero (4 m_μ).</summary>
    public const double ThresholdGeV = 4 * MuonMassGeV;

    /// <summary>
    /// σ(k) in cm² per atom = (7/9) · 4αZ² r_μ² · ln(1 + W_M C(k) k_eff), r_μ = r_e m_e/m_μ, with
    /// k_eff = (1 − 4m_μ/k)^t · (W_sat^p + k^p)^(1/p), p = −0.88 (threshold and saturation).
    /// </summary>
    public static double CrossSectionCm2(double photonEnergyGeV, int z, double a)
    {
        if (!(photonEnergyGeV > ThresholdGeV)) return 0;
        const double b = 183.0;
        const double powSat = -0.88;
        var dn = 1.54 * Math.Pow(a, 0.27);
        var zThird = Math.Cbrt(1.0 / z);
        var wInfinity = b * zThird * MuonMassGeV / (dn * APrimeCrossSection.ElectronMassGeV);
        var wMed = 1 / (4 * dn * Math.Sqrt(Math.E) * MuonMassGeV);
        var wSat = wInfinity / wMed;
        var rMu = ElectronRadiusCm * APrimeCrossSection.ElectronMassGeV / MuonMassGeV;
        var sigmaFactor = 4 * APrimeCrossSection.Alpha * z * z * rMu * rMu;
        var powThreshold = 1.479 + 0.00799 * dn;
        var eCorGeV = (-18.0 + 4347.0 / (b * zThird)) * 1e-3; // the parametrisation's constant is in MeV
        var correction = 1 + 0.04 * Math.Log(1 + eCorGeV / photonEnergyGeV);
        var kEff = Math.Pow(1 - ThresholdGeV / photonEnergyGeV, powThreshold)
                   * Math.Pow(Math.Pow(wSat, powSat) + Math.Pow(photonEnergyGeV, powSat), 1 / powSat);
        return 7.0 / 9.0 * sigmaFactor * Math.Log(1 + wMed * correction * kEff);
    }
}
