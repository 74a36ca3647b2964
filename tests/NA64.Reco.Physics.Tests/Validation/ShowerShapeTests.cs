using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Simulation;

namespace NA64.Reco.Physics.Tests.Validation;

/// <summary>
/// The shower-shape χ² as a test (physics.md §4, §6): simulated cells fluctuate about the mean profile the χ² compares
/// them with, so electron showers give χ²/ndf of order 1 and pass the cut nearly always but not always, while hadron
/// showers that start in the ECAL are wider and mostly fail it.
/// </summary>
public sealed class ShowerShapeTests
{
    private static List<double> Chi2(SampleKind kind, int events, ulong seed, Func<RawEvent, bool> keep)
    {
        var c = DetectorConditions.Default;
        var generator = new EventGenerator(c, new SampleDescriptor(kind, kind == SampleKind.Signal ? 16.7 : 0, 1e-4, seed));
        var reconstructor = new EventReconstructor(c);
        var raw = RawEvent.For(c);
        var reco = RecoEvent.For(c);
        var chi2 = new List<double>();
        for (long n = 0; n < events; n++)
        {
            generator.Generate(0, n, raw);
            if (!keep(raw)) continue;
            reconstructor.Reconstruct(raw, reco);
            if (reco.EcalTotalGeV > 10) chi2.Add(reco.EcalShapeChi2);
        }
        return chi2;
    }

    private static double Median(List<double> v)
    {
        v.Sort();
        return v[v.Count / 2];
    }

    [Fact]
    public void Electron_showers_fluctuate_about_the_mean_profile_and_hadron_showers_do_not_look_like_them()
    {
        var cut = DetectorConditions.Default.Cuts.ShowerShapeChi2Max;
        var electrons = Chi2(SampleKind.Beam, 4000, 71,
            raw => raw.Truth.Particle == ParticleKind.Electron && raw.Truth.Flags == TruthFlags.None);
        Assert.True(electrons.Count > 3500, $"{electrons.Count} clean electrons");
        // Fluctuating cells, not the generating profile itself: χ²/ndf of order 1, not ≪ 1.
        Assert.InRange(Median(electrons), 0.4, 2.5);
        var electronsFailing = electrons.Count(x => !(x < cut)) / (double)electrons.Count;
        Assert.InRange(electronsFailing, 0, 0.02);

        var hadrons = Chi2(SampleKind.Hadron, 4000, 72,
            raw => (raw.Truth.Flags & TruthFlags.HadronInteraction) != 0);
        Assert.True(hadrons.Count > 300, $"{hadrons.Count} hadron showers above 10 GeV in the ECAL");
        var hadronsFailing = hadrons.Count(x => !(x < cut)) / (double)hadrons.Count;
        Assert.True(hadronsFailing > 0.5, $"only {hadronsFailing:P1} of hadron showers fail the shape cut");
    }
}
