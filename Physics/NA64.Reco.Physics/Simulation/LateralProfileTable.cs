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
    public double Fraction(in Corners c, int dx, int dy)
    {
        var i = (dy + MaxOffset) * Span + dx + MaxOffset;
        var f = _fractions;
        return c.W00 * f[c.B00 + i] + c.W10 * f[c.B10 + i] + c.W01 * f[c.B01 + i] + c.W11 * f[c.B11 + i];
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
