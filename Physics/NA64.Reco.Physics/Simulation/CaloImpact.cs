namespace NA64.Reco.Physics.Simulation;

/// <summary>Where the particle meets the ECAL and HCAL front faces (mm).</summary>
internal readonly record struct CaloImpact(double EcalXMm, double EcalYMm, double HcalXMm, double HcalYMm);
