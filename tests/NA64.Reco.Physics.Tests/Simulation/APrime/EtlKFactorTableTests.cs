using System.Globalization;
using System.Text;
using NA64.Reco.Physics.Detector;
using Xunit.Abstractions;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

/// <summary>
/// The default k-factor table is derived data: DMG4's ETL σ (Data/dmg4-etl-pb.csv) divided by this code's IWW σ at the
/// same (m, E, Pb). Recomputing it here keeps the two in step: a change of the IWW formula fails this test, and the
/// message holds the table to paste into conditions-default.json (and its k8s copy).
/// </summary>
public sealed class EtlKFactorTableTests(ITestOutputHelper output)
{
    /// <summary>k is stored with 5 significant digits.</summary>
    private const double StoredPrecision = 1e-4;

    internal static double[][] DerivedK()
    {
        var masses = EtlReference.MassesMeV;
        var energies = EtlReference.EnergiesGeV;
        var k = new double[masses.Length][];
        for (var i = 0; i < masses.Length; i++)
        {
            k[i] = new double[energies.Length];
            for (var j = 0; j < energies.Length; j++)
                k[i][j] = EtlReference.SigmaCm2[i][j] / EtlReference.IwwCm2(masses[i], energies[j]);
        }
        return k;
    }

    [Fact]
    public void Default_table_is_the_ETL_reference_over_this_codes_IWW()
    {
        var derived = DerivedK();
        var json = Json(derived);
        output.WriteLine(json);
        var table = DetectorConditions.Default.APrime.KFactorTable;
        Assert.NotNull(table);
        Assert.Equal(EtlReference.MassesMeV, table.MassesMeV);
        Assert.Equal(EtlReference.EnergiesGeV, table.EnergiesGeV);
        for (var i = 0; i < derived.Length; i++)
            for (var j = 0; j < derived[i].Length; j++)
                Assert.True(Math.Abs(table.K[i][j] / derived[i][j] - 1) <= StoredPrecision,
                    $"k({table.MassesMeV[i]} MeV, {table.EnergiesGeV[j]} GeV) = {table.K[i][j]} in the conditions, {derived[i][j]:G6} derived; "
                    + $"the derived table:\n{json}");
    }

    private static string Json(double[][] k)
    {
        static string Row(IEnumerable<double> values, string format) =>
            string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)));
        var b = new StringBuilder();
        b.Append("\"massesMeV\": [").Append(Row(EtlReference.MassesMeV, "G")).Append("],\n");
        b.Append("\"energiesGeV\": [").Append(Row(EtlReference.EnergiesGeV, "G")).Append("],\n");
        b.Append("\"k\": [\n");
        for (var i = 0; i < k.Length; i++)
            b.Append("  [").Append(Row(k[i], "G5")).Append(i + 1 < k.Length ? "],\n" : "]\n");
        b.Append(']');
        return b.ToString();
    }
}
