using System.Runtime.CompilerServices;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// Forced, weighted A' emission along the track length of the leading e± of the shower in a dump (physics.md §5, §8a).
/// Construct once per (target, mass): tables are built here, never per event.
/// </summary>
/// <remarks>
/// Per event the leading particle is followed through the dump while its energy exceeds the signal threshold
/// x_min·E₀ (with x_min ≥ 1/2 at most one particle of the shower can be above it): an electron (or positron) travels
/// between hard bremsstrahlung photons (v = k/E ≥ 10⁻², Bethe–Heitler complete-screening spectrum) and loses the
/// softer ones continuously; when a photon takes more than half, the photon leads, converts after an exponential
/// 9/7 X₀ path, and the harder member of the pair leads. Along every electron step of length dt (X₀) the emission
/// probability is N_X0 · σ(E, x ≥ x_min E₀/E) · dt with σ the IWW cross-section times k(m, E) of the target's
/// <see cref="KFactorTable"/> at that step's energy E (not at E₀), N_X0 = ρ N_A X₀ / A absorber atoms per cm² per X₀ (a
/// sampling calorimeter's radiation length is dominated by its absorber, Pb in the ECAL and W in the WCAL, so depth in
/// dump X₀ ≈ depth in absorber X₀). The event weight is the sum (the probability of a signal-like emission at ε = 1),
/// the point is drawn ∝ σ dt and x from dσ/dx by an inverse-CDF table: the emission is forced in every event, so signal
/// samples need no 1/ε² events.
/// </remarks>
public sealed class APrimeEmitter
{
    private const int EnergyPoints = 121;
    private const int FractionPoints = 257;
    // Steps above E₀/2 number ~6 (5.3 hard photons per X₀ over ≲ 1 X₀); 64 is never reached in practice.
    private const int MaxSteps = 64;
    private const double LnEnergyMin = -1.3862943611198906; // ln 0.25 GeV
    private const double LnEnergyMax = 6.907755278982137;   // ln 1000 GeV

    private readonly double _massGeV;
    private readonly double _xMin;
    private readonly double _atomsPerCm2PerX0;
    private readonly double _depthX0;
    private readonly double _dLnE;
    private readonly double _yFloor;
    // Per energy row j: cumulative IWW σ (cm²) from x = x_min up to x_k, on a grid uniform in y = ln(1 − x) from
    // ln(1 − x_min) down to ln(m_e/E_j); row-major [j * FractionPoints + k].
    private readonly double[] _cumulative;
    private readonly double[] _dy;
    // k(m, E_c) at this mass for the energies E_c of the conditions' table: k(m, E) is linear in E between them and
    // clamped outside, so it is evaluated at the exact energy of each step rather than folded into the energy rows above
    // (whose ln E interpolation would blur the table's nodes). k does not depend on x, so the x draw needs no k.
    private readonly double[] _kEnergiesGeV;
    private readonly double[] _kAtMass;
    private readonly Lazy<double> _yield;

    /// <summary>The invisible mode's emitter: the ECAL of <paramref name="conditions"/>, at their nominal beam energy.</summary>
    public APrimeEmitter(DetectorConditions conditions, double massAPrimeMeV)
        : this(APrimeTarget.EcalOf(conditions), massAPrimeMeV, conditions.Beam.EnergyGeV)
    {
    }

