using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Reconstruction;

/// <summary>
/// The expected lateral profile of an electromagnetic shower in the ECAL, integrated over cells (physics.md §4):
/// a core plus a tail, each with the radial density ρ_R(r) = R² / (π (r² + R²)²) (containment r²/(r² + R²) within r,
/// the form of Grindhammer and Peters, NIM A 290 (1990) 469), whose integral over a rectangle is analytic:
/// ∫∫ρ_R = G(x₂,y₂) − G(x₁,y₂) − G(x₂,y₁) + G(x₁,y₁), G(x,y) = [x/a · atan(y/a) + y/b · atan(x/b)] / 2π,
/// a = √(x² + R²), b = √(y² + R²). Assumed: core fraction 0.8 with R_core = 0.2 R_M, tail R_tail = 0.7 R_M, which
/// puts 90% of the energy within one Molière radius (the same depth-averaged model as the fast simulation). Tables versus the impact point (u, v) in cell units relative to
/// the centre of the cell hit are built once: the 3 × 3 cell fractions, and the linear centre of gravity of the 3 × 3
/// as a function of u, whose inverse removes the pull of the linear centre of gravity towards the cell centre.
/// </summary>
public sealed class EcalShowerProfile
{
    public const double CoreFraction = 0.8;
    public const double CoreRadiusInMoliere = 0.2;
    public const double TailRadiusInMoliere = 0.7;
    /// <summary>Table points per cell and axis (odd, so that the cell centre is a node).</summary>
    public const int GridPoints = 41;

    private readonly double _coreMm, _tailMm, _cellMm;
    private readonly double[] _fractions;   // [(iu × N + iv) × 9 + (dy + 1) × 3 + (dx + 1)]
    private readonly double[] _cogOfU;      // linear 3×3 centre of gravity (cell units) for impact u at v = 0
    private const int CogBuckets = 256;
    // Equal-width buckets of cog over (_cogOfU[0], _cogOfU[^1]): the node below each bucket's start, a starting guess.
    private readonly int[] _nodeBelowBucket = new int[CogBuckets + 1];
    private readonly double _bucketsPerCog;

    public EcalShowerProfile(EcalConditions ecal)
    {
        _cellMm = ecal.CellMm;
        _coreMm = CoreRadiusInMoliere * ecal.MoliereRadiusMm;
        _tailMm = TailRadiusInMoliere * ecal.MoliereRadiusMm;
        const int n = GridPoints;
        _fractions = new double[n * n * 9];
        for (var iu = 0; iu < n; iu++)
        for (var iv = 0; iv < n; iv++)
        for (var dy = -1; dy <= 1; dy++)
        for (var dx = -1; dx <= 1; dx++)
            _fractions[(iu * n + iv) * 9 + (dy + 1) * 3 + dx + 1] = CellFraction(Node(iu), Node(iv), dx, dy);

        // Antisymmetric by construction, so that a symmetric pattern gives exactly the cell centre.
        _cogOfU = new double[n];
        const int mid = n / 2;
        for (var iu = mid + 1; iu < n; iu++)
        {
            double sum = 0, moment = 0;
            for (var dy = -1; dy <= 1; dy++)
            for (var dx = -1; dx <= 1; dx++)
            {
                var f = _fractions[(iu * n + mid) * 9 + (dy + 1) * 3 + dx + 1];
                sum += f;
                moment += f * dx;
            }
            _cogOfU[iu] = moment / sum;
            _cogOfU[n - 1 - iu] = -moment / sum;
        }
        _bucketsPerCog = CogBuckets / (_cogOfU[^1] - _cogOfU[0]);
        for (var k = 0; k <= CogBuckets; k++)
        {
            var cog = _cogOfU[0] + k / _bucketsPerCog;
            var below = 0;
            while (below < n - 2 && _cogOfU[below + 1] <= cog) below++;
            _nodeBelowBucket[k] = below;
        }
    }

