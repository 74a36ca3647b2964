using System.Globalization;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The background of one source in the signal box from its MC shape normalised to the reference in a side-band
/// (docs/physics.md §8): N_box = (N_R − O_R) × S_box / S_R, where R is the side-band (C, E_ECAL above the box; or B,
/// E_HCAL above it) in which the source's share S_R / (S_R + O_R) of the MC expectation is largest, N_R the reference's
/// events there (data, or the beam MC standing in for it), O_R the other sources' MC expectation there, and S the
/// source's MC shape (<see cref="SourceShape"/>, any normalisation: only its ratio enters). Stat: N_R's and O_R's
/// variances through the ratio, and the ratio's own MC variance. A side-band with no reference event gives the bound
/// 1.148 × w̄_ref × S_box / S_R instead. Syst: the largest shift when R is replaced by its near half, its far half, or
/// by the other side-band (a different shape of the source), each where the reference and the MC have events there.
/// No estimate when the source's MC has no event in the box or in either side-band.
/// </summary>
public static class SidebandNormalisation
{
    public const string MethodName = "sideband";

    private static readonly int Box = SidebandCells.Index(0, 0);

    private static readonly Region EcalSideband = new("C", [SidebandCells.Index(1, 0), SidebandCells.Index(2, 0)]);
    private static readonly Region HcalSideband = new("B", [SidebandCells.Index(0, 1), SidebandCells.Index(0, 2)]);

    /// <summary>
    /// The estimate for <paramref name="source"/>, scaled as <paramref name="shape"/> and <paramref name="others"/>
    /// are (to the reference's exposure), or null when its MC gives no shape to extrapolate.
    /// </summary>
    public static SidebandEstimate? Estimate(string source, SourceShape shape, SourceShape others, SourceShape reference, double referenceMeanWeight, SidebandCells cells)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(cells);
        ReadOnlySpan<int> box = [Box];
        var inBox = shape.Expected(box);
        if (!(inBox > 0)) return null;

        Region? chosen = null;
        var bestShare = -1.0;
        foreach (var r in (Region[])[EcalSideband, HcalSideband])
        {
            var s = shape.Expected(r.Cells);
            if (!(s > 0)) continue;
            var share = s / (s + others.Expected(r.Cells));
            if (share > bestShare)
            {
                bestShare = share;
                chosen = r;
            }
        }
        if (chosen is null) return null;

        var nominal = Extrapolate(chosen.Cells, shape, others, reference, inBox);
        var observed = reference.Expected(chosen.Cells);
        var ratio = inBox / shape.Expected(chosen.Cells);
        RegionCount[] regions =
        [
            new(chosen.Name, (long)Math.Round(observed), string.Create(CultureInfo.InvariantCulture,
                $"reference events in side-band {chosen.Name} ({Describe(chosen, cells)}): Σw {observed:G6}; other sources' MC there {others.Expected(chosen.Cells):G6}")),
            new("shape", 0, string.Create(CultureInfo.InvariantCulture,
                $"MC of '{source}': box {inBox:G6}, side-band {shape.Expected(chosen.Cells):G6} (scaled to the reference), box / side-band = {ratio:G6}, share of the side-band's MC {bestShare:G4}")),
        ];
        var method = $"{MethodName}:{chosen.Name}:{source}";
        if (!(observed > 0))
        {
            var bound = SourceBackground.ZeroCountUpperBound68 * referenceMeanWeight * ratio;
            return new SidebandEstimate(new BackgroundEstimate(method, 0, double.NaN, 0, regions) { UpperBound = bound }, chosen.Name, bestShare);
        }

        // Variations: the halves of the side-band chosen, and the other side-band, where both the reference and the
        // source's MC have events there.
        var other = ReferenceEquals(chosen, EcalSideband) ? HcalSideband : EcalSideband;
        int[][] variants = [[chosen.Cells[0]], [chosen.Cells[1]], other.Cells];
        var syst = 0.0;
        foreach (var v in variants)
        {
            if (!(reference.Expected(v) > 0) || !(shape.Expected(v) > 0)) continue;
            syst = Math.Max(syst, Math.Abs(Extrapolate(v, shape, others, reference, inBox).Expected - nominal.Expected));
        }
        return new SidebandEstimate(new BackgroundEstimate(method, nominal.Expected, nominal.Stat, syst, regions), chosen.Name, bestShare);
    }

    private static (double Expected, double Stat) Extrapolate(ReadOnlySpan<int> region, SourceShape shape, SourceShape others, SourceShape reference, double inBox)
    {
        ReadOnlySpan<int> box = [Box];
        var s = shape.Expected(region);
        var ratio = inBox / s;
        var ratioRelativeVariance = shape.Variance(box) / (inBox * inBox) + shape.Variance(region) / (s * s);
        var normalised = Math.Max(0, reference.Expected(region) - others.Expected(region));
        var normalisedVariance = reference.Variance(region) + others.Variance(region);
        var expected = normalised * ratio;
        var stat = Math.Sqrt(ratio * ratio * normalisedVariance + expected * expected * ratioRelativeVariance);
        return (expected, stat);
    }

    private static string Describe(Region r, SidebandCells cells) => r.Name == EcalSideband.Name
        ? $"E_ECAL {cells.Describe(1, 2, true)} GeV, E_HCAL {cells.Describe(0, 0, false)} GeV"
        : $"E_ECAL {cells.Describe(0, 0, true)} GeV, E_HCAL {cells.Describe(1, 2, false)} GeV";

    private sealed record Region(string Name, int[] Cells);
}
