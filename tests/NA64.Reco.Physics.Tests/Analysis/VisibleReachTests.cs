using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Analysis;

public sealed class VisibleReachTests
{
    private static readonly Setup s_2017 = SetupCatalog.Find(SetupCatalog.Visible2017)!;

    private static readonly VisibleReach s_reach = VisibleReach.Compute(
        s_2017 with { Signal = s_2017.Signal! with { MassesMeV = [16.7, 5, 50] } }, 4000, 7, new CampaignAnalysisOptions(), backgroundEvents: 50_000);

    private static IReadOnlyList<VisibleDecayYield> Yields => s_reach.Parts[0].Yields;

    [Fact]
    public void The_bands_are_by_increasing_mass_at_the_setup_s_exposure_then_its_projections()
    {
        Assert.Equal([5, 16.7, 50], s_reach.MassesMeV);
        Assert.Equal([5, 16.7, 50], Yields.Select(y => Math.Round(y.MassGeV * 1e3, 9)));
        Assert.Equal(1.0, Assert.Single(s_reach.Parts).Share);
        Assert.Equal(SetupCatalog.Visible2017, s_reach.Name);
        Assert.Equal([5.4e10, 3e11, 1e12], s_reach.Bands.Select(b => b.Eot));
        Assert.All(s_reach.Bands, b => Assert.Equal(3, b.PerMass.Count));
        Assert.Equal(["produced", "decays-in-region", "v2-quiet", "s4-pair", "ecal-energy", "energy-sum"], VisibleReach.StepNames(s_reach.Parts[0]));
    }

    [Fact]
    public void The_X17_mass_has_its_row_whatever_masses_the_setup_lists()
    {
        var light = VisibleReach.Compute(s_2017 with { Signal = s_2017.Signal! with { MassesMeV = [50, 5], ProjectedExposures = [] } }, 200, 7, new CampaignAnalysisOptions(), backgroundEvents: 50_000);
        Assert.Equal([5, VisibleReach.X17MassMeV, 50], light.MassesMeV);
        Assert.Equal([5, 16.7, 50], light.Parts[0].Yields.Select(y => Math.Round(y.MassGeV * 1e3, 9)));
    }

    [Fact]
    public void N_up_is_the_one_limit_path_s_with_the_setup_s_background_no_event_at_its_exposure_and_the_median_at_a_projection()
    {
        var sigma = new SignalUncertainty(Math.Sqrt(0.10 * 0.10 + 0.02 * 0.02), SignalScalePrior.LogNormal);
        // The setup's two K⁰_S sources add, their errors in quadrature; one that no event passes (π⁺π⁻ here) has only
        // its bound of zero counts, which is not added: the limits never rise with b.
        var part = s_reach.Parts[0];
        var (neutral, neutralError) = part.BackgroundPerEot(0, part.Backgrounds[0].Cuts.Count);
        var (charged, chargedError) = part.BackgroundPerEot(1, part.Backgrounds[1].Cuts.Count);
        Assert.True(neutral > 0);
        Assert.Equal(0, charged);
        var flow = part.Backgrounds[1];
        Assert.Equal(1.148 * flow.SquaredWeightAfter[0] / flow.WeightAfter[0] * 5.4e10 / flow.Events, VisibleReach.ZeroCountBound(part, 1), 1e-3 * VisibleReach.ZeroCountBound(part, 1));
        var background = s_reach.Inputs.Background;
        Assert.False(background.IsUpperBound);
        Assert.Equal((5.4e10 * neutral, 5.4e10 * neutralError, 0.0), (background.Expected, background.Uncertainty, chargedError));
        Assert.Equal(PoissonLimits.UpperLimit(LimitMethod.Cls, 0, background, sigma), s_reach.NUp);
        // CLs with no event observed does not depend on the background: 2.30 widened by the signal's uncertainty.
        Assert.InRange(s_reach.NUp, 2.30, 2.40);
        Assert.Equal((5.4e10, 0, s_reach.NUp), (s_reach.Bands[0].Eot, s_reach.Bands[0].Observed, s_reach.Bands[0].NUp));
        foreach (var projection in s_reach.Bands.Skip(1))
        {
            var scaled = background.Scaled(projection.Eot / 5.4e10);
            Assert.Equal((scaled.Expected, scaled.Uncertainty), (projection.Background.Expected, projection.Background.Uncertainty));
            Assert.Equal(Poisson.Median(scaled.Expected), projection.Observed);
            Assert.Equal(PoissonLimits.UpperLimit(LimitMethod.Cls, projection.Observed, scaled, sigma), projection.NUp);
        }
        // At 10¹² EOT the background of a few events raises N_up above the background-free 2.3.
        Assert.True(s_reach.Bands[^1].Observed >= 1);
        Assert.True(s_reach.Bands[^1].NUp > s_reach.NUp);
    }

