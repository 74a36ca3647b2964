using System.Collections.Concurrent;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// The dimuon rate per electron on target and its pair-energy spectrum, as the model of <see cref="DimuonEmitter"/>
/// implies them (physics.md §7b): the one source of the rate the beam simulation draws and of the expectation the
/// dimuon cross-check compares with. Computed, not sampled: the expected Σ σ_μμ(k) over the photons of the leading
/// e± is the solution of the leader's branching equations, integrated by quadrature on a grid in ln E.
/// </summary>
/// <remarks>
/// With S_b(E) the expected Σ σ_μμ(k)·[k in bin b] of an electron leader of energy E and P_b(k) that of a photon
/// leader of energy k (both 0 at or below 4 m_μ):
/// S_b(E) = ∫dτ R e^{−Rτ} ∫dv f(v) [σ(vE′)·[vE′ in b] + (v &gt; ½ ? P_b(vE′) : S_b((1 − v)E′))], E′ = E(1 − Lτ),
/// P_b(k) = ∫ du 2p(u) S_b(uk) over u ∈ [½, 1],
/// with R and L the hard-photon rate and soft loss per X₀ and f(v), p(u) the normalised Bethe–Heitler spectra of
/// <see cref="ShowerBranching"/>. Every branching lowers the energy, so the grid is solved node by node upward from
/// the threshold, the branchings that keep nearly all the energy (which land next to the node being solved) exactly.
/// Pairs per EOT = N_X0 · 9/7 · Σ_b S_b(E₀). The ECAL's depth does not enter: the leader falls below 4 m_μ within
/// ~10 X₀, far inside the 40 X₀ (the emitter's depth cut removes e^(−30)).
/// </remarks>
public sealed class DimuonExpectation
{
    /// <summary>Bins of the pair energy E_μ⁺ + E_μ⁻ from 0 to E₀.</summary>
    public const int SpectrumBins = 20;

    private const int EnergyNodes = 512;
    private const int DistanceNodes = 8;
    private const int FractionNodesPerSide = 48;
    private const int ShareNodes = 64;

    private static readonly ConcurrentDictionary<Key, DimuonExpectation> s_cache = new();

    private DimuonExpectation(double beamEnergyGeV, double[] spectrumPerEot)
    {
        BeamEnergyGeV = beamEnergyGeV;
        SpectrumPerEot = spectrumPerEot;
        var total = 0.0;
        foreach (var r in spectrumPerEot) total += r;
        PairsPerEot = total;
    }

    /// <summary>Nominal beam energy the rate is for.</summary>
    public double BeamEnergyGeV { get; }

    /// <summary>μ⁺μ⁻ pairs per electron on target, all pair energies.</summary>
    public double PairsPerEot { get; }

    /// <summary>Pairs per EOT in each of <see cref="SpectrumBins"/> bins of E_μμ, bin b = [b, b + 1) · E₀ / bins.</summary>
    public IReadOnlyList<double> SpectrumPerEot { get; }

    public double BinWidthGeV => BeamEnergyGeV / SpectrumBins;

    /// <summary>Pairs per EOT with E_μμ ≥ <paramref name="minGeV"/>, whole bins (the bin holding it counts from its low edge).</summary>
    public double PairsPerEotAbove(double minGeV)
    {
        var first = Math.Clamp((int)(minGeV / BinWidthGeV), 0, SpectrumBins);
        var sum = 0.0;
        for (var b = first; b < SpectrumBins; b++) sum += SpectrumPerEot[b];
        return sum;
    }

    /// <summary>
    /// The expectation for a campaign's conditions at its nominal beam energy, computed once per absorber and energy
    /// (it depends on nothing else) and shared by every generator and analysis of the process.
    /// </summary>
    public static DimuonExpectation For(DetectorConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var ap = conditions.APrime;
        var key = new Key(ap.AbsorberZ, ap.AbsorberA, ap.AbsorberDensityGPerCm3, ap.AbsorberX0Cm, conditions.Beam.EnergyGeV);
        return s_cache.GetOrAdd(key, static (_, c) => Compute(new DimuonEmitter(c), c.Beam.EnergyGeV), conditions);
    }

