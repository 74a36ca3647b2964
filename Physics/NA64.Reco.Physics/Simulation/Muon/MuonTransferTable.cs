namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>
/// The discrete energy transfers above a cut of a muon crossing one element (physics.md §8c), tabulated once for
/// sampling: on a grid in ln E (<see cref="NodesPerEFold"/> per e-fold), per process, the number of transfers per g/cm²
/// above the cut and their cumulative distribution in ln ε (Simpson's rule on each of <see cref="Subintervals"/> steps from
/// the cut to the kinematic limit). A muon draws a Poisson number of transfers for the thickness it crosses; each takes its
/// process in proportion to the process's count and its ε from that process's inverse CDF. The energy node is the lower
/// or upper neighbour of ln E with the probabilities of linear interpolation, so that every table value enters as its
/// interpolation in ln E does. One draw takes the muon's energy as fixed over the thickness; the caller keeps the
/// thickness short enough for that (<see cref="MuonCalorimeterPassage"/> steps a layer so that the muon loses at most a
/// tenth of its energy in a step). Immutable after construction; thread-safe; the sampling allocates nothing.
/// </summary>
public sealed class MuonTransferTable
{
    /// <summary>Energy nodes per e-fold of the muon energy.</summary>
    public const int NodesPerEFold = 8;
    /// <summary>Steps in ln ε per node and process.</summary>
    public const int Subintervals = 512;

    private static readonly MuonProcess[] s_processes = Enum.GetValues<MuonProcess>();

