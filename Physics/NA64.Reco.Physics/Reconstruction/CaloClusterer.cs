using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
    /// <summary>Scratch for the dispersion, padded to whole vectors like the cell tables: e_i · r_i and e_i, 0 where e_i ≤ 0.</summary>
    private readonly double[] _weightedDistance, _positiveEnergy;
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
        // Cell tables padded to whole vectors (padding: energy 0, centre 0) so that the dispersion runs on full vectors.
        var padded = (_ecalCells + Vector256<double>.Count - 1) / Vector256<double>.Count * Vector256<double>.Count;
        _cellX = new double[padded];
        _cellY = new double[padded];
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
        _energy = new double[padded];
        _weightedDistance = new double[padded];
        _positiveEnergy = new double[padded];
    }

    public EcalShowerProfile Profile => _profile;

    /// <summary>Fills the ECAL quantities of <paramref name="into"/>.</summary>
    public void ReconstructEcal(RawEvent raw, RecoEvent into)
    {
        var max = SumEcal(raw.EcalPreshowerKeV, raw.EcalMainKeV, out var preSum, out var mainSum);
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

        // The dispersion first: its sums are a chain of dependent additions, which the independent χ² work below
        // (its divisions) can then overlap.
        // All cells at once (the square roots, and the unpredictable test of e_i > 0, dominate otherwise); each value is
        // rounded as in scalar code, cells with e_i ≤ 0 contribute +0 (which leaves a sum ≥ +0 unchanged), and the sums
        // below still run in cell order.
        var weighted = _weightedDistance.AsSpan();
        var positiveEnergy = _positiveEnergy.AsSpan(0, weighted.Length);
        var energy = _energy.AsSpan(0, weighted.Length);
        var cellX = _cellX.AsSpan(0, weighted.Length);
        var cellY = _cellY.AsSpan(0, weighted.Length);
        Vector256<double> vcx = Vector256.Create(cx), vcy = Vector256.Create(cy);
        for (var i = 0; i < weighted.Length; i += Vector256<double>.Count)
        {
            var e = Vector256.Create(energy[i..]);
            var positive = Vector256.GreaterThan(e, Vector256<double>.Zero);
            var ddx = Vector256.Create(cellX[i..]) - vcx;
            var ddy = Vector256.Create(cellY[i..]) - vcy;
            (e * Vector256.Sqrt(ddx * ddx + ddy * ddy) & positive).CopyTo(weighted[i..]);
            (e & positive).CopyTo(positiveEnergy[i..]);
        }
        double moment = 0, positiveSum = 0;
        for (var i = 0; i < _ecalCells; i++)
        {
            moment += weighted[i];
            positiveSum += positiveEnergy[i];
        }
        into.EcalDispersionMm = moment / positiveSum;

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
    }

    /// <summary>
    /// Section sums (keV), cell energies (GeV) into <see cref="_energy"/>, and the cell of the maximum (the first one
    /// of the largest positive e = pre + main, as a scan with a strict &gt; finds it), or −1: eight cells at a time,
    /// every value converted and rounded as one cell at a time would be.
    /// </summary>
    private int SumEcal(int[] preKeV, int[] mainKeV, out long preSum, out long mainSum)
    {
        var cells = _ecalCells;
        var pre = preKeV.AsSpan(0, cells);
        var main = mainKeV.AsSpan(0, cells);
        var energy = _energy.AsSpan(0, cells);
        preSum = mainSum = 0;
        var i = 0;
        var maxKeV = 0;
        if (Avx2.IsSupported)
        {
            Vector256<long> preAcc = default, mainAcc = default;
            var maxAcc = Vector256<int>.Zero;
            for (; i + Vector256<int>.Count <= cells; i += Vector256<int>.Count)
            {
                var p = Vector256.Create(pre[i..]);
                var m = Vector256.Create(main[i..]);
                var e = p + m;
                var (pLow, pHigh) = Vector256.Widen(p);
                var (mLow, mHigh) = Vector256.Widen(m);
                preAcc += pLow + pHigh;
                mainAcc += mLow + mHigh;
                maxAcc = Vector256.Max(maxAcc, e);
                (Avx.ConvertToVector256Double(e.GetLower()) * 1e-6).CopyTo(energy[i..]);
                (Avx.ConvertToVector256Double(e.GetUpper()) * 1e-6).CopyTo(energy[(i + Vector128<int>.Count)..]);
            }
            preSum = Vector256.Sum(preAcc);
            mainSum = Vector256.Sum(mainAcc);
            for (var k = 0; k < Vector256<int>.Count; k++) maxKeV = Math.Max(maxKeV, maxAcc[k]);
        }
        for (; i < cells; i++)
        {
            int p = pre[i], m = main[i], e = p + m;
            preSum += p;
            mainSum += m;
            energy[i] = e * 1e-6;
            maxKeV = Math.Max(maxKeV, e);
        }
        if (maxKeV <= 0) return -1;
        for (i = 0; pre[i] + main[i] != maxKeV; i++) { }
        return i;
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
