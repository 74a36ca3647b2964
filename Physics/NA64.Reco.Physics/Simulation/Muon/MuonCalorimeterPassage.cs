using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>
/// A muon through the ECAL and the HCAL (physics.md §8c): its discrete transfers above <see cref="CutGeV"/> (knock-on
/// electrons, bremsstrahlung, pairs, photonuclear), each deposited in the calorimeter it happens in, and its range: a
/// muon whose CSDA range ends inside a module crosses that fraction of it and stops. Transfers below the cut and the
/// ionisation make the MIP peak the calorimeters are calibrated on. The ECAL is its absorber of the conditions over its
/// full depth; the HCAL is iron over its modules' interaction lengths, λ_I(Fe) = 132.1 g/cm² (PDG, atomic and nuclear
/// properties of materials), the scintillator's share of the mass neglected. A layer is crossed in steps that each
/// lose at most a tenth of the muon's energy on average: within a step the transfers are drawn at its entry energy, and
/// after it the muon has the CSDA energy of the rest of its range plus the transfers' mean minus the transfers it made
/// (never more than it had). Above the tables' top energy (twice the beam's, at least 256 GeV) a muon's transfers are
/// drawn at that energy: no beam of the conditions puts muons there but its far tails, and b(E) rises only slowly
/// (about 10% per doubling of E at 100 GeV, §8c). Shared tables; an instance is immutable and thread-safe.
/// </summary>
public sealed class MuonCalorimeterPassage
{
    /// <summary>Iron's nuclear interaction length in g/cm² (PDG).</summary>
    public const double IronInteractionLengthGPerCm2 = 132.1;

    /// <summary>
    /// Lowest muon energy tabulated. Below it no transfer passes a cut of at least <see cref="MinCutGeV"/>: a muon of
    /// 0.2 GeV can give a free electron 2.6 MeV at most and a photon 0.094 GeV, and makes no pair on lead or iron.
    /// </summary>
    public const double MinEnergyGeV = 0.2;

    /// <summary>The lowest cut between a transfer and the MIP signal that <see cref="MinEnergyGeV"/> allows.</summary>
    public const double MinCutGeV = 0.1;

    /// <summary>Each step of a layer loses at most this fraction of the muon's energy on average.</summary>
    private const double StepEnergyLoss = 0.1;

    /// <summary>Below this total energy (the muon's mass plus 10 MeV, where the range table starts) the muon is taken as stopped.</summary>
    private const double StoppedBelowGeV = APrime.MuonPairCrossSection.MuonMassGeV + 0.01;

    private readonly MuonTransferTable _ecal;
    private readonly MuonTransferTable _hcal;
    private readonly MuonStopping _ecalStopping;
    private readonly MuonStopping _hcalStopping;