    [Fact]
    public void Each_edge_is_where_the_expected_signal_reaches_N_up_and_a_larger_exposure_widens_the_band()
    {
        var part = s_reach.Parts[0];
        var bands = s_reach.Bands.Select(b => b.PerMass[1]).ToArray();
        for (var e = 0; e < bands.Length; e++)
        {
            var b = bands[e];
            Assert.True(b.Excludes);
            Assert.True(b.Low < b.PeakEpsilon && b.PeakEpsilon < b.High);
            var (eot, nUp) = (s_reach.Bands[e].Eot, s_reach.Bands[e].NUp);
            Assert.Equal(nUp, eot * part.SelectedPerEot(1, b.Low), nUp * 1e-9);
            Assert.Equal(nUp, eot * part.SelectedPerEot(1, b.High), nUp * 1e-9);
        }
        Assert.True(bands[1].Low < bands[0].Low && bands[1].High > bands[0].High);
        Assert.True(bands[2].Low < bands[1].Low && bands[2].High > bands[1].High);
        // 50 MeV: too short-lived for the WCAL of 15 cm at 5.4 × 10¹⁰ EOT; its peak stays below N_up.
        var heavy = s_reach.Bands[0].PerMass[2];
        Assert.False(heavy.Excludes);
        Assert.True(heavy.PeakEvents < s_reach.NUp);
    }

    [Fact]
    public void The_cut_flow_falls_step_by_step_and_its_last_step_is_the_selected_signal()
    {
        var epsilon = s_reach.Bands[0].PerMass[1].PeakEpsilon;
        var flow = VisibleReach.CutFlow(s_reach.Parts[0], 1, epsilon);
        Assert.Equal(6, flow.Count);
        Assert.Equal(epsilon * epsilon * Yields[1].ProductionPerEot, flow[0]);
        Assert.Equal(Yields[1].PerEot(epsilon), flow[1]);
        for (var k = 1; k < flow.Count; k++) Assert.True(flow[k] <= flow[k - 1]);
        Assert.Equal(s_reach.Parts[0].SelectedPerEot(1, epsilon), flow[^1], flow[^1] * 1e-12);
        // V2 reads only its noise (0.5 MeV against the 4 MeV of half a MIP): it rejects no X that decayed behind it.
        Assert.Equal(flow[1], flow[2]);
        Assert.Equal(flow[^1] / flow[1], s_reach.Efficiency(1, epsilon));
    }

    [Fact]
    public void The_energy_sum_keeps_the_share_of_a_standard_normal_within_its_window()
    {
        // With the energy sum alone after the ECAL threshold, its share of the emissions is P(|z| < 3) = 0.99730, within
        // the binomial error of 20 000 weighted emissions (the weights vary, so allow 3σ of the unweighted error × 2).
        var only = s_2017 with { Selection = [s_2017.Selection[2], s_2017.Selection[3]] };
        var simulation = new VisibleEventSimulation(only);
        var flow = simulation.Run(simulation.EmitterFor(16.7), 20_000, 3);
        Assert.Equal(["ecal-energy", "energy-sum"], flow.Cuts);
        var share = flow.FractionAfter(1) / flow.FractionAfter(0);
        var p = 1 - SpecialFunctions.Erfc(3 / Math.Sqrt(2));
        Assert.Equal(p, share, 6 * Math.Sqrt(p * (1 - p) / 20_000));
    }

