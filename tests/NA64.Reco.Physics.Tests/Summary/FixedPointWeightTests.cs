using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Summary;

/// <summary>Exact weighted sums over the range that unit weights and chains of forced processes span.</summary>
public sealed class FixedPointWeightTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(3.93e-7)]
    [InlineData(9.1e-13)] // just below the coarse limb's 2⁻⁴⁰
    [InlineData(4.7e-17)] // a forced reaction times a forced K⁰_L escape
    [InlineData(2.2e-33)] // its square
    public void A_weight_reads_back_to_half_a_unit_of_the_limb_of_its_size(double weight)
    {
        var w = FixedPointWeight.FromDouble(weight);
        var unit = weight >= Math.Pow(2, -40) ? Math.Pow(2, -60) : Math.Pow(2, -124);
        Assert.Equal(weight, FixedPointWeight.ToDouble(w), unit / 2 + weight * 1e-15);
        Assert.True(weight >= Math.Pow(2, -40) ? w.Fine == 0 : w.Coarse == 0, $"{weight} in {w}");
    }

    [Fact]
    public void Sums_of_weights_and_squares_of_very_different_sizes_are_exact_in_any_order()
    {
        double[] weights = [1, 0.5, 3.93e-7, 4.7e-17, 2.2e-33, 8.9e-4, 5e-17];
        var forward = WeightSum.Zero;
        foreach (var x in weights) forward += FixedPointWeight.FromDouble(x);
        var backward = WeightSum.Zero;
        foreach (var x in weights.Reverse()) backward += FixedPointWeight.FromDouble(x);
        Assert.Equal(forward, backward);
        Assert.Equal(weights.Sum(), FixedPointWeight.ToDouble(forward), 1e-12);
        // The small ones are not lost beside the large ones: their limb holds them on its own.
        var small = FixedPointWeight.FromDouble(4.7e-17) + FixedPointWeight.FromDouble(5e-17);
        Assert.Equal(9.7e-17, FixedPointWeight.ToDouble(small), 1e-22);
        Assert.Equal(small.Fine, forward.Fine - FixedPointWeight.FromDouble(2.2e-33).Fine);
        Assert.Equal(3 * FixedPointWeight.FromDouble(2.2e-33), FixedPointWeight.FromDouble(2.2e-33) * 3);
    }
}
