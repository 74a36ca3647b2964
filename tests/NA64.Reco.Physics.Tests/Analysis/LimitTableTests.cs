using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Analysis;

public sealed class LimitTableTests
{
    [Fact]
    public void Epsilon_follows_from_the_expected_signal()
    {
        // N_A' = EOT ε² Y eff = N_up at ε_90.
        var eps = LimitTable.Epsilon90(2.3, 1e11, 4e-6, 0.5);
        Assert.Equal(2.3, 1e11 * eps * eps * 4e-6 * 0.5, 12);
        Assert.True(double.IsPositiveInfinity(LimitTable.Epsilon90(2.3, 1e11, 0, 0.5)));
    }

    [Fact]
    public void Table_uses_the_signal_uncertainty_of_each_mass()
    {
        SignalPoint[] signals = [new(1, 1e-5, 0.5, 0.0), new(100, 1e-7, 0.6, 0.06)];
        var inputs = new LimitInputs(0, 0.2, 0.1, 1e11) { YieldRelativeUncertainty = 0.1, EotRelativeUncertainty = 0.05 };
        var table = LimitTable.Build(signals, inputs);
        var first = PoissonLimits.Cls(0, 0.2, 0.1, Math.Sqrt(0.01 + 0.0025));
        var second = PoissonLimits.Cls(0, 0.2, 0.1, Math.Sqrt(0.01 + 0.01 + 0.0025));
        Assert.Equal(first, table.Points[0].NUp, 12);
        Assert.Equal(second, table.Points[1].NUp, 12);
        Assert.True(second > first);
        Assert.Equal(LimitTable.Epsilon90(second, 1e11, 1e-7, 0.6), table.Points[1].Epsilon90, 15);
        Assert.Equal(100, table.Points[1].MassMeV);
    }

    [Fact]
    public void Method_is_honoured()
    {
        SignalPoint[] signals = [new(10, 1e-6, 0.5, 0)];
        var inputs = new LimitInputs(1, 0.5, 0, 1e10) { YieldRelativeUncertainty = 0, Method = LimitMethod.FeldmanCousins };
        Assert.Equal(PoissonLimits.FeldmanCousins(1, 0.5), LimitTable.Build(signals, inputs).Points[0].NUp, 12);
        Assert.Equal(PoissonLimits.Classical(1, 0.5), LimitTable.Build(signals, inputs with { Method = LimitMethod.Classical }).Points[0].NUp, 12);
    }

    [Fact]
    public void Projection_scales_the_background_and_uses_the_median_count()
    {
        SignalPoint[] signals = [new(10, 1e-6, 0.5, 0)];
        var inputs = new LimitInputs(0, 0.2, 0.05, 1e11) { YieldRelativeUncertainty = 0 };
        // 10¹² EOT: b = 2 (±0.5), median count 2.
        var projected = LimitTable.Projected(signals, inputs, 1e12);
        Assert.Equal(2, projected.Inputs.Observed);
        Assert.Equal(2, projected.Inputs.Background.Expected, 12);
        Assert.Equal(0.5, projected.Inputs.Background.Uncertainty, 12);
        Assert.Equal(PoissonLimits.Cls(2, 2, 0.5), projected.Points[0].NUp, 12);
        // More EOT, better ε reach.
        Assert.True(projected.Points[0].Epsilon90 < LimitTable.Build(signals, inputs).Points[0].Epsilon90);
    }

    [Fact]
    public void An_upper_bound_takes_the_conservative_limit_over_the_interval()
    {
        SignalPoint[] signals = [new(10, 1e-6, 0.5, 0.05)];
        var inputs = new LimitInputs(0, BackgroundInput.UpperBound(1.148), 1e10) { Method = LimitMethod.Classical, YieldRelativeUncertainty = 0 };
        var table = LimitTable.Build(signals, inputs);
        var sigma = LimitTable.SignalRelativeUncertainty(signals[0], inputs);
        Assert.Equal(0.1, sigma, 15);
        // The classical limit falls with b, so the conservative end is b = 0: the background-free limit.
        Assert.Equal(PoissonLimits.Classical(0, 0, 0, sigma), table.Points[0].NUp, 12);
        // A bound as a Gaussian width around b = 0 would have given a stronger (smaller) limit.
        Assert.True(PoissonLimits.Classical(0, 0, 1.148, sigma) < table.Points[0].NUp / 1.4);
    }

    [Fact]
    public void A_projected_bound_scales_and_observes_zero()
    {
        SignalPoint[] signals = [new(10, 1e-6, 0.5, 0)];
        var inputs = new LimitInputs(0, BackgroundInput.UpperBound(0.5), 1e11) { YieldRelativeUncertainty = 0 };
        var projected = LimitTable.Projected(signals, inputs, 1e12);
        Assert.Equal(BackgroundInput.UpperBound(5), projected.Inputs.Background);
        Assert.Equal(0, projected.Inputs.Observed);
        Assert.Equal(-Math.Log(0.1), projected.Points[0].NUp, 9);
    }

    [Fact]
    public void The_light_dark_matter_y_takes_m_chi_a_third_of_m_aprime()
    {
        // y = ε² α_D (m_χ/m_A')⁴ = ε² α_D / 81 for m_A' = 3 m_χ.
        var point = new LimitPoint(30, 2.3, 2e-4);
        Assert.Equal(10, point.MassChiMeV, 14);
                Assert.Equal(1, point.Y90(0.1) / (4e-8 * 0.1 / 81), 14);
        Assert.True(double.IsPositiveInfinity(new LimitPoint(30, 2.3, double.PositiveInfinity).Y90(0.1)));
        Assert.Equal(["y_90_alphaD_0.1", "y_90_alphaD_0.5"], LightDarkMatter.AlphaD.Select(LightDarkMatter.Name));
    }
}
