using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Statistics;
using Xunit;

namespace NA64.Reco.Physics.Tests.Simulation;

/// <summary>A charged particle crossing the SRD modules' face (docs/physics.md §3a): a hadron ionises, an electron showers.</summary>
public sealed class SrdElectronShowerTests
{
    private static readonly DetectorConditions C = DetectorConditions.Default;

    [Theory]
    [InlineData(2.0)]
    [InlineData(20.0)]
    [InlineData(80.0)]
    public void An_electron_crossing_the_face_leaves_its_mean_shower_profile_in_the_modules(double energyGeV)
    {
        var srd = new EventGenerator(C, new SampleDescriptor(SampleKind.Beam, 0, 0, 1)).Srd;
        var raw = RawEvent.For(C);
        var rng = EventRandom.ForEvent(1, 0, 0);
        srd.Begin();
        var absorbed = srd.AddParticle(ref rng, false, 100, 100, 0, 0, energyGeV);
        srd.Write(ref rng, raw);

        // PDG eq. 34.36 with b = 0.5 and E_c(Pb) = 7.43 MeV, modules of −(9/7) ln(1 − p_conv) X₀ each.
        var t = -9.0 / 7.0 * Math.Log(1 - C.Srd.ConversionProbability);
        Assert.Equal(1.178, t, 3);
        var a = 1 + 0.5 * (Math.Log(energyGeV * 1000 / 7.43) - 0.5);
        Assert.Equal(energyGeV * SpecialFunctions.RegularizedGammaP(a, 0.5 * t * C.Srd.Modules), absorbed, 3e-4 * energyGeV);
        for (var m = 0; m < C.Srd.Modules; m++)
        {
            var shower = energyGeV * 1000 * (SpecialFunctions.RegularizedGammaP(a, 0.5 * t * (m + 1)) - SpecialFunctions.RegularizedGammaP(a, 0.5 * t * m));
            var visibleMeV = C.Srd.MipVisibleMeV + shower * C.Srd.SamplingFraction;
            // Noise and knock-ons (mean 0.03 per module): a few MeV; the table's interpolation (3e-4 of E per bound): 0.2 MeV per GeV.
            Assert.InRange(raw.SrdEnergyKeV[m] / 1000.0, visibleMeV - 3 - 0.2 * energyGeV, visibleMeV + 3 + 0.2 * energyGeV);
        }
    }

    [Fact]
    public void A_crossing_hadron_is_tagged_by_its_ionisation_and_a_crossing_electron_of_tens_of_GeV_is_not()
    {
        var srd = new EventGenerator(C, new SampleDescriptor(SampleKind.Beam, 0, 0, 1)).Srd;
        var tagger = new SrdTagger(C);
        var raw = RawEvent.For(C);
        var reco = RecoEvent.For(C);
        int hadrons = 0, electrons = 0;
        const int trials = 200;
        for (var n = 0; n < trials; n++)
        {
            var rng = EventRandom.ForEvent(2, 0, n);
            srd.Begin();
            srd.AddParticle(ref rng, false, 100, 100, 0, 0, 0);
            srd.Write(ref rng, raw);
            tagger.Tag(raw, reco);
            if (reco.SrdTagged) hadrons++;
            srd.Begin();
            srd.AddParticle(ref rng, false, 100, 100, 0, 0, 20);
            srd.Write(ref rng, raw);
            tagger.Tag(raw, reco);
            if (reco.SrdTagged) electrons++;
        }
        Assert.Equal(trials, hadrons);
        Assert.Equal(0, electrons);
    }
}
