using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.Muon;

namespace NA64.Reco.Physics.Tests.Simulation.Muon;

public sealed class MuonCalorimeterPassageTests
{
    [Fact]
    public void Calorimeters_of_the_default_conditions()
    {
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        // 40 X₀ of lead, 6.37 g/cm² each; 4 modules of 7.5 λ_I of iron, 132.1 g/cm² each.
        Assert.Equal(40 * 0.5612 * 11.35, passage.Ecal.ThicknessGPerCm2, 1e-9);
        Assert.Equal(82, passage.Ecal.Z);
        Assert.Equal(4, passage.HcalModules);
        Assert.Equal(7.5 * 132.1, passage.HcalModuleGPerCm2, 1e-9);
        Assert.Equal(MuonMaterial.Iron, passage.HcalMaterial);
    }

    [Theory]
    [InlineData(160.0)]
    [InlineData(40.0)]
    public void With_the_threshold_at_the_cut_a_muon_passes_when_it_makes_no_transfer(double energy)
    {
        // Every tabulated transfer exceeds the cut, so the ECAL stays below a threshold equal to the cut exactly when it
        // saw none: P = exp(−t n(E)), n the table's count per g/cm². In the HCAL the muon's energy falls by a few per
        // cent over its four modules, so exp(−t n(E)) there is right to that order.
        const double cut = 0.15;
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default, cut);
        var ecalTable = MuonTransferTable.Shared(82, 207.2, cut, MuonCalorimeterPassage.MinEnergyGeV, 256);
        var hcalTable = MuonTransferTable.Shared(26, 55.845, cut, MuonCalorimeterPassage.MinEnergyGeV, 256);
        var expectedEcal = Math.Exp(-passage.Ecal.ThicknessGPerCm2 * ecalTable.CountPerGram(energy));
        var expectedHcal = Math.Exp(-passage.HcalModules * passage.HcalModuleGPerCm2 * hcalTable.CountPerGram(energy));
        const int muons = 100_000;
        int ecalPass = 0, hcalPass = 0, escaped = 0;
        for (var i = 0; i < muons; i++)
        {
            var rng = EventRandom.ForEvent(42, 0, i);
            var (ecal, hcal, leaves) = passage.Deposits(energy, 0.5, energy, ref rng);
            if (ecal < cut) ecalPass++;
            if (hcal < cut) hcalPass++;
            if (leaves) escaped++;
        }
        Assert.Equal(expectedEcal, (double)ecalPass / muons, 4 * Math.Sqrt(expectedEcal * (1 - expectedEcal) / muons));
        Assert.Equal(expectedHcal, (double)hcalPass / muons, expectedHcal * 0.03 + 4 * Math.Sqrt(expectedHcal * (1 - expectedHcal) / muons));
        // All but a few in 10⁵ come out of the ECAL: those handed nearly all their energy to one photon, pair or nucleus.
        Assert.InRange(escaped, muons - muons / 10000, muons);
        // The HCAL's 4000 g/cm² of iron see a transfer above 0.15 GeV in most muons: knock-on electrons alone give
        // (K/2)(Z/A) t / T_c ≈ 2.
        Assert.True(expectedHcal < 0.2, $"P(no transfer in the HCAL) = {expectedHcal}");
    }

    [Fact]
    public void A_muon_of_a_few_GeV_stops_in_the_HCAL()
    {
        // 3 GeV after the ECAL: a range of about 1900 g/cm² of iron, two of the four 991 g/cm² modules.
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        Span<double> transfers = stackalloc double[4];
        Span<double> crossed = stackalloc double[4];
        var rng = new EventRandom(9);
        var after = passage.CrossHcal(3.0, transfers, crossed, ref rng);
        Assert.Equal(0, after);
        Assert.Equal(1, crossed[0]);
        Assert.True(crossed[1] > 0 && crossed[1] <= 1);
        Assert.Equal(0, crossed[3]);
    }

    [Fact]
    public void A_slow_muon_leaves_nothing_above_the_cut()
    {
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        var rng = new EventRandom(3);
        for (var i = 0; i < 1000; i++) Assert.Equal((0.0, 0.0, false), passage.Deposits(0.19, 0.3, 0.19, ref rng));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MuonCalorimeterPassage.Of(DetectorConditions.Default, 0.05));
        var tungsten = DetectorConditions.Default with { APrime = DetectorConditions.Default.APrime with { AbsorberZ = 74 } };
        var e = Assert.Throws<ConditionsException>(() => MuonCalorimeterPassage.Of(tungsten));
        Assert.Equal("aPrime.absorberZ", e.Field);
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        var rng = new EventRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => passage.Deposits(160, 1.5, 80, ref rng));
    }
}