    /// <summary>The expectation of <paramref name="emitter"/>'s model for electrons of <paramref name="beamEnergyGeV"/>.</summary>
    public static DimuonExpectation Compute(DimuonEmitter emitter, double beamEnergyGeV)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        var threshold = MuonPairCrossSection.ThresholdGeV;
        var spectrum = new double[SpectrumBins];
        if (!(beamEnergyGeV > threshold)) return new DimuonExpectation(beamEnergyGeV, spectrum);

        var lnMin = Math.Log(threshold);
        var step = (Math.Log(beamEnergyGeV) - lnMin) / (EnergyNodes - 1);
        var binWidth = beamEnergyGeV / SpectrumBins;
        var grid = new Grid(lnMin, step, EnergyNodes, SpectrumBins);

        // Distance to the next hard photon, R e^{−Rτ}: midpoints of its quantiles, each of weight 1/n.
        var rate = ShowerBranching.HardRatePerX0;
        var shrink = new double[DistanceNodes];
        for (var a = 0; a < DistanceNodes; a++)
            shrink[a] = 1 - ShowerBranching.SoftLossPerX0 * -Math.Log(1 - (a + 0.5) / DistanceNodes) / rate;

        // v = k/E from (4/3 − 4/3 v + v²)/v on [SoftCut, 1): midpoints in ln v on each side of v = ½, where the leader
        // changes from the electron to the photon; weights normalised to 1 as the sampler's distribution is.
        var fractions = new double[2 * FractionNodesPerSide];
        var fractionWeights = new double[fractions.Length];
        var fractionHalfWidths = new double[fractions.Length]; // in ln v
        var sides = new[] { (Math.Log(ShowerBranching.SoftCut), Math.Log(0.5)), (Math.Log(0.5), 0.0) };
        var sum = 0.0;
        for (var side = 0; side < 2; side++)
        {
            var (y0, y1) = sides[side];
            var dy = (y1 - y0) / FractionNodesPerSide;
            for (var j = 0; j < FractionNodesPerSide; j++)
            {
                var v = Math.Exp(y0 + (j + 0.5) * dy);
                var index = side * FractionNodesPerSide + j;
                fractions[index] = v;
                fractionHalfWidths[index] = dy / 2;
                fractionWeights[index] = (4.0 / 3.0 - 4.0 / 3.0 * v + v * v) * dy;
                sum += fractionWeights[index];
            }
        }
        for (var j = 0; j < fractionWeights.Length; j++) fractionWeights[j] /= sum;

        // The leader's share u of a converting photon, max(u, 1 − u) with density ∝ 1 − (4/3)u(1 − u) on [½, 1].
        var shares = new double[ShareNodes];
        var shareWeights = new double[ShareNodes];
        sum = 0;
        for (var m = 0; m < ShareNodes; m++)
        {
            var u = 0.5 + 0.5 * (m + 0.5) / ShareNodes;
            shares[m] = u;
            shareWeights[m] = 1 - 4.0 / 3.0 * u * (1 - u);
            sum += shareWeights[m];
        }
        for (var m = 0; m < ShareNodes; m++) shareWeights[m] /= sum;

        var s = new double[SpectrumBins];
        var p = new double[SpectrumBins];
        for (var i = 1; i < EnergyNodes; i++)
        {
            var energy = Math.Exp(lnMin + i * step);
            // S_i = A + α S_i + β P_i and P_i = C + γ S_i: the branchings that keep nearly all the energy reach the node
            // being solved (linear interpolation puts their weight on it); A and C hold the photons of this step and
            // everything that lands below the node, already solved.
            Array.Clear(s);
            Array.Clear(p);
            double alpha = 0, beta = 0, gamma = 0;
            for (var a = 0; a < DistanceNodes; a++)
            {
                var e1 = energy * shrink[a];
                for (var j = 0; j < fractions.Length; j++)
                {
                    var v = fractions[j];
                    var w = fractionWeights[j] / DistanceNodes;
                    var k = v * e1;
                    var sigma = emitter.PairCrossSectionCm2(k);
                    if (sigma > 0) AddToBins(s, w * sigma, k, fractionHalfWidths[j], binWidth);
                    if (v > 0.5) beta += grid.AddPhoton(k, w, s, i);
                    else alpha += grid.AddElectron((1 - v) * e1, w, s, i);
                }
            }
            for (var m = 0; m < ShareNodes; m++) gamma += grid.AddElectron(shares[m] * energy, shareWeights[m], p, i);
            var denominator = 1 - alpha - beta * gamma;
            for (var b = 0; b < SpectrumBins; b++)
            {
                s[b] = (s[b] + beta * p[b]) / denominator;
                p[b] += gamma * s[b];
            }
            grid.Set(i, s, p);
        }

