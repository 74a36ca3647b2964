using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Simulation.ZPrime;

namespace NA64.Reco.Physics.Tests.Simulation.ZPrime;

public sealed class ZPrimeCalorimeterEfficiencyTests
{
    private static readonly APrimeTarget s_ecal = APrimeTarget.EcalOf(DetectorConditions.Default);

    [Fact]
    public void With_thresholds_at_the_cut_it_is_the_mean_probability_of_no_transfer()
    {
        // Thresholds equal to the cut pass an event exactly when neither calorimeter saw a transfer and the muon left the
        // ECAL. Without transfers its energy is deterministic: after each layer the CSDA energy plus the transfers' mean.
        // So per event P = exp(−n_E(E₀) d − n_E(E') (L − d) − Σ_m n_H(E_m) t_m) if it leaves the ECAL, E' = E₀ − E_Z',
        // t_m the part of module m it crosses, averaged over the same emissions.
        const double cut = 0.15;
        const int events = 20_000;
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default, cut);
        var ecal = MuonTransferTable.Shared(82, 207.2, cut, MuonCalorimeterPassage.MinEnergyGeV, 256);
        var hcal = MuonTransferTable.Shared(26, 55.845, cut, MuonCalorimeterPassage.MinEnergyGeV, 256);
        var lead = MuonStopping.Of(MuonMaterial.Lead);
        var iron = MuonStopping.Of(MuonMaterial.Iron);
        var emitter = new ZPrimeEmitter(s_ecal, 100, 160);
        const double min = MuonCalorimeterPassage.MinEnergyGeV;
        double Count(MuonTransferTable table, double e) => e >= min ? table.CountPerGram(e) : 0;
        double MeanEnergy(MuonTransferTable table, double e) => table.MeanEnergyPerGram(Math.Max(e, min));
        double expected = 0, variance = 0;
        for (var i = 0; i < events; i++)
        {
            var rng = EventRandom.ForEvent(11, 0, i);
            var emission = emitter.Emit(ref rng);
            var before = emission.DepthX0 / s_ecal.DepthX0 * passage.Ecal.ThicknessGPerCm2;
            var rest = passage.Ecal.ThicknessGPerCm2 - before;
            var mean = ecal.CountPerGram(160) * before;
            var energy = 160 - emission.EnergyGeV;
            var p = 0.0;
            if (lead.Range(energy) > rest)
            {
                mean += Count(ecal, energy) * rest;
                energy = lead.EnergyAtRange(lead.Range(energy) - rest) + MeanEnergy(ecal, energy) * rest;
                for (var m = 0; m < passage.HcalModules && energy > 0; m++)
                {
                    var t = Math.Min(passage.HcalModuleGPerCm2, iron.Range(energy));
                    mean += Count(hcal, energy) * t;
                    energy = iron.Range(energy) > passage.HcalModuleGPerCm2
                        ? iron.EnergyAtRange(iron.Range(energy) - t) + MeanEnergy(hcal, energy) * t
                        : 0;
                }
                p = Math.Exp(-mean);
            }
            expected += p;
            variance += p * (1 - p);
        }
        var (efficiency, _) = ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, cut, cut, events, 11);
        Assert.Equal(expected / events, efficiency, 4 * Math.Sqrt(variance) / events + 1e-3);
    }

    [Fact]
    public void Same_seed_same_efficiency()
    {
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        var emitter = new ZPrimeEmitter(s_ecal, 10, 160);
        Assert.Equal(ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, 0.3, 2, 2000, 5), ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, 0.3, 2, 2000, 5));
        Assert.NotEqual(ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, 0.3, 2, 2000, 5), ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, 0.3, 2, 2000, 6));
    }
}
