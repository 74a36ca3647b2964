using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Statistics;

public sealed class ClopperPearsonTests
{
    [Fact]
    public void Zero_of_ten_has_the_closed_form_upper_edge()
    {
        // k = 0: upper = 1 − (α/2)^{1/n}.
        var oneSigma = ClopperPearson.Interval(0, 10);
        Assert.Equal(0, oneSigma.Lower);
        Assert.Equal(1 - Math.Pow((1 - ClopperPearson.OneSigma) / 2, 0.1), oneSigma.Upper, 12);
        Assert.InRange(oneSigma.Upper, 0.16814, 0.16816);
        var ninety = ClopperPearson.Interval(0, 10, 0.90);
        Assert.Equal(1 - Math.Pow(0.05, 0.1), ninety.Upper, 12);
        Assert.InRange(ninety.Upper, 0.25886, 0.25888);
    }

    [Fact]
    public void Three_of_ten_at_95_percent_matches_the_textbook_interval()
    {
        // R binom.test(3, 10): 95% CI 0.06673951 0.65245285.
        var i = ClopperPearson.Interval(3, 10, 0.95);
        Assert.Equal(0.3, i.Estimate, 15);
        Assert.InRange(i.Lower, 0.066739505, 0.066739515);
        Assert.InRange(i.Upper, 0.652452845, 0.652452855);
    }

    [Fact]
    public void All_passing_mirrors_none_passing()
    {
        var none = ClopperPearson.Interval(0, 25);
        var all = ClopperPearson.Interval(25, 25);
        Assert.Equal(1, all.Upper);
        Assert.Equal(1 - none.Upper, all.Lower, 13);
        var some = ClopperPearson.Interval(7, 25);
        var mirror = ClopperPearson.Interval(18, 25);
        Assert.Equal(1 - some.Upper, mirror.Lower, 13);
        Assert.Equal(1 - some.Lower, mirror.Upper, 13);
    }

    [Fact]
    public void Equal_weights_give_the_unweighted_interval()
    {
        // 40 of 130 events pass, each of weight 0.25.
        var weighted = ClopperPearson.WeightedInterval(40 * 0.25, 130 * 0.25, 130 * 0.0625);
        var plain = ClopperPearson.Interval(40, 130);
        Assert.Equal(plain.Estimate, weighted.Estimate, 14);
        Assert.Equal(plain.Lower, weighted.Lower, 12);
        Assert.Equal(plain.Upper, weighted.Upper, 12);
    }

    [Fact]
    public void Unequal_weights_use_fewer_effective_entries()
    {
        // Σw = 10, Σw² = 20: n_eff = 5, so the interval is that of 2.5 of 5 entries, wider than 50 of 100.
        var weighted = ClopperPearson.WeightedInterval(5, 10, 20);
        var effective = ClopperPearson.Interval(2.5, 5);
        Assert.Equal(0.5, weighted.Estimate);
        Assert.Equal(effective.Lower, weighted.Lower, 14);
        Assert.Equal(effective.Upper, weighted.Upper, 14);
        Assert.True(weighted.Upper - weighted.Lower > ClopperPearson.Interval(50, 100).Upper - ClopperPearson.Interval(50, 100).Lower);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Interval(11, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Interval(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Interval(1, 10, 1.5));
    }
}