        var last = grid.Electron(EnergyNodes - 1);
        var scale = emitter.AtomsPerCm2PerX0 * ShowerBranching.PhotonMeanFreePathX0;
        for (var b = 0; b < SpectrumBins; b++) spectrum[b] = last[b] * scale;
        return new DimuonExpectation(beamEnergyGeV, spectrum);
    }

    /// <summary>
    /// Adds a quadrature cell's σ to the pair-energy bins, shared by the cell's extent in ln k (its k from
    /// k·e^(−h) to k·e^(h)) so that a bin edge inside the cell does not move the whole cell to one side.
    /// </summary>
    private static void AddToBins(double[] bins, double value, double k, double halfWidthLn, double binWidth)
    {
        var lnK = Math.Log(k);
        var lo = Math.Exp(lnK - halfWidthLn);
        var hi = Math.Exp(lnK + halfWidthLn);
        var first = Math.Min((int)(lo / binWidth), bins.Length - 1);
        var last = Math.Min((int)(hi / binWidth), bins.Length - 1);
        if (first == last)
        {
            bins[first] += value;
            return;
        }
        for (var b = first; b <= last; b++)
        {
            var from = Math.Max(lo, b * binWidth);
            var to = b == bins.Length - 1 ? hi : Math.Min(hi, (b + 1) * binWidth);
            if (to > from) bins[b] += value * Math.Log(to / from) / (2 * halfWidthLn);
        }
    }

    private readonly record struct Key(int Z, double A, double Density, double X0Cm, double BeamEnergyGeV);

    /// <summary>S_b and P_b at the nodes ln E = lnMin + i·step (node 0 is the threshold, where both vanish), linear in ln E.</summary>
    private sealed class Grid
    {
        private readonly double _lnMin, _step;
        private readonly int _bins;
        private readonly double[] _electron;
        private readonly double[] _photon;

        public Grid(double lnMin, double step, int nodes, int bins)
        {
            (_lnMin, _step, _bins) = (lnMin, step, bins);
            _electron = new double[nodes * bins];
            _photon = new double[nodes * bins];
        }

        public ReadOnlySpan<double> Electron(int node) => _electron.AsSpan(node * _bins, _bins);

        public void Set(int node, double[] electron, double[] photon)
        {
            electron.CopyTo(_electron.AsSpan(node * _bins, _bins));
            photon.CopyTo(_photon.AsSpan(node * _bins, _bins));
        }

        /// <summary>Adds weight × S(E) to <paramref name="into"/> from the solved nodes below <paramref name="solving"/>; returns the weight left on that node.</summary>
        public double AddElectron(double energyGeV, double weight, double[] into, int solving) => Add(_electron, energyGeV, weight, into, solving);

        /// <summary>As <see cref="AddElectron"/> for P(k).</summary>
        public double AddPhoton(double energyGeV, double weight, double[] into, int solving) => Add(_photon, energyGeV, weight, into, solving);

        private double Add(double[] table, double energyGeV, double weight, double[] into, int solving)
        {
            if (!(energyGeV > 0)) return 0;
            var pos = (Math.Log(energyGeV) - _lnMin) / _step;
            if (!(pos > 0)) return 0;
            var i = (int)pos;
            if (i >= solving) return weight;
            var f = pos - i;
            var lo = i * _bins;
            for (var b = 0; b < _bins; b++) into[b] += weight * (1 - f) * table[lo + b];
            if (i + 1 == solving) return weight * f;
            var hi = lo + _bins;
            for (var b = 0; b < _bins; b++) into[b] += weight * f * table[hi + b];
            return 0;
        }
    }
}