    private readonly double _lnMinEnergy;
    private readonly int _nodes;
    // Per node: the per-gram count above the cut of every process and of their sum.
    private readonly double[] _countPerGram;
    private readonly double[] _totalPerGram;
    // Per node: the mean energy of the transfers above the cut per g/cm², all processes.
    private readonly double[] _energyPerGram;
    // Per node and process: ln ε at the first step and the step, and the cumulative fraction at each of Subintervals + 1 points.
    private readonly double[] _lnStart;
    private readonly double[] _lnStep;
    private readonly double[] _cumulative;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, double, double, double, double), Lazy<MuonTransferTable>> s_shared = new();

    /// <summary>The table of these arguments, built once per process (the simulation's calorimeters share it; a second thread waits for the first).</summary>
    public static MuonTransferTable Shared(int z, double a, double cutGeV, double minEnergyGeV, double maxEnergyGeV) =>
        s_shared.GetOrAdd((z, a, cutGeV, minEnergyGeV, maxEnergyGeV),
            key => new Lazy<MuonTransferTable>(() => new MuonTransferTable(key.Item1, key.Item2, key.Item3, key.Item4, key.Item5))).Value;

    /// <summary>Tabulates the transfers above <paramref name="cutGeV"/> on element (Z, A) for muons of total energy in the range.</summary>
    public MuonTransferTable(int z, double a, double cutGeV, double minEnergyGeV = 1, double maxEnergyGeV = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cutGeV);
        if (!(minEnergyGeV > cutGeV && maxEnergyGeV > minEnergyGeV))
            throw new ArgumentOutOfRangeException(nameof(maxEnergyGeV), maxEnergyGeV, "need cut < min energy < max energy");
        Z = z;
        A = a;
        CutGeV = cutGeV;
        MinEnergyGeV = minEnergyGeV;
        MaxEnergyGeV = maxEnergyGeV;
        _lnMinEnergy = Math.Log(minEnergyGeV);
        _nodes = (int)Math.Ceiling((Math.Log(maxEnergyGeV) - _lnMinEnergy) * NodesPerEFold) + 1;
        var processes = s_processes.Length;
        _countPerGram = new double[_nodes * processes];
        _totalPerGram = new double[_nodes];
        _energyPerGram = new double[_nodes];
        _lnStart = new double[_nodes * processes];
        _lnStep = new double[_nodes * processes];
        _cumulative = new double[_nodes * processes * (Subintervals + 1)];
        var atomsPerGram = APrime.APrimeCrossSection.Avogadro / a;
        for (var k = 0; k < _nodes; k++)
        {
            var energy = Math.Exp(_lnMinEnergy + (double)k / NodesPerEFold);
            for (var p = 0; p < processes; p++)
            {
                var row = k * processes + p;
                var (min, max) = MuonTransferCrossSection.TransferRange(s_processes[p], energy, z);
                var lo = Math.Max(cutGeV, min);
                if (!(max > lo)) continue;
                var lnLo = Math.Log(lo);
                var step = (Math.Log(max) - lnLo) / Subintervals;
                _lnStart[row] = lnLo;
                _lnStep[row] = step;
                var offset = row * (Subintervals + 1);
                var previous = Density(s_processes[p], energy, lnLo, z, a);
                var sum = 0.0;
                var energySum = 0.0;
                var previousEps = lo;
                for (var j = 1; j <= Subintervals; j++)
                {
                    var middleLn = lnLo + (j - 0.5) * step;
                    var middle = Density(s_processes[p], energy, middleLn, z, a);
                    var currentEps = Math.Exp(lnLo + j * step);
                    var current = Density(s_processes[p], energy, lnLo + j * step, z, a);
                    sum += (previous + 4 * middle + current) * step / 6;
                    energySum += (previousEps * previous + 4 * Math.Exp(middleLn) * middle + currentEps * current) * step / 6;
                    _cumulative[offset + j] = sum;
                    previous = current;
                    previousEps = currentEps;
                }
                _energyPerGram[k] += atomsPerGram * energySum;
                if (sum > 0)
                    for (var j = 1; j <= Subintervals; j++) _cumulative[offset + j] /= sum;
                _countPerGram[row] = atomsPerGram * sum;
                _totalPerGram[k] += _countPerGram[row];
            }
        }
    }

    public int Z { get; }
    public double A { get; }
    public double CutGeV { get; }
    public double MinEnergyGeV { get; }
    public double MaxEnergyGeV { get; }

    /// <summary>Expected transfers above the cut per g/cm² at total energy E, interpolated linearly in ln E.</summary>
    public double CountPerGram(double energyGeV) => Interpolate(_totalPerGram, 0, 1, energyGeV);

    /// <summary>The mean summed energy of the transfers above the cut per g/cm² at total energy E, interpolated in ln E.</summary>
    public double MeanEnergyPerGram(double energyGeV) => Interpolate(_energyPerGram, 0, 1, energyGeV);

    /// <summary>Expected transfers of one process above the cut per g/cm² at total energy E, interpolated linearly in ln E.</summary>
    public double CountPerGram(MuonProcess process, double energyGeV) => Interpolate(_countPerGram, (int)process, s_processes.Length, energyGeV);

    /// <summary>values[node × stride + offset] interpolated linearly in ln E between the nodes around E.</summary>
    private double Interpolate(double[] values, int offset, int stride, double energyGeV)
    {
        var (k, f) = Locate(energyGeV);
        var row = k * stride + offset;
        return f == 0 ? values[row] : (1 - f) * values[row] + f * values[row + stride];
    }

    /// <summary>
    /// The summed energy of the transfers above the cut in <paramref name="thicknessGPerCm2"/> g/cm² at total energy E, and
    /// how many there were. Each transfer is at most the kinematic limit of its node's energy; their sum is not bounded by
    /// E, which the caller enforces (see the class remarks).
    /// </summary>
    public (double EnergyGeV, int Count) Sample(double energyGeV, double thicknessGPerCm2, ref EventRandom rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thicknessGPerCm2);
        var (k, f) = Locate(energyGeV);
        if (f > 0 && rng.NextDouble() < f) k++;
        var mean = _totalPerGram[k] * thicknessGPerCm2;
        var count = Poisson(mean, ref rng);
        var sum = 0.0;
        for (var i = 0; i < count; i++) sum += SampleOne(k, ref rng);
        return (sum, count);
    }

    private double SampleOne(int node, ref EventRandom rng)
    {
        var processes = s_processes.Length;
        var pick = rng.NextDouble() * _totalPerGram[node];
        var row = node * processes;
        for (var p = 0; p < processes - 1 && pick >= _countPerGram[row]; p++)
        {
            pick -= _countPerGram[row];
            row++;
        }
        var offset = row * (Subintervals + 1);
        var u = rng.NextDouble();
        // The first point whose cumulative fraction reaches u, by bisection; then linear in ln ε within the step.
        int lo = 0, hi = Subintervals;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            if (_cumulative[offset + mid] < u) lo = mid;
            else hi = mid;
        }
        var c0 = _cumulative[offset + lo];
        var c1 = _cumulative[offset + hi];
        var t = c1 > c0 ? (u - c0) / (c1 - c0) : 0.5;
        return Math.Exp(_lnStart[row] + (lo + t) * _lnStep[row]);
    }

    private (int Node, double Fraction) Locate(double energyGeV)
    {
        if (!(energyGeV >= MinEnergyGeV && energyGeV <= MaxEnergyGeV))
            throw new ArgumentOutOfRangeException(nameof(energyGeV), energyGeV, $"outside the table's [{MinEnergyGeV}, {MaxEnergyGeV}] GeV");
        var position = (Math.Log(energyGeV) - _lnMinEnergy) * NodesPerEFold;
        var k = Math.Min((int)position, _nodes - 1);
        var f = position - k;
        return k == _nodes - 1 || f <= 0 ? (k, 0) : (k, f);
    }

    /// <summary>ε dσ/dε per atom at ε = e^u: the density in ln ε.</summary>
    private static double Density(MuonProcess process, double energyGeV, double lnEps, int z, double a)
    {
        var eps = Math.Exp(lnEps);
        return eps * MuonTransferCrossSection.PerAtom(process, energyGeV, eps, z, a);
    }

    /// <summary>Poisson by inversion: the means here are a few at most (transfers above the cut in one calorimeter).</summary>
    private static int Poisson(double mean, ref EventRandom rng)
    {
        if (!(mean > 0)) return 0;
        if (mean > 500) throw new ArgumentOutOfRangeException(nameof(mean), mean, "more than 500 transfers expected: raise the cut");
        var u = rng.NextDouble();
        var p = Math.Exp(-mean);
        var cdf = p;
        var n = 0;
        while (u > cdf && n < 10000)
        {
            n++;
            p *= mean / n;
            cdf += p;
        }
        return n;
    }
}