    /// <summary>Impact coordinate (cell units) of grid node i.</summary>
    public static double Node(int i) => -0.5 + i / (double)(GridPoints - 1);

    /// <summary>Fraction of the shower energy in the cell at offset (dx, dy) from the cell containing the impact (u, v), in cell units.</summary>
    public double CellFraction(double u, double v, int dx, int dy)
    {
        double x1 = (dx - 0.5 - u) * _cellMm, x2 = (dx + 0.5 - u) * _cellMm;
        double y1 = (dy - 0.5 - v) * _cellMm, y2 = (dy + 0.5 - v) * _cellMm;
        return CoreFraction * Rectangle(x1, x2, y1, y2, _coreMm) + (1 - CoreFraction) * Rectangle(x1, x2, y1, y2, _tailMm);
    }

    /// <summary>Impact offset (cell units, within ±0.5) whose linear 3 × 3 centre of gravity is <paramref name="cog"/>.</summary>
    public double ImpactFromCog(double cog)
    {
        var t = _cogOfU;
        if (cog <= t[0]) return -0.5;
        if (cog >= t[^1]) return 0.5;
        // The node lo with t[lo] ≤ cog < t[lo + 1], which is what a binary search finds: guessed from the bucket of cog
        // and corrected by a step either way without branches (the search's are unpredictable); when that does not
        // bracket cog (a bucket holding several nodes, or nodes not increasing), the binary search.
        var lo = _nodeBelowBucket[Math.Clamp((int)((cog - t[0]) * _bucketsPerCog), 0, CogBuckets)];
        lo -= t[lo] > cog && lo > 0 ? 1 : 0;
        lo += t[lo + 1] <= cog && lo < t.Length - 2 ? 1 : 0;
        var hi = lo + 1;
        if (!(t[lo] <= cog && cog < t[hi]))
        {
            lo = 0;
            hi = t.Length - 1;
            while (hi - lo > 1)
            {
                var m = (lo + hi) >> 1;
                if (t[m] <= cog) lo = m; else hi = m;
            }
        }
        return Node(lo) + (cog - t[lo]) / (t[hi] - t[lo]) * (Node(hi) - Node(lo));
    }

    /// <summary>The nine 3 × 3 fractions (index (dy + 1) × 3 + dx + 1) for impact (u, v), bilinear in the table.</summary>
    public void Fractions(double u, double v, Span<double> nine)
    {
        const int n = GridPoints;
        var fu = Math.Clamp((u + 0.5) * (n - 1), 0, n - 1.000001);
        var fv = Math.Clamp((v + 0.5) * (n - 1), 0, n - 1.000001);
        int iu = (int)fu, iv = (int)fv;
        double tu = fu - iu, tv = fv - iv;
        double w00 = (1 - tu) * (1 - tv), w10 = tu * (1 - tv), w01 = (1 - tu) * tv, w11 = tu * tv;
        var f = _fractions.AsSpan();
        var a = f.Slice((iu * n + iv) * 9, 9);
        var b = f.Slice(((iu + 1) * n + iv) * 9, 9);
        var c = f.Slice((iu * n + iv + 1) * 9, 9);
        var d = f.Slice(((iu + 1) * n + iv + 1) * 9, 9);
        for (var k = 0; k < 9; k++) nine[k] = w00 * a[k] + w10 * b[k] + w01 * c[k] + w11 * d[k];
    }

    private static double Rectangle(double x1, double x2, double y1, double y2, double r) =>
        G(x2, y2, r) - G(x1, y2, r) - G(x2, y1, r) + G(x1, y1, r);

    private static double G(double x, double y, double r)
    {
        var a = Math.Sqrt(x * x + r * r);
        var b = Math.Sqrt(y * y + r * r);
        return (x / a * Math.Atan(y / a) + y / b * Math.Atan(x / b)) / (2 * Math.PI);
    }
}
