using System.Text;
using System.Text.Json.Nodes;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Tests.Detector;

/// <summary>The aPrime section of the conditions: the k-factor table's validation, and the version-1 field.</summary>
public sealed class APrimeConditionsTests
{
    private static string DefaultJson()
    {
        using var s = typeof(DetectorConditions).Assembly.GetManifestResourceStream("NA64.Reco.Physics.conditions-default.json")!;
        return new StreamReader(s).ReadToEnd();
    }

    private static DetectorConditions Parse(Action<JsonObject> editAPrime)
    {
        var node = JsonNode.Parse(DefaultJson())!;
        editAPrime(node["aPrime"]!.AsObject());
        return DetectorConditions.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()), "edited.json");
    }

    private static ConditionsException Rejected(Action<JsonObject> editAPrime) =>
        Assert.Throws<ConditionsException>(() => Parse(editAPrime));

    private static JsonObject Table(JsonObject aPrime) => aPrime["kFactorTable"]!.AsObject();

    [Fact]
    public void Default_conditions_carry_the_table()
    {
        var table = DetectorConditions.Default.APrime.KFactorTable;
        Assert.NotNull(table);
        Assert.Same(table, DetectorConditions.Default.APrime.KFactorTableInUse);
        Assert.Equal(1.0, table.MassesMeV[0]);
        Assert.Equal(1000.0, table.MassesMeV[^1]);
        Assert.Equal(40.0, table.EnergiesGeV[0]);
        Assert.Equal(160.0, table.EnergiesGeV[^1]);
        Assert.Contains("1712.05706", table.Source);
    }

    [Fact]
    public void Missing_table_is_named()
    {
        var e = Rejected(a => a.Remove("kFactorTable"));
        Assert.Equal("aPrime.kFactorTable", e.Field);
    }

    [Fact]
    public void Empty_source_is_named()
    {
        var e = Rejected(a => Table(a)["source"] = " ");
        Assert.Equal("aPrime.kFactorTable.source", e.Field);
    }

    [Fact]
    public void Masses_must_increase()
    {
        var e = Rejected(a => Table(a)["massesMeV"]![3] = 3.0); // 1, 2, 4, 3, …
        Assert.Equal("aPrime.kFactorTable.massesMeV[3]", e.Field);
        Assert.Contains("greater than", e.Reason);
    }

    [Fact]
    public void Energies_must_be_positive_and_increase()
    {
        Assert.Equal("aPrime.kFactorTable.energiesGeV[0]", Rejected(a => Table(a)["energiesGeV"]![0] = -40.0).Field);
        Assert.Equal("aPrime.kFactorTable.energiesGeV[2]", Rejected(a => Table(a)["energiesGeV"]![2] = 60.0).Field);
    }

    [Fact]
    public void Empty_axis_is_named()
    {
        var e = Rejected(a => Table(a)["energiesGeV"] = new JsonArray());
        Assert.Equal("aPrime.kFactorTable.energiesGeV", e.Field);
    }

    [Fact]
    public void One_row_per_mass()
    {
        var e = Rejected(a => Table(a)["k"]!.AsArray().RemoveAt(0));
        Assert.Equal("aPrime.kFactorTable.k", e.Field);
        Assert.Contains("24", e.Reason);
    }

    [Fact]
    public void One_value_per_energy()
    {
        var e = Rejected(a => Table(a)["k"]![5]!.AsArray().RemoveAt(0));
        Assert.Equal("aPrime.kFactorTable.k[5]", e.Field);
    }

    [Fact]
    public void K_must_be_positive()
    {
        Assert.Equal("aPrime.kFactorTable.k[2][1]", Rejected(a => Table(a)["k"]![2]![1] = 0.0).Field);
        Assert.Equal("aPrime.kFactorTable.k[7][6]", Rejected(a => Table(a)["k"]![7]![6] = -1.0).Field);
    }

    [Fact]
    public void Null_row_is_named()
    {
        var e = Rejected(a => Table(a)["k"]![4] = null);
        Assert.Equal("aPrime.kFactorTable.k[4]", e.Field);
    }

    [Fact]
    public void Version_1_file_with_the_empty_list_loads_uncorrected()
    {
        var c = Parse(a =>
        {
            a.Remove("kFactorTable");
            a["kFactors"] = new JsonArray();
        });
        Assert.Null(c.APrime.KFactorTable);
        Assert.Same(KFactorTable.Unity, c.APrime.KFactorTableInUse);
    }

    [Fact]
    public void Version_1_list_with_entries_is_rejected_with_the_new_field_named()
    {
        var e = Rejected(a =>
        {
            a.Remove("kFactorTable");
            a["kFactors"] = new JsonArray(new JsonObject { ["massMeV"] = 16.7, ["k"] = 1.2 });
        });
        Assert.Equal("aPrime.kFactors", e.Field);
        Assert.Contains("aPrime.kFactorTable", e.Reason);
    }

    [Fact]
    public void Version_1_list_beside_the_table_is_rejected()
    {
        var e = Rejected(a => a["kFactors"] = new JsonArray());
        Assert.Equal("aPrime.kFactors", e.Field);
    }
}