    public MuonCalorimeterPassage(MuonAbsorber ecal, MuonMaterial hcalMaterial, int hcalModules, double hcalModuleGPerCm2,
        double cutGeV = 0.1, double maxEnergyGeV = 256)
    {
        ArgumentNullException.ThrowIfNull(ecal);
        ArgumentNullException.ThrowIfNull(hcalMaterial);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hcalModules);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hcalModuleGPerCm2);
        if (!(cutGeV >= MinCutGeV && cutGeV < MinEnergyGeV))
            throw new ArgumentOutOfRangeException(nameof(cutGeV), cutGeV, $"must be in [{MinCutGeV}, {MinEnergyGeV}) GeV");
        if (!(maxEnergyGeV > MinEnergyGeV)) throw new ArgumentOutOfRangeException(nameof(maxEnergyGeV), maxEnergyGeV, $"must be above {MinEnergyGeV} GeV");
        MaxEnergyGeV = maxEnergyGeV;
        Ecal = ecal;
        HcalMaterial = hcalMaterial;
        HcalModules = hcalModules;
        HcalModuleGPerCm2 = hcalModuleGPerCm2;
        CutGeV = cutGeV;
        _ecal = MuonTransferTable.Shared(ecal.Z, ecal.A, cutGeV, MinEnergyGeV, maxEnergyGeV);
        _hcal = MuonTransferTable.Shared(hcalMaterial.Z, hcalMaterial.A, cutGeV, MinEnergyGeV, maxEnergyGeV);
        _ecalStopping = MuonStopping.Of(ecal.Material);
        _hcalStopping = MuonStopping.Of(hcalMaterial);
    }

    /// <summary>
    /// The calorimeters of the conditions: the ECAL's absorber (its ionisation parameters from <see cref="MuonMaterial.Find"/>)
    /// over its depth in X₀, the HCAL's modules of iron.
    /// </summary>
    public static MuonCalorimeterPassage Of(DetectorConditions conditions, double cutGeV = 0.1)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var ap = conditions.APrime;
        var ecalMaterial = MuonMaterial.Find(ap.AbsorberZ)
            ?? throw new ConditionsException(conditions.Id, "aPrime.absorberZ", $"{ap.AbsorberZ}: no muon ionisation parameters for this element (tabulated: Fe, Pb)");
        var ecalDepth = (conditions.Ecal.PreshowerX0 + conditions.Ecal.MainX0) * ap.AbsorberX0Cm * ap.AbsorberDensityGPerCm3;
        return new MuonCalorimeterPassage(new MuonAbsorber("ECAL", ecalMaterial, ecalDepth), MuonMaterial.Iron,
            conditions.Hcal.Modules, conditions.Hcal.InteractionLengthsPerModule * IronInteractionLengthGPerCm2, cutGeV,
            Math.Max(256, 2 * conditions.Beam.EnergyGeV));
    }

    public MuonAbsorber Ecal { get; }
    public MuonMaterial HcalMaterial { get; }
    public int HcalModules { get; }
    public double HcalModuleGPerCm2 { get; }
    public double CutGeV { get; }
    /// <summary>The tables' top energy.</summary>
    public double MaxEnergyGeV { get; }

    /// <summary>
    /// The muon's transfers in <paramref name="thicknessGPerCm2"/> of the ECAL at total energy E (stopping short if its range
    /// is less), its energy after that thickness (0 when it stopped) and the fraction of the thickness it crossed.
    /// </summary>
    public (double TransfersGeV, double EnergyAfterGeV, double Traversed) CrossEcal(double energyGeV, double thicknessGPerCm2, ref EventRandom rng)
    {
        var (transfers, after) = Cross(_ecal, _ecalStopping, energyGeV, thicknessGPerCm2, ref rng, out var traversed);
        return (transfers, after, traversed);
    }

    /// <summary>
    /// The muon into the HCAL at total energy E: per module its transfers (GeV) and the fraction of the module it crossed
    /// (1, the part before it stopped, or 0 behind that); returns its energy after the last module (0 when it stopped).
    /// </summary>
    public double CrossHcal(double energyGeV, Span<double> transfersGeV, Span<double> traversed, ref EventRandom rng)
    {
        if (transfersGeV.Length < HcalModules || traversed.Length < HcalModules)
            throw new ArgumentException($"need {HcalModules} modules' room", nameof(transfersGeV));
        for (var m = 0; m < HcalModules; m++)
        {
            (transfersGeV[m], var after) = Cross(_hcal, _hcalStopping, energyGeV, HcalModuleGPerCm2, ref rng, out traversed[m]);
            energyGeV = after;
        }
        return energyGeV;
    }

    /// <summary>
    /// What a muon of <paramref name="incomingGeV"/> leaves beyond its MIP signal when it gives the fraction
    /// <paramref name="emittedFraction"/> of its energy there to an invisible particle at the fraction
    /// <paramref name="emissionDepth"/> of the ECAL's depth (a fraction 0 for a muon that emits nothing). Returns the ECAL's and the HCAL's transfers, whether the muon came out of the ECAL and its energy
    /// there (0 when it stopped; a muon that stops in the HCAL leaves its transfers up to that point).
    /// </summary>
    public (double EcalGeV, double HcalGeV, bool LeavesEcal, double OutgoingGeV) Deposits(double incomingGeV, double emissionDepth, double emittedFraction, ref EventRandom rng)
    {
        if (!(emissionDepth >= 0 && emissionDepth <= 1)) throw new ArgumentOutOfRangeException(nameof(emissionDepth), emissionDepth, "must be in [0, 1]");
        if (!(emittedFraction >= 0 && emittedFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(emittedFraction), emittedFraction, "must be in [0, 1]");
        var (before, energy, _) = CrossEcal(incomingGeV, emissionDepth * Ecal.ThicknessGPerCm2, ref rng);
        var (after, outgoing, _) = CrossEcal(energy * (1 - emittedFraction), (1 - emissionDepth) * Ecal.ThicknessGPerCm2, ref rng);
        if (!(outgoing > 0)) return (before + after, 0, false, 0);
        Span<double> transfers = stackalloc double[HcalModules];
        Span<double> traversed = stackalloc double[HcalModules];
        CrossHcal(outgoing, transfers, traversed, ref rng);
        var hcal = 0.0;
        foreach (var t in transfers) hcal += t;
        return (before + after, hcal, true, outgoing);
    }

    /// <summary>One layer, in steps (see the class remarks): the transfers over the part crossed, the energy after it (0: stopped).</summary>
    private (double TransfersGeV, double EnergyAfterGeV) Cross(MuonTransferTable table, MuonStopping stopping,
        double energyGeV, double thickness, ref EventRandom rng, out double traversed)
    {
        if (!(energyGeV > StoppedBelowGeV))
        {
            traversed = 0;
            return (0, 0);
        }
        traversed = 1;
        if (thickness <= 0) return (0, energyGeV);
        var total = 0.0;
        var remaining = thickness;
        while (true)
        {
            var range = stopping.Range(energyGeV);
            var step = Math.Min(remaining, range - stopping.Range((1 - StepEnergyLoss) * energyGeV));
            var stops = range <= step;
            if (stops) step = range;
            var at = Math.Min(energyGeV, MaxEnergyGeV);
            var transfers = energyGeV >= MinEnergyGeV
                ? Math.Min(table.Sample(at, step, ref rng).EnergyGeV, energyGeV - APrime.MuonPairCrossSection.MuonMassGeV)
                : 0;
            total += transfers;
            remaining -= step;
            if (!stops)
            {
                var mean = energyGeV >= MinEnergyGeV ? table.MeanEnergyPerGram(at) * step : 0;
                energyGeV = stopping.EnergyAtRange(range - step) + mean - transfers;
                stops = !(energyGeV > StoppedBelowGeV);
            }
            if (stops)
            {
                traversed = (thickness - remaining) / thickness;
                return (total, 0);
            }
            if (remaining <= 0) return (total, energyGeV);
        }
    }
}
