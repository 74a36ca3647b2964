using NA64.Reco.Physics.RawData;
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
        // Every tabulated transfer exceeds the cut, so a calorimeter stays below a threshold equal to the cut exactly when
        // it saw none. The ECAL is one step (the muon loses ~1% in it): P = exp(−t n(E)), n the table's count per g/cm².
        // Across the HCAL the muon slows (13% at 40 GeV) and n(E) falls with E, so P lies between exp(−T n(E_in)) and
        // exp(−T n(E_out)), E_out the CSDA energy behind the HCAL.
        const double cut = 0.15;
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default, cut);
        var ecalTable = MuonTransferTable.Shared(82, 207.2, cut, MuonCalorimeterPassage.MinEnergyGeV, passage.MaxEnergyGeV);
        var hcalTable = MuonTransferTable.Shared(26, 55.845, cut, MuonCalorimeterPassage.MinEnergyGeV, passage.MaxEnergyGeV);
        var iron = MuonStopping.Of(MuonMaterial.Iron);
        var lead = MuonStopping.Of(MuonMaterial.Lead);
        var expectedEcal = Math.Exp(-passage.Ecal.ThicknessGPerCm2 * ecalTable.CountPerGram(energy));
        var hcalDepth = passage.HcalModules * passage.HcalModuleGPerCm2;
        var entry = lead.EnergyAtRange(lead.Range(energy) - passage.Ecal.ThicknessGPerCm2);
        var exit = iron.EnergyAtRange(iron.Range(entry) - hcalDepth);
        var hcalLow = Math.Exp(-hcalDepth * hcalTable.CountPerGram(entry));
        var hcalHigh = Math.Exp(-hcalDepth * hcalTable.CountPerGram(exit));
        const int muons = 100_000;
        int ecalPass = 0, hcalPass = 0, escaped = 0;
        for (var i = 0; i < muons; i++)
        {
            var rng = EventRandom.ForEvent(42, 0, i);
            var (ecal, hcal, leaves, _) = passage.Deposits(energy, 0.5, 0, ref rng);
            if (ecal < cut) ecalPass++;
            if (ecal < cut && hcal < cut) hcalPass++;
            if (leaves) escaped++;
        }
        Assert.Equal(expectedEcal, (double)ecalPass / muons, 4 * Math.Sqrt(expectedEcal * (1 - expectedEcal) / muons));
        var both = (double)hcalPass / ecalPass;
        var error = 4 * Math.Sqrt(hcalHigh * (1 - hcalLow) / ecalPass);
        Assert.InRange(both, hcalLow - error, hcalHigh + error);
        // All but a few in 10⁵ come out of the ECAL: those handed nearly all their energy to one photon, pair or nucleus.
        Assert.InRange(escaped, muons - muons / 10000, muons);
        // The HCAL's 4000 g/cm² of iron see a transfer above 0.15 GeV in almost every muon: knock-on electrons alone
        // give (K/2)(Z/A) t / T_c ≈ 2.
        Assert.True(hcalHigh < 0.2, $"P(no transfer in the HCAL) < {hcalHigh}");
    }

    [Fact]
    public void On_average_a_muon_leaves_a_layer_with_its_CSDA_energy()
    {
        // Each step gives the muon its CSDA energy plus the transfers' mean minus the transfers it made: averaged over
        // muons, the CSDA energy behind the layer, whatever the transfers were (10⁴ muons of 20 GeV, 500 g/cm² of lead).
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        var lead = MuonStopping.Of(MuonMaterial.Lead);
        const double energy = 20, thickness = 500;
        const int muons = 10_000;
        double sum = 0, sum2 = 0;
        for (var i = 0; i < muons; i++)
        {
            var rng = EventRandom.ForEvent(5, 0, i);
            var (_, after, traversed) = passage.CrossEcal(energy, thickness, ref rng);
            Assert.True(after > 0 && traversed == 1);
            sum += after;
            sum2 += after * after;
        }
        var mean = sum / muons;
        var error = Math.Sqrt((sum2 / muons - mean * mean) / muons);
        var csda = lead.EnergyAtRange(lead.Range(energy) - thickness);
        Assert.Equal(csda, mean, 4 * error + 1e-3 * energy);
        Assert.True(energy - csda > 0.5, $"{energy - csda} GeV lost on average");
    }

    [Fact]
    public void A_muon_of_a_few_GeV_stops_in_the_HCAL()
    {
        // 3 GeV into the HCAL: a CSDA range of 1768 g/cm² of iron, all of the first 991 g/cm² module and most of the second;
        // its transfers can only shorten it.
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        var iron = MuonStopping.Of(MuonMaterial.Iron);
        Span<double> transfers = stackalloc double[4];
        Span<double> crossed = stackalloc double[4];
        var rng = new EventRandom(9);
        var after = passage.CrossHcal(3.0, transfers, crossed, ref rng);
        Assert.Equal(0, after);
        Assert.Equal(1, crossed[0]);
        Assert.InRange(crossed[1], 1e-9, (iron.Range(3.0) - passage.HcalModuleGPerCm2) / passage.HcalModuleGPerCm2 + 1e-9);
        Assert.Equal(0, crossed[2]);
        Assert.Equal(0, crossed[3]);
    }

    [Fact]
    public void A_slow_muon_leaves_nothing_above_the_cut()
    {
        // At 0.19 GeV no transfer can pass 0.1 GeV, and 84 MeV of kinetic energy end within the ECAL's lead.
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        var rng = new EventRandom(3);
        Assert.Equal((0.0, 0.0, false, 0.0), passage.Deposits(0.19, 0.3, 0, ref rng));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MuonCalorimeterPassage.Of(DetectorConditions.Default, 0.05));
        var tungsten = DetectorConditions.Default with { APrime = DetectorConditions.Default.APrime with { AbsorberZ = 74 } };
        var e = Assert.Throws<ConditionsException>(() => MuonCalorimeterPassage.Of(tungsten));
        Assert.Equal("aPrime.absorberZ", e.Field);
        // An electron sample on such an absorber never builds the muon tables, so it still runs.
        var generator = new EventGenerator(tungsten, new SampleDescriptor(SampleKind.Electron, 0, 0, 1));
        generator.Generate(0, 0, RawEvent.For(tungsten));
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        var rng = new EventRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => passage.Deposits(160, 1.5, 0, ref rng));
        Assert.Throws<ArgumentOutOfRangeException>(() => passage.Deposits(160, 0.5, -0.1, ref rng));
        Assert.Throws<ArgumentOutOfRangeException>(() => passage.Deposits(160, 0.5, 1.1, ref rng));
    }
}
