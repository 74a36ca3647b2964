namespace NA64.Reco.Physics.Detector;

/// <summary>
/// k(m, E) = σ_ETL / σ_IWW: the exact-tree-level A' cross-section over this code's own IWW one
/// (<c>APrimeCrossSection.TotalCrossSectionGeV2</c>, all A' energy fractions) at A' mass m and energy E of the emitting e±.
/// The IWW cross-section is multiplied by it at the energy of each emission (docs/aprime-production.md).
/// </summary>
/// <remarks>
/// Interpolation is bilinear in (ln m, E). Outside the table k is clamped: a mass below the first (above the last) row
/// takes that row, an energy outside the columns takes the nearest column, so a 1 × 1 table is a constant.
/// </remarks>
public sealed record KFactorTable
{
    /// <summary>Where the numbers come from (the reference cross-sections and the IWW they are divided by).</summary>
    public required string Source { get; init; }
    /// <summary>A' masses of the rows, strictly increasing.</summary>
    public required double[] MassesMeV { get; init; }
    /// <summary>Energies of the emitting e± of the columns, strictly increasing.</summary>
    public required double[] EnergiesGeV { get; init; }
    /// <summary><c>K[i][j]</c> is k at <c>MassesMeV[i]</c>, <c>EnergiesGeV[j]</c>.</summary>
    public required double[][] K { get; init; }

    /// <summary>k = 1 everywhere: the uncorrected IWW cross-section.</summary>
    public static KFactorTable Unity { get; } = new()
    {
        Source = "k = 1: the uncorrected IWW cross-section",
        MassesMeV = [1],
        EnergiesGeV = [100],
        K = [[1]],
    };

    /// <summary>k at (m, E), bilinear in ln m and E, clamped to the table's edges.</summary>
    public double At(double massMeV, double energyGeV)
    {
        var (i, fm) = Locate(MassesMeV, massMeV, logarithmic: true);
        var (j, fe) = Locate(EnergiesGeV, energyGeV, logarithmic: false);
        var i1 = Math.Min(i + 1, MassesMeV.Length - 1);
        var j1 = Math.Min(j + 1, EnergiesGeV.Length - 1);
        var low = (1 - fe) * K[i][j] + fe * K[i][j1];
        var high = (1 - fe) * K[i1][j] + fe * K[i1][j1];
        return (1 - fm) * low + fm * high;
    }

    /// <summary>Lower grid index and the fraction towards the next one; 0 and 1 at the clamped edges.</summary>
    private static (int Index, double Fraction) Locate(double[] axis, double value, bool logarithmic)
    {
        if (axis.Length == 1 || !(value > axis[0])) return (0, 0);
        if (value >= axis[^1]) return (axis.Length - 2, 1);
        var i = 0;
        while (axis[i + 1] < value) i++;
        var fraction = logarithmic
            ? Math.Log(value / axis[i]) / Math.Log(axis[i + 1] / axis[i])
            : (value - axis[i]) / (axis[i + 1] - axis[i]);
        return (i, fraction);
    }

    internal void Validate(ConditionsValidator v, string field)
    {
        v.NotEmpty($"{field}.source", Source);
        ValidateAxis(v, $"{field}.massesMeV", MassesMeV);
        ValidateAxis(v, $"{field}.energiesGeV", EnergiesGeV);
        v.NoNullElements($"{field}.k", K);
        if (K.Length != MassesMeV.Length)
            throw v.Fail($"{field}.k", $"must have one row per mass ({MassesMeV.Length}), got {K.Length}");
        for (var i = 0; i < K.Length; i++)
        {
            if (K[i].Length != EnergiesGeV.Length)
                throw v.Fail($"{field}.k[{i}]", $"must have one value per energy ({EnergiesGeV.Length}), got {K[i].Length}");
            for (var j = 0; j < K[i].Length; j++) v.Positive($"{field}.k[{i}][{j}]", K[i][j]);
        }
    }

    private static void ValidateAxis(ConditionsValidator v, string field, double[] axis)
    {
        if (axis.Length == 0) throw v.Fail(field, "must hold at least one value");
        for (var i = 0; i < axis.Length; i++)
        {
            v.Positive($"{field}[{i}]", axis[i]);
            if (i > 0 && !(axis[i] > axis[i - 1]))
                throw v.Fail($"{field}[{i}]", $"must be greater than the value before it ({axis[i - 1]}), got {axis[i]}");
        }
    }
}
