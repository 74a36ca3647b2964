using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>
/// What a muon leaves in the ECAL and the HCAL beyond its MIP signal (physics.md §8c): the summed discrete transfers
/// above <see cref="CutGeV"/> (knock-on electrons, bremsstrahlung, pairs, photonuclear), each deposited in the calorimeter
/// it happens in. Transfers below the cut and the ionisation make the MIP peak the calorimeters are calibrated on; their
/// spread (a Gaussian of a few per cent of the MIP for these thicknesses) is not drawn here. The ECAL is its absorber of
/// the conditions (lead, <c>aPrime</c> section) over its full depth; the HCAL is iron over its modules' interaction lengths,
/// λ_I(Fe) = 132.1 g/cm² (PDG, atomic and nuclear properties of materials), the scintillator's share of the mass
/// neglected. A muon that emits a Z' in the ECAL crosses the part before the emission at the beam energy and the rest,
/// and the HCAL, at its energy after it.
/// </summary>
public sealed class MuonCalorimeterPassage
{
    /// <summary>Iron: Z, A (g/mol) and nuclear interaction length (g/cm²), PDG.</summary>
    public const int IronZ = 26;
    public const double IronA = 55.845, IronInteractionLengthGPerCm2 = 132.1;

    /// <summary>
    /// Lowest muon energy tabulated. Below it no transfer passes a cut of at least <see cref="MinCutGeV"/>: a muon of
    /// 0.2 GeV can give a free electron 2.6 MeV at most and a photon 0.094 GeV, and makes no pair on lead or iron.
    /// </summary>
    public const double MinEnergyGeV = 0.2;

    /// <summary>The lowest cut between a transfer and the MIP signal that <see cref="MinEnergyGeV"/> allows.</summary>
    public const double MinCutGeV = 0.1;

    private readonly MuonTransferTable _ecal;
    private readonly MuonTransferTable _hcal;

    public MuonCalorimeterPassage(MuonAbsorber ecal, MuonAbsorber hcal, double cutGeV = 0.1, double maxEnergyGeV = 256)
    {
        ArgumentNullException.ThrowIfNull(ecal);
        ArgumentNullException.ThrowIfNull(hcal);
        if (!(cutGeV >= MinCutGeV && cutGeV < MinEnergyGeV))
            throw new ArgumentOutOfRangeException(nameof(cutGeV), cutGeV, $"must be in [{MinCutGeV}, {MinEnergyGeV}) GeV");
        Ecal = ecal;
        Hcal = hcal;
        CutGeV = cutGeV;
        _ecal = new MuonTransferTable(ecal.Z, ecal.A, cutGeV, MinEnergyGeV, maxEnergyGeV);
        _hcal = new MuonTransferTable(hcal.Z, hcal.A, cutGeV, MinEnergyGeV, maxEnergyGeV);
    }

    /// <summary>The calorimeters of the conditions: the ECAL's absorber over its depth in X₀, the HCAL's modules of iron.</summary>
    public static MuonCalorimeterPassage Of(DetectorConditions conditions, double cutGeV = 0.1)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var ap = conditions.APrime;
        var ecalDepth = (conditions.Ecal.PreshowerX0 + conditions.Ecal.MainX0) * ap.AbsorberX0Cm * ap.AbsorberDensityGPerCm3;
        var hcalDepth = conditions.Hcal.Modules * conditions.Hcal.InteractionLengthsPerModule * IronInteractionLengthGPerCm2;
        return new MuonCalorimeterPassage(
            new MuonAbsorber("ECAL", ap.AbsorberZ, ap.AbsorberA, ecalDepth),
            new MuonAbsorber("HCAL", IronZ, IronA, hcalDepth), cutGeV);
    }

    public MuonAbsorber Ecal { get; }
    public MuonAbsorber Hcal { get; }
    public double CutGeV { get; }

    /// <summary>
    /// The energies above the MIP left in the ECAL and the HCAL by a muon of <paramref name="incomingGeV"/> that leaves the
    /// ECAL with <paramref name="outgoingGeV"/> after a change at the fraction <paramref name="emissionDepth"/> of its depth
    /// (a muon without one: outgoing = incoming, any depth).
    /// </summary>
    public (double EcalGeV, double HcalGeV) Deposits(double incomingGeV, double emissionDepth, double outgoingGeV, ref EventRandom rng)
    {
        if (!(emissionDepth >= 0 && emissionDepth <= 1)) throw new ArgumentOutOfRangeException(nameof(emissionDepth), emissionDepth, "must be in [0, 1]");
        var ecal = Transfers(_ecal, incomingGeV, emissionDepth * Ecal.ThicknessGPerCm2, ref rng)
                   + Transfers(_ecal, outgoingGeV, (1 - emissionDepth) * Ecal.ThicknessGPerCm2, ref rng);
        var hcal = Transfers(_hcal, outgoingGeV, Hcal.ThicknessGPerCm2, ref rng);
        return (ecal, hcal);
    }

    private static double Transfers(MuonTransferTable table, double energyGeV, double thickness, ref EventRandom rng) =>
        energyGeV < MinEnergyGeV || thickness <= 0 ? 0 : table.Sample(energyGeV, thickness, ref rng).EnergyGeV;
}
