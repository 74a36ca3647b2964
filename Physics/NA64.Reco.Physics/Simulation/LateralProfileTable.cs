using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// Fractions of a shower's energy in square cells as a function of the impact point inside its cell. The lateral
/// profile is two-component, ρ(r) = p·ρ_{R_c}(r) + (1 − p)·ρ_{R_t}(r) with ρ_R(x, y) = R² / (π (x² + y² + R²)²)
/// (Grindhammer &amp; Peters, hep-ex/0001020, eq. 7: f(r) = 2rR²/(r² + R²)², depth-averaged). The integral over y is
/// analytic, over x it is Simpson's rule on a grid of cell/32; fractions for an impact on the 33 × 33 grid of
/// sub-positions are stored for every cell offset, and an event interpolates bilinearly between four of them.
/// </summary>
internal sealed class LateralProfileTable
{
    /// <summary>Sub-divisions of a cell per axis.</summary>
    public const int Grid = 32;
    private readonly double[] _fractions;

    /// <param name="cellMm">Cell pitch.</param>
    /// <param name="maxOffset">Largest cell offset (in cells) from the impact cell that will be asked for.</param>
    public LateralProfileTable(double cellMm, int maxOffset, double coreFraction, double coreRadiusMm, double tailRadiusMm)
    {
        MaxOffset = maxOffset;
        Span = 2 * maxOffset + 1;
        var pointsPerAxis = 2 * (maxOffset + 1) * Grid + 1;
        var h = cellMm / Grid;
        var origin = -(maxOffset + 1) * Grid; // grid index of the lowest point, in units of h
        // cum[iy, ix] = ∫_{x_0}^{x_ix} dx ∫_{−∞}^{y_iy} dy ρ(x, y); differences over a cell's corners give its fraction.
        var cum = new double[pointsPerAxis * pointsPerAxis];
        for (var iy = 0; iy < pointsPerAxis; iy++)
        {
            var y = (origin + iy) * h;
            var acc = 0.0;
            var gPrev = G(origin * h, y, coreFraction, coreRadiusMm, tailRadiusMm);
            for (var ix = 1; ix < pointsPerAxis; ix++)
            {
                var x = (origin + ix) * h;
                var gMid = G(x - 0.5 * h, y, coreFraction, coreRadiusMm, tailRadiusMm);
                var g = G(x, y, coreFraction, coreRadiusMm, tailRadiusMm);
                acc += h / 6 * (gPrev + 4 * gMid + g);
                cum[iy * pointsPerAxis + ix] = acc;
                gPrev = g;
            }
        }
        _fractions = new double[(Grid + 1) * (Grid + 1) * Span * Span];
        for (var gy = 0; gy <= Grid; gy++)
            for (var gx = 0; gx <= Grid; gx++)
            {
                var block = (gy * (Grid + 1) + gx) * Span * Span;
                for (var dy = -maxOffset; dy <= maxOffset; dy++)
                    for (var dx = -maxOffset; dx <= maxOffset; dx++)
                    {
                        // Cell dx spans [(dx − gx/Grid)·cell, (dx + 1 − gx/Grid)·cell] relative to the impact point.
                        var x0 = dx * Grid - gx - origin;
                        var y0 = dy * Grid - gy - origin;
                        var x1 = x0 + Grid;
                        var y1 = y0 + Grid;
                        _fractions[block + (dy + maxOffset) * Span + dx + maxOffset] =
                            cum[y1 * pointsPerAxis + x1] - cum[y0 * pointsPerAxis + x1] - cum[y1 * pointsPerAxis + x0] + cum[y0 * pointsPerAxis + x0];
                    }
            }
    }

    public int MaxOffset { get; }

    /// <summary>Number of offsets per axis (2 · MaxOffset + 1).</summary>
    public int Span { get; }

