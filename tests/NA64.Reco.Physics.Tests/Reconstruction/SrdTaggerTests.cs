using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;

namespace NA64.Reco.Physics.Tests.Reconstruction;

public sealed class SrdTaggerTests
{
    private static bool Tag(int module1KeV, int module1Ps, out RecoEvent reco)
    {
        var c = TestEvents.C;
        var raw = RawEvent.For(c);
        raw.SrdEnergyKeV[0] = 40_000;
        raw.SrdEnergyKeV[1] = module1KeV;
        raw.SrdEnergyKeV[2] = 20_000;
        raw.SrdTimePs[1] = module1Ps;
        reco = RecoEvent.For(c);
        new SrdTagger(c).Tag(raw, reco);
        return reco.SrdTagged;
    }

    [Theory]
    [InlineData(1_000, 0, true)]     // exactly the 1 MeV minimum
    [InlineData(999, 0, false)]
    [InlineData(80_000, 0, true)]    // exactly the 80 MeV maximum
    [InlineData(80_001, 0, false)]
    [InlineData(0, 0, false)]        // a module without synchrotron photons
    [InlineData(30_000, 1_999, true)]
    [InlineData(30_000, -1_999, true)]
    [InlineData(30_000, 2_000, false)] // |t| < 2 ns is strict
    [InlineData(30_000, -2_000, false)]
    public void Every_module_must_be_within_the_energy_window_and_in_time(int keV, int ps, bool tagged)
    {
        Assert.Equal(tagged, Tag(keV, ps, out _));
    }

    [Fact]
    public void Energies_and_times_are_converted_to_MeV_and_ns()
    {
        Tag(12_345, -1_500, out var reco);
        Assert.Equal(12.345, reco.SrdEnergyMeV[1], 12);
        Assert.Equal(-1.5, reco.SrdTimeNs[1], 12);
        Assert.Equal(72.345, reco.SrdTotalMeV, 12);
    }
}
