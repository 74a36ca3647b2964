using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>
/// A muon's mean energy loss and its range in one element (physics.md §8c). The electronic loss a(E) is Bethe's mean
/// with the density effect and the spin-½ term (PDG, "Passage of particles through matter": −dE/dx = K (Z/A)/β²
/// [½ ln(2m_e β²γ² W_max/I²) − β² − δ/2 + W_max²/8E²]); the radiative b(E)E is the sum of the three radiative processes of
/// <see cref="MuonTransferCrossSection"/>. The CSDA range R(E) = ∫ dE/(a + bE) is tabulated from 10 MeV kinetic energy
/// (below it a muon has less than 1 g/cm² to go) on 32 nodes per e-fold of the kinetic energy, and read in either
/// direction by interpolation in ln T. Shared per material, immutable, thread-safe.
/// </summary>
public sealed class MuonStopping
{
    private const double K = 0.307075e-3; // GeV cm²/mol (PDG)
    private const double Me = APrimeCrossSection.ElectronMassGeV;
    private const double Mmu = MuonPairCrossSection.MuonMassGeV;
    private const double MinKineticGeV = 0.01, MaxKineticGeV = 5000;
    private const int NodesPerEFold = 32;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<MuonMaterial, Lazy<MuonStopping>> s_shared = new();

    private readonly double _lnMinKinetic;
    private readonly double[] _range;

    private MuonStopping(MuonMaterial material)
    {
        Material = material;
        _lnMinKinetic = Math.Log(MinKineticGeV);
        var nodes = (int)Math.Ceiling((Math.Log(MaxKineticGeV) - _lnMinKinetic) * NodesPerEFold) + 1;
        _range = new double[nodes];
        // ∫ dT/(dE/dx) in u = ln T: ∫ T du / (dE/dx), Simpson on each step.
        var h = 1.0 / NodesPerEFold;
        double Integrand(double u)
        {
            var t = Math.Exp(u);
            return t / TotalLoss(t + Mmu);
        }
        for (var k = 1; k < nodes; k++)
        {
            var u0 = _lnMinKinetic + (k - 1) * h;
            _range[k] = _range[k - 1] + h / 6 * (Integrand(u0) + 4 * Integrand(u0 + 0.5 * h) + Integrand(u0 + h));
        }
    }

    /// <summary>The table of one material, built once per process.</summary>
    public static MuonStopping Of(MuonMaterial material) => s_shared.GetOrAdd(material, m => new Lazy<MuonStopping>(() => new MuonStopping(m))).Value;

    public MuonMaterial Material { get; }

    /// <summary>a(E): Bethe's mean electronic loss in GeV cm²/g at total energy E.</summary>
    public double ElectronicLoss(double energyGeV)
    {
        var gamma = energyGeV / Mmu;
        var betaGamma2 = gamma * gamma - 1;
        var beta2 = betaGamma2 / (gamma * gamma);
        var ratio = Me / Mmu;
        var wMax = 2 * Me * betaGamma2 / (1 + 2 * gamma * ratio + ratio * ratio);
        var excitation = Material.ExcitationEnergyEv * 1e-9;
        var delta = Material.DensityEffect(0.5 * Math.Log10(betaGamma2));
        var bracket = 0.5 * Math.Log(2 * Me * betaGamma2 * wMax / (excitation * excitation)) - beta2 - 0.5 * delta
                      + wMax * wMax / (8 * energyGeV * energyGeV);
        return K * Material.Z / Material.A / beta2 * bracket;
    }

    /// <summary>a(E) + b(E)E in GeV cm²/g.</summary>
    public double TotalLoss(double energyGeV)
    {
        var radiative = 0.0;
        foreach (var process in (ReadOnlySpan<MuonProcess>)[MuonProcess.Bremsstrahlung, MuonProcess.PairProduction, MuonProcess.PhotoNuclear])
            radiative += MuonTransferCrossSection.EnergyLossCoefficient(process, energyGeV, Material.Z, Material.A);
        return ElectronicLoss(energyGeV) + radiative * energyGeV;
    }

    /// <summary>The CSDA range in g/cm² of a muon of total energy E (0 at or below 10 MeV kinetic energy).</summary>
    public double Range(double energyGeV)
    {
        var kinetic = energyGeV - Mmu;
        if (!(kinetic > MinKineticGeV)) return 0;
        var position = (Math.Log(kinetic) - _lnMinKinetic) * NodesPerEFold;
        if (position >= _range.Length - 1) throw new ArgumentOutOfRangeException(nameof(energyGeV), energyGeV, $"above the table's {MaxKineticGeV} GeV");
        var k = (int)position;
        var f = position - k;
        return _range[k] + f * (_range[k + 1] - _range[k]);
    }

    /// <summary>The total energy of a muon with <paramref name="rangeGPerCm2"/> left to go: the inverse of <see cref="Range"/>.</summary>
    public double EnergyAtRange(double rangeGPerCm2)
    {
        if (!(rangeGPerCm2 > 0)) return Mmu + MinKineticGeV;
        int lo = 0, hi = _range.Length - 1;
        if (rangeGPerCm2 >= _range[hi]) throw new ArgumentOutOfRangeException(nameof(rangeGPerCm2), rangeGPerCm2, "beyond the table");
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            if (_range[mid] <= rangeGPerCm2) lo = mid;
            else hi = mid;
        }
        var f = (rangeGPerCm2 - _range[lo]) / (_range[hi] - _range[lo]);
        return Math.Exp(_lnMinKinetic + (lo + f) / NodesPerEFold) + Mmu;
    }
}
