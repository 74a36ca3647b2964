using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Reconstruction;

/// <summary>
/// ECAL and HCAL reconstruction (physics.md §6): totals per section and module, the ECAL cluster of 3 × 3 cells
/// around the maximum, its centre (linear centre of gravity corrected through <see cref="EcalShowerProfile"/>),
/// the shower-shape χ² of the 3 × 3 energies against the expected profile at that centre, and the dispersion.
/// The χ² error per cell combines noise (both sections, plus the zero-suppression step), the stochastic and
/// constant terms applied to the expected cell energy (sampling fluctuates cell by cell), and
/// <see cref="ProfileUncertainty"/> of it for the model; χ² is divided by its dof (cells − 3: energy and centre).
/// Showers whose cells fluctuate by a/√E_cell give ~1 per dof; the fast simulation, which fluctuates only the total,
/// gives ~0.1 (noise alone in σ would give ~3, from interpolation differences between the two profile tables).
/// </summary>
public sealed class CaloClusterer
{
    /// <summary>
    /// Relative error of the expected cell energy from the profile model itself (table interpolation, centre estimate).
    /// </summary>
    public const double ProfileUncertainty = 0.01;

    private readonly DetectorGeometry _geometry;
    private readonly EcalShowerProfile _profile;
    private readonly int _nx, _ny, _ecalCells;
    private readonly double _cellMm;
    private readonly double[] _cellX, _cellY;
    private readonly double _noise2GeV2, _stochastic2, _constant2;
    private readonly int _hcalModules, _hcalCellsPerModule;
    private readonly double[] _energy;
    private readonly double[] _expected = new double[9];

    public CaloClusterer(DetectorConditions conditions)
    {
        _geometry = new DetectorGeometry(conditions);
        var ecal = conditions.Ecal;
        _profile = new EcalShowerProfile(ecal);
        _nx = ecal.Nx;
        _ny = ecal.Ny;
        _ecalCells = ecal.Cells;
        _cellMm = ecal.CellMm;
        _cellX = new double[_ecalCells];
        _cellY = new double[_ecalCells];
        for (var iy = 0; iy < _ny; iy++)
        for (var ix = 0; ix < _nx; ix++)
            (_cellX[iy * _nx + ix], _cellY[iy * _nx + ix]) = _geometry.EcalCellCentre(ix, iy);
        var noiseGeV = ecal.NoiseMeV * 1e-3;
        var zsGeV = ecal.ZeroSuppressionMeV * 1e-3;
        _noise2GeV2 = 2 * noiseGeV * noiseGeV + zsGeV * zsGeV / 12;
        _stochastic2 = ecal.Stochastic * ecal.Stochastic;
        _constant2 = ecal.Constant * ecal.Constant + ProfileUncertainty * ProfileUncertainty;
        _hcalModules = conditions.Hcal.Modules;
        _hcalCellsPerModule = conditions.Hcal.CellsPerModule;
        _energy = new double[_ecalCells];
    }

    public EcalShowerProfile Profile => _profile;

    /// <summary>Fills the ECAL quantities of <paramref name="into"/>.</summary>
    public void ReconstructEcal(RawEvent raw, RecoEvent into)
    {
        var pre = raw.EcalPreshowerKeV;
        var main = raw.EcalMainKeV;
        long preSum = 0, mainSum = 0;
        int max = -1, maxKeV = 0;
        for (var i = 0; i < _ecalCells; i++)
        {
            int p = pre[i], m = main[i], e = p + m;
            preSum += p;
            mainSum += m;
            _energy[i] = e * 1e-6;
            if (e > maxKeV) { maxKeV = e; max = i; }
        }
        into.EcalPreshowerGeV = preSum / 1e6;
        into.EcalMainGeV = mainSum / 1e6;
        into.EcalTotalGeV = (preSum + mainSum) / 1e6;
        into.EcalMaxCell = max;
        if (max < 0) return;
        into.EcalMaxCellGeV = _energy[max];

        int mx = max % _nx, my = max / _nx;
        double sum = 0, sx = 0, sy = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            var iy = my + dy;
            if ((uint)iy >= (uint)_ny) continue;
            for (var dx = -1; dx <= 1; dx++)
            {
                var ix = mx + dx;
                if ((uint)ix >= (uint)_nx) continue;
                var e = _energy[iy * _nx + ix];
                sum += e;
                sx += e * dx;
                sy += e * dy;
            }
        }
        into.EcalClusterGeV = sum;
        var inverseSum = 1 / sum;
        var u = _profile.ImpactFromCog(sx * inverseSum);
        var v = _profile.ImpactFromCog(sy * inverseSum);
        var cx = _cellX[max] + u * _cellMm;
        var cy = _cellY[max] + v * _cellMm;
        into.EcalCentreXMm = cx;
        into.EcalCentreYMm = cy;
        into.EcalCentreCell = _geometry.EcalCellIndex(cx, cy);

        // Shape χ² over the 3 × 3 cells inside the ECAL, the expectation normalised to their energy.
        Span<double> f = _expected;
        _profile.Fractions(u, v, f);
        double fSum = 0;
        var cells = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            if ((uint)(my + dy) >= (uint)_ny) continue;
            for (var dx = -1; dx <= 1; dx++)
            {
                if ((uint)(mx + dx) >= (uint)_nx) continue;
                fSum += f[(dy + 1) * 3 + dx + 1];
                cells++;
            }
        }
        double chi2 = 0;
        var scale = sum / fSum;
        for (var dy = -1; dy <= 1; dy++)
        {
            var iy = my + dy;
            if ((uint)iy >= (uint)_ny) continue;
            for (var dx = -1; dx <= 1; dx++)
            {
                var ix = mx + dx;
                if ((uint)ix >= (uint)_nx) continue;
                var expected = scale * f[(dy + 1) * 3 + dx + 1];
                var variance = _noise2GeV2 + _stochastic2 * expected + _constant2 * expected * expected;
                var r = _energy[iy * _nx + ix] - expected;
                chi2 += r * r / variance;
            }
        }
        var ndf = cells - 3;
        into.EcalShapeNdf = ndf;
        into.EcalShapeChi2 = ndf > 0 ? chi2 / ndf : double.NaN;

        double moment = 0, positive = 0;
        for (var i = 0; i < _ecalCells; i++)
        {
            var e = _energy[i];
            if (e <= 0) continue;
            double ddx = _cellX[i] - cx, ddy = _cellY[i] - cy;
            moment += e * Math.Sqrt(ddx * ddx + ddy * ddy);
            positive += e;
        }
        into.EcalDispersionMm = moment / positive;
    }

    /// <summary>Fills the HCAL totals, per-module energies and maximum cell of <paramref name="into"/>.</summary>
    public void ReconstructHcal(RawEvent raw, RecoEvent into)
    {
        var hcal = raw.HcalKeV;
        long total = 0;
        int max = -1, maxKeV = 0;
        for (var m = 0; m < _hcalModules; m++)
        {
            long module = 0;
            var first = m * _hcalCellsPerModule;
            for (var i = first; i < first + _hcalCellsPerModule; i++)
            {
                var e = hcal[i];
                module += e;
                if (e > maxKeV) { maxKeV = e; max = i; }
            }
            into.HcalModuleGeV[m] = module / 1e6;
            total += module;
        }
        into.HcalTotalGeV = total / 1e6;
        into.HcalMaxCell = max;
    }
}
