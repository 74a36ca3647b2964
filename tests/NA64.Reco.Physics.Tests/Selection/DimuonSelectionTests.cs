using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Selection;

public sealed class DimuonSelectionTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly DetectorConditions C = DetectorConditions.Default;

    private static RecoEvent WithModules(params double[] gev)
    {
        var e = RecoEvent.For(C);
        gev.CopyTo(e.HcalModuleGeV, 0);
        return e;
    }

    [Fact]
    public void Two_mips_in_every_module_after_an_identified_electron_is_a_candidate_and_one_mip_or_a_shower_is_not()
    {
        var s = new DimuonSelection(C);
        // The window of the default conditions: [1.5, 3] MIPs of 2 GeV per module.
        Assert.True(s.Select(WithModules(4, 4, 4, 4), Cut.SrdTag));
        Assert.True(s.Select(WithModules(3.0, 6.0, 3.5, 5.5), Cut.SignalBox));
        Assert.False(s.Select(WithModules(2, 2, 2, 2), Cut.SrdTag));
        Assert.False(s.Select(WithModules(4, 4, 4, 6.1), Cut.SrdTag));
        Assert.False(s.Select(WithModules(30, 8, 4, 4), Cut.SrdTag));
        Assert.False(s.Select(WithModules(4, 4, 4, double.NaN), Cut.SrdTag));
        // Not an identified beam electron: no candidate, whatever the HCAL says.
        Assert.False(s.Select(WithModules(4, 4, 4, 4), Cut.Momentum));
        Assert.False(s.Select(WithModules(4, 4, 4, 4), Cut.All));
    }

    [Fact]
    public void On_a_generated_dimuon_sample_the_window_keeps_the_events_whose_modules_all_lie_in_it()
    {
        // No pile-up and no HCAL noise: each module reads the two muons' MIPs × (1 + 0.1 G) and their transfers above the
        // cut (physics.md §8c). The selection takes the identified electrons whose every module lies in [1.5, 3] MIPs; the
        // MIPs alone would pass a module when G ∈ [(1.5 − 2)/0.2, (3 − 2)/0.2] = [−2.5, 5], and the transfers (and a
        // soft muon's range) only take events out of the window.
        var c = C with
        {
            Beam = C.Beam with { ParticlesPerSpill = 0 },
            Hcal = C.Hcal with { NoiseMeV = 0, NoiseTailFraction = 0 },
        };
        var generator = new EventGenerator(c, new SampleDescriptor(SampleKind.Dimuon, 0, 0, 4242));
        var kernel = new EventKernel(c);
        var raw = RawEvent.For(c);
        var summary = new EventSummary();
        var mip = c.Hcal.MipMeVPerModule * 1e3; // keV
        int electrons = 0, inWindow = 0;
        const int n = 20_000;
        for (var i = 0L; i < n; i++)
        {
            generator.Generate(0, i, raw);
            if (kernel.Process(raw, summary) < Cut.SrdTag) continue;
            electrons++;
            var all = true;
            for (var m = 0; m < c.Hcal.Modules; m++)
            {
                var module = 0.0;
                for (var k = 0; k < c.Hcal.CellsPerModule; k++) module += raw.HcalKeV[m * c.Hcal.CellsPerModule + k];
                all &= module >= c.Cuts.DimuonHcalModuleMinMip * mip && module <= c.Cuts.DimuonHcalModuleMaxMip * mip;
            }
            if (all) inWindow++;
        }
        Assert.True(electrons > 2000, $"{electrons} identified electrons");
        Assert.Equal(inWindow, summary.DimuonCandidates);
        var mipsOnly = Math.Pow(SpecialFunctions.NormalCdf(5) - SpecialFunctions.NormalCdf(-2.5), c.Hcal.Modules);
        var share = (double)inWindow / electrons;
        output.WriteLine($"HCAL window share of identified electrons: {share:F4} ± {Math.Sqrt(share * (1 - share) / electrons):F4} ({electrons}); MIPs alone {mipsOnly:F4}");
        Assert.InRange(share, 0.3 * mipsOnly, mipsOnly - 4 * Math.Sqrt(mipsOnly * (1 - mipsOnly) / electrons));
        // Every event of the sample is a true dimuon, so every candidate is one.
        Assert.Equal(n, summary.TruthDimuons);
        Assert.Equal(summary.DimuonCandidates, summary.TruthDimuonCandidates);
        Assert.Equal(summary.DimuonCandidates, summary.DimuonCandidateEcal.Total);
    }
}