    [Fact]
    public void The_cut_flow_s_weights_are_the_emissions_and_its_efficiency_their_weighted_share()
    {
        var simulation = new VisibleEventSimulation(s_2017);
        var emitter = simulation.EmitterFor(16.7);
        var flow = simulation.Run(emitter, 4000, 11);
        Assert.Equal(4000, flow.Events);
        // Slot 0 is Σw of every emission, as the emitter's own mean weight gives it from the same streams.
        var sum = 0.0;
        for (var i = 0; i < 4000; i++)
        {
            var rng = EventRandom.ForEvent(11, 0, i);
            sum += emitter.Emit(ref rng, s_2017.BeamEnergyGeV).Weight;
        }
        Assert.Equal(sum, flow.WeightAfter[0], sum * 1e-12);
        for (var k = 1; k < flow.WeightAfter.Count; k++) Assert.True(flow.WeightAfter[k] <= flow.WeightAfter[k - 1]);
        Assert.Equal(flow.WeightAfter[^1] / flow.WeightAfter[0], flow.Efficiency);
        Assert.InRange(flow.Efficiency, 0.95, 1);
        Assert.InRange(flow.Uncertainty, 1e-4, 0.01);
    }

    [Fact]
    public void The_counters_read_a_pair_as_two_MIPs_and_the_quiet_veto_as_its_noise()
    {
        var response = new VisibleResponse(s_2017);
        Assert.Equal(["V2", "S4"], s_2017.Counters.Select(c => c.Name));
        Span<double> counters = stackalloc double[response.Counters];
        var rng = new EventRandom(5);
        double s4 = 0, s4Squares = 0, pulls = 0, pullSquares = 0, v2Max = 0;
        const int N = 100_000;
        for (var i = 0; i < N; i++)
        {
            var r = response.Draw(ref rng, counters, 70, 100);
            s4 += counters[1];
            s4Squares += counters[1] * counters[1];
            pulls += r.SumPull;
            pullSquares += r.SumPull * r.SumPull;
            v2Max = Math.Max(v2Max, counters[0]);
        }
        // Two MIPs of 15 % spread each and 0.5 MeV of noise on 8 MeV: mean 2, r.m.s. √(2 · 0.15² + (0.5/8)²) = 0.2214.
        Assert.Equal(2, s4 / N, 0.003);
        Assert.Equal(Math.Sqrt(2 * 0.15 * 0.15 + 0.0625 * 0.0625), Math.Sqrt(s4Squares / N - s4 / N * (s4 / N)), 0.003);
        Assert.Equal(0, pulls / N, 0.01);
        Assert.Equal(1, Math.Sqrt(pullSquares / N), 0.01);
        Assert.True(v2Max < 0.5);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bands_bit_for_bit()
    {
        var again = VisibleReach.Compute(s_2017 with { Signal = s_2017.Signal! with { MassesMeV = [16.7, 5, 50] } }, 4000, 7, new CampaignAnalysisOptions(), backgroundEvents: 50_000);
        Assert.Equal(s_reach.Bands.SelectMany(b => b.PerMass), again.Bands.SelectMany(b => b.PerMass));
    }

    [Fact]
    public void A_setup_split_into_two_halves_of_its_exposure_excludes_what_it_excludes_alone()
    {
        // Two runs of the same setup with half the exposure each: shares of ½, the same yields (same seed), N(ε) summed.
        var masses = s_2017.Signal! with { MassesMeV = [16.7, 5, 50] };
        var half = s_2017 with { Signal = masses, Exposure = s_2017.Exposure! with { OnTarget = 2.7e10 } };
        var halves = VisibleReach.Compute([half with { Name = "first-half" }, half with { Name = "second-half" }], 4000, 7, new CampaignAnalysisOptions(), backgroundEvents: 50_000);
        Assert.Equal([0.5, 0.5], halves.Parts.Select(p => p.Share));
        Assert.Equal("first-half + second-half", halves.Name);
        Assert.Equal(s_reach.Bands.Select(b => b.Eot), halves.Bands.Select(b => b.Eot));
        // Each half's background is a sample of its own (its seed from its name): together they estimate the whole's
        // within their errors, the same per EOT.
        var (whole, split) = (s_reach.Inputs.Background, halves.Inputs.Background);
        Assert.NotEqual(halves.Parts[0].Backgrounds[0].WeightAfter[^1], halves.Parts[1].Backgrounds[0].WeightAfter[^1]);
        var sigma = Math.Sqrt(whole.Uncertainty * whole.Uncertainty + split.Uncertainty * split.Uncertainty);
        Assert.InRange(split.Expected, whole.Expected - 4 * sigma, whole.Expected + 4 * sigma);
        // With no event observed the CLs limit does not depend on the background: the bands at the setups' exposure agree.
        Assert.Equal(s_reach.NUp, halves.NUp, 1e-9);
        foreach (var (a, b) in s_reach.Bands[0].PerMass.Zip(halves.Bands[0].PerMass))
        {
            Assert.Equal((a.Excludes, a.PeakEpsilon, a.PeakEvents), (b.Excludes, b.PeakEpsilon, b.PeakEvents));
            if (!a.Excludes) continue;
            Assert.Equal(a.Low, b.Low, a.Low * 1e-9);
            Assert.Equal(a.High, b.High, a.High * 1e-9);
        }
    }

    [Fact]
    public void The_2017_and_2018_runs_together_exclude_more_than_either_alone()
    {
        var masses = new[] { 16.7 };
        Setup At(string name) => SetupCatalog.Find(name)! with { Signal = SetupCatalog.Find(name)!.Signal! with { MassesMeV = masses, ProjectedExposures = [] } };
        var options = new CampaignAnalysisOptions();
        var alone2017 = VisibleReach.Compute(At(SetupCatalog.Visible2017), 4000, 7, options, backgroundEvents: 50_000).Bands[0].PerMass[0];
        var alone2018 = VisibleReach.Compute(At(SetupCatalog.Visible2018), 4000, 7, options, backgroundEvents: 50_000).Bands[0].PerMass[0];
        var both = VisibleReach.Compute([At(SetupCatalog.Visible2017), At(SetupCatalog.Visible2018)], 4000, 7, options, backgroundEvents: 50_000);
        Assert.Equal([5.4e10 + 3.0e10], both.Bands.Select(b => b.Eot));
        Assert.Equal([5.4e10 / 8.4e10, 3.0e10 / 8.4e10], both.Parts.Select(p => p.Share));
        var band = both.Bands[0].PerMass[0];
        Assert.True(band.Low < Math.Min(alone2017.Low, alone2018.Low), $"{band.Low} vs {alone2017.Low}, {alone2018.Low}");
        Assert.True(band.High > Math.Max(alone2017.High, alone2018.High), $"{band.High} vs {alone2017.High}, {alone2018.High}");
        // Each edge is where the two runs' signals add up to N_up.
        double Sum(double epsilon) => 5.4e10 * both.Parts[0].SelectedPerEot(0, epsilon) + 3.0e10 * both.Parts[1].SelectedPerEot(0, epsilon);
        Assert.Equal(both.NUp, Sum(band.Low), both.NUp * 1e-9);
        Assert.Equal(both.NUp, Sum(band.High), both.NUp * 1e-9);
        Assert.Equal(both.NUp, both.ExpectedEvents(0, 8.4e10, band.High), both.NUp * 1e-9);
    }

    [Theory]
    [InlineData("same", "setup 'visible-2017' is given twice")]
    [InlineData("masses", "setups 'visible-2017' and 'visible-2018' have different signal masses: a combination needs the same masses")]
    public void A_combination_needs_distinct_setups_of_the_same_masses(string problem, string message)
    {
        var other = SetupCatalog.Find(problem == "same" ? SetupCatalog.Visible2017 : SetupCatalog.Visible2018)!;
        if (problem == "masses") other = other with { Signal = other.Signal! with { MassesMeV = [16.7] } };
        var e = Assert.Throws<ArgumentException>(() => VisibleReach.Compute([s_2017, other], 100, 1, new CampaignAnalysisOptions(), backgroundEvents: 50_000));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Only_a_visible_setup_has_a_visible_reach()
    {
        var e = Assert.Throws<ArgumentException>(() => VisibleReach.Compute(SetupCatalog.Find(SetupCatalog.Na64Mu2022)!, 100, 1, new CampaignAnalysisOptions(), backgroundEvents: 50_000));
        Assert.StartsWith("setup 'na64mu-2022' is of the Muon programme, not the visible one", e.Message);
    }
}