    /// <summary>An emitter for any dump; <see cref="YieldPerEot"/> is for electrons of <paramref name="beamEnergyGeV"/>.</summary>
    public APrimeEmitter(APrimeTarget target, double massAPrimeMeV, double beamEnergyGeV)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(massAPrimeMeV);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beamEnergyGeV);
        Target = target;
        MassAPrimeMeV = massAPrimeMeV;
        _massGeV = massAPrimeMeV * 1e-3;
        _xMin = Math.Min(target.MinEnergyFraction, 1 - 1e-9);
        _atomsPerCm2PerX0 = target.AtomsPerCm2PerX0;
        _depthX0 = target.DepthX0;
        var kTable = target.KFactors;
        _kEnergiesGeV = (double[])kTable.EnergiesGeV.Clone();
        _kAtMass = new double[_kEnergiesGeV.Length];
        for (var c = 0; c < _kAtMass.Length; c++) _kAtMass[c] = kTable.At(massAPrimeMeV, _kEnergiesGeV[c]);
        _dLnE = (LnEnergyMax - LnEnergyMin) / (EnergyPoints - 1);
        _yFloor = Math.Log(1 - _xMin);
        _cumulative = new double[EnergyPoints * FractionPoints];
        _dy = new double[EnergyPoints];
        for (var j = 0; j < EnergyPoints; j++)
            BuildRow(j, Math.Exp(LnEnergyMin + j * _dLnE), target.Z, target.A, APrimeCrossSection.GeV2ToCm2);
        _yield = new Lazy<double>(() => EstimateYieldPerEot(beamEnergyGeV, 20000, 0x41505249_4D45UL));
    }

    /// <summary>The dump this emitter emits in.</summary>
    public APrimeTarget Target { get; }
    public double MassAPrimeMeV { get; }

    /// <summary>
    /// k = σ_ETL / σ_IWW at this mass for an emitting e± of <paramref name="energyGeV"/> (the conditions' table, linear in E
    /// between its energies, clamped outside); the IWW cross-section is multiplied by it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double KFactorAt(double energyGeV)
    {
        var e = _kEnergiesGeV;
        var k = _kAtMass;
        var last = e.Length - 1;
        if (last == 0 || !(energyGeV > e[0])) return k[0];
        if (energyGeV >= e[last]) return k[last];
        var c = 0;
        while (e[c + 1] < energyGeV) c++;
        return k[c] + (energyGeV - e[c]) / (e[c + 1] - e[c]) * (k[c + 1] - k[c]);
    }

    /// <summary>Absorber atoms per cm² per radiation length, ρ N_A X₀ / A.</summary>
    public double AtomsPerCm2PerX0 => _atomsPerCm2PerX0;

    /// <summary>
    /// Y(m): expected A' with E_A' &gt; x_min E₀ per electron on target at ε = 1, for the nominal beam energy
    /// (mean weight of 20 000 emissions with a fixed seed, ~0.5% statistical precision; computed on first use).
    /// </summary>
    public double YieldPerEot => _yield.Value;

    /// <summary>Mean emission weight over <paramref name="events"/> electrons: an estimate of Y(m) at ε = 1.</summary>
    public double EstimateYieldPerEot(double beamEnergyGeV, int events, ulong seed)
    {
        var rng = new EventRandom(seed);
        var sum = 0.0;
        for (var i = 0; i < events; i++) sum += Emit(ref rng, beamEnergyGeV).Weight;
        return sum / events;
    }

    /// <summary>σ(E, m) in cm² at ε = 1 (times k(m, E)) for A' energies above <paramref name="minAPrimeEnergyGeV"/>, from the tables.</summary>
    public double CrossSectionCm2(double energyGeV, double minAPrimeEnergyGeV)
    {
        var lnE = Math.Clamp(Math.Log(energyGeV), LnEnergyMin, LnEnergyMax);
        var yLo = Math.Log(Math.Max(1 - minAPrimeEnergyGeV / energyGeV, 1e-300));
        var pos = (lnE - LnEnergyMin) / _dLnE;
        var j = Math.Min((int)pos, EnergyPoints - 2);
        var f = pos - j;
        return KFactorAt(energyGeV) * ((1 - f) * RowAbove(j, yLo) + f * RowAbove(j + 1, yLo));
    }

    /// <summary>Emits an A' for one electron of energy <paramref name="beamEnergyGeV"/> entering the dump (thread-safe; state is in <paramref name="rng"/>).</summary>
    /// <remarks>Returns the all-zero emission (weight 0) when no A' above threshold is kinematically possible.</remarks>
    [SkipLocalsInit] // the step buffers are written before they are read
    public APrimeEmission Emit(ref EventRandom rng, double beamEnergyGeV)
    {
        Span<double> stepEnergy = stackalloc double[MaxSteps];
        Span<double> stepStart = stackalloc double[MaxSteps];
        Span<double> stepLength = stackalloc double[MaxSteps];
        Span<double> stepSigma = stackalloc double[MaxSteps];
        var threshold = Math.Max(_xMin * beamEnergyGeV, _massGeV);
        var energy = beamEnergyGeV;
        var depth = 0.0;
        var electron = true;
        var steps = 0;
        var total = 0.0;
        var meanFreePath = 1 / ShowerBranching.HardRatePerX0;
        while (energy > threshold && depth < _depthX0 && steps < MaxSteps)
        {
            if (electron)
            {
                var dt = Math.Min(rng.NextExponential(meanFreePath), _depthX0 - depth);
                var sigma = CrossSectionCm2(energy, threshold);
                stepEnergy[steps] = energy;
                stepStart[steps] = depth;
                stepLength[steps] = dt;
                stepSigma[steps] = sigma;
                total += sigma * dt;
                steps++;
                depth += dt;
                energy *= 1 - ShowerBranching.SoftLossPerX0 * dt;
                var v = ShowerBranching.SampleBremsFraction(ref rng);
                if (v > 0.5)
                {
                    energy *= v;
                    electron = false;
                }
                else
                {
                    energy *= 1 - v;
                }
            }
            else
            {
                depth += rng.NextExponential(ShowerBranching.PhotonMeanFreePathX0);
                var u = ShowerBranching.SamplePairShare(ref rng, 0);
                energy *= Math.Max(u, 1 - u);
                electron = true;
            }
        }
        if (!(total > 0)) return default;

        // The point ∝ σ dt: the residual of the same uniform draw places it inside its step.
        var r = rng.NextDouble() * total;
        var i = 0;
        while (i < steps - 1 && r >= stepSigma[i] * stepLength[i])
        {
            r -= stepSigma[i] * stepLength[i];
            i++;
        }
        var within = stepSigma[i] > 0 ? Math.Min(r / stepSigma[i], stepLength[i]) : 0;
        var parent = stepEnergy[i];
        var x = SampleFraction(ref rng, parent, threshold);
        // A parent within m_e of the threshold (reachable only through the table interpolation) keeps E_A' at threshold.
        var ceiling = Math.Max(parent - APrimeCrossSection.ElectronMassGeV, threshold);
        var energyAPrime = Math.Min(Math.Max(x * parent, threshold), ceiling);
        return new APrimeEmission(energyAPrime, stepStart[i] + within, parent, _atomsPerCm2PerX0 * total);
    }

    private void BuildRow(int j, double energy, int z, double a, double scale)
    {
        var row = _cumulative.AsSpan(j * FractionPoints, FractionPoints);
        var yTop = Math.Log(APrimeCrossSection.ElectronMassGeV / energy);
        if (!(yTop < _yFloor)) return; // no room for x ≥ x_min below the kinematic limit: σ = 0
        var chi = APrimeCrossSection.EffectivePhotonFlux(energy, _massGeV, z, a);
        var dy = (yTop - _yFloor) / (FractionPoints - 1);
        _dy[j] = dy;
        // dσ/dy = dσ/dx · (1 − x) in y = ln(1 − x); Simpson on each cell with its midpoint.
        double Integrand(double y)
        {
            var oneMinusX = Math.Exp(y);
            return APrimeCrossSection.DifferentialCrossSectionGeV2(1 - oneMinusX, energy, _massGeV, chi) * oneMinusX * scale;
        }
        var previous = Integrand(_yFloor);
        for (var k = 1; k < FractionPoints; k++)
        {
            var y1 = _yFloor + k * dy;
            var next = Integrand(y1);
            row[k] = row[k - 1] - dy / 6 * (previous + 4 * Integrand(y1 - 0.5 * dy) + next);
            previous = next;
        }
    }

    /// <summary>σ of row j for y = ln(1 − x) below <paramref name="yLo"/>, i.e. x above 1 − e^yLo.</summary>
    private double RowAbove(int j, double yLo)
    {
        var dy = _dy[j];
        if (dy == 0) return 0;
        var row = _cumulative.AsSpan(j * FractionPoints, FractionPoints);
        var top = row[FractionPoints - 1];
        var pos = (yLo - _yFloor) / dy;
        if (pos <= 0) return top;
        if (pos >= FractionPoints - 1) return 0;
        var k = (int)pos;
        var f = pos - k;
        return top - ((1 - f) * row[k] + f * row[k + 1]);
    }

    /// <summary>x from dσ/dx on [E_thr/E, 1 − m_e/E]: the row of E is picked between its grid neighbours with linear weights.</summary>
    private double SampleFraction(ref EventRandom rng, double energy, double threshold)
    {
        var pos = (Math.Clamp(Math.Log(energy), LnEnergyMin, LnEnergyMax) - LnEnergyMin) / _dLnE;
        var j = Math.Min((int)pos, EnergyPoints - 2);
        if (rng.NextDouble() < pos - j) j++;
        var yLo = Math.Log(1 - threshold / energy);
        var dy = _dy[j];
        var row = _cumulative.AsSpan(j * FractionPoints, FractionPoints);
        var top = row[FractionPoints - 1];
        var posLo = dy == 0 ? FractionPoints : (yLo - _yFloor) / dy;
        var u = rng.NextDouble();
        if (posLo >= FractionPoints - 1) return threshold / energy; // a row at the edge of the kinematic range: x at threshold
        double low;
        if (posLo <= 0) low = 0;
        else
        {
            var k0 = (int)posLo;
            low = row[k0] + (posLo - k0) * (row[k0 + 1] - row[k0]);
        }
        var target = low + u * (top - low);
        // Largest k with row[k] ≤ target (rows are non-decreasing).
        int lo = 0, hi = FractionPoints - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            if (row[mid] <= target) lo = mid;
            else hi = mid;
        }
        var width = row[hi] - row[lo];
        var y = _yFloor + dy * (lo + (width > 0 ? (target - row[lo]) / width : 0));
        return Math.Max(1 - Math.Exp(y), threshold / energy);
    }
}