    /// <summary>
    /// Bilinear interpolation weights and block offsets for an impact at (fx, fy) ∈ [0, 1]² of its cell; the fraction
    /// in the cell at offset (dx, dy) is then <see cref="Fraction"/>.
    /// </summary>
    public Corners Locate(double fx, double fy)
    {
        var ux = Math.Clamp(fx, 0, 1) * Grid;
        var uy = Math.Clamp(fy, 0, 1) * Grid;
        var gx = Math.Min((int)ux, Grid - 1);
        var gy = Math.Min((int)uy, Grid - 1);
        var tx = ux - gx;
        var ty = uy - gy;
        var block = Span * Span;
        var b00 = (gy * (Grid + 1) + gx) * block;
        return new Corners(b00, b00 + block, b00 + (Grid + 1) * block, b00 + (Grid + 2) * block,
            (1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty);
    }

    /// <summary>Fraction of the energy in the cell at offset (dx, dy) from the impact cell; |dx|, |dy| ≤ MaxOffset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Fraction(in Corners c, int dx, int dy)
    {
        var i = (dy + MaxOffset) * Span + dx + MaxOffset;
        var f = _fractions;
        return c.W00 * f[c.B00 + i] + c.W10 * f[c.B10 + i] + c.W01 * f[c.B01 + i] + c.W11 * f[c.B11 + i];
    }

    /// <summary>
    /// The fractions of every cell of an <paramref name="nx"/> × <paramref name="ny"/> grid, row by row, for an impact in
    /// cell (<paramref name="ix"/>, <paramref name="iy"/>) at (fx, fy) of it: <see cref="Fraction"/> of each cell, with
    /// the same operations in the same order (so the same bits), four cells of a row at a time where the hardware can.
    /// </summary>
    public void Fill(double fx, double fy, int ix, int iy, int nx, int ny, Span<double> into)
    {
        if (nx - 1 > MaxOffset || ny - 1 > MaxOffset) throw new ArgumentException($"a {nx} × {ny} grid needs offsets up to {Math.Max(nx, ny) - 1}, the table has {MaxOffset}");
        if ((uint)ix >= (uint)nx || (uint)iy >= (uint)ny) throw new ArgumentOutOfRangeException(nameof(ix), $"impact cell ({ix}, {iy}) is outside the {nx} × {ny} grid");
        var into2 = into[..(nx * ny)];
        var c = Locate(fx, fy);
        ReadOnlySpan<double> f = _fractions;
        var vectors = Vector256.IsHardwareAccelerated;
        var w00 = Vector256.Create(c.W00);
        var w10 = Vector256.Create(c.W10);
        var w01 = Vector256.Create(c.W01);
        var w11 = Vector256.Create(c.W11);
        for (var jy = 0; jy < ny; jy++)
        {
            // Offsets (−ix, jy − iy) to (nx − 1 − ix, jy − iy): one contiguous run of each corner block.
            var first = (jy - iy + MaxOffset) * Span - ix + MaxOffset;
            var r00 = f.Slice(c.B00 + first, nx);
            var r10 = f.Slice(c.B10 + first, nx);
            var r01 = f.Slice(c.B01 + first, nx);
            var r11 = f.Slice(c.B11 + first, nx);
            var row = into2.Slice(jy * nx, nx);
            var jx = 0;
            if (vectors)
                for (; jx <= nx - Vector256<double>.Count; jx += Vector256<double>.Count)
                    (w00 * Vector256.Create(r00[jx..]) + w10 * Vector256.Create(r10[jx..]) + w01 * Vector256.Create(r01[jx..]) + w11 * Vector256.Create(r11[jx..]))
                        .CopyTo(row[jx..]);
            for (; jx < nx; jx++)
                row[jx] = c.W00 * r00[jx] + c.W10 * r10[jx] + c.W01 * r01[jx] + c.W11 * r11[jx];
        }
    }

    // ∫_{−∞}^{Y} ρ(x, y) dy for the two-component profile; with a² = x² + R²:
    // ∫ R²/(π(a² + y²)²) dy = (R²/π)[y/(2a²(a² + y²)) + (atan(y/a) + π/2)/(2a³)].
    private static double G(double x, double y, double p, double rc, double rt) =>
        p * G1(x, y, rc) + (1 - p) * G1(x, y, rt);

    private static double G1(double x, double y, double r)
    {
        var a2 = x * x + r * r;
        var a = Math.Sqrt(a2);
        return r * r / Math.PI * (y / (2 * a2 * (a2 + y * y)) + (Math.Atan(y / a) + 0.5 * Math.PI) / (2 * a2 * a));
    }

    /// <summary>The four table blocks around an impact point and their bilinear weights.</summary>
    public readonly record struct Corners(int B00, int B10, int B01, int B11, double W00, double W10, double W01, double W11);
}
