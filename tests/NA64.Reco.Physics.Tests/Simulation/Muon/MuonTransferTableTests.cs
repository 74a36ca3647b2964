using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.Muon;

namespace NA64.Reco.Physics.Tests.Simulation.Muon;

public sealed class MuonTransferTableTests
{
    private const int Lead = 82;
    private const double LeadA = 207.2;
    private static readonly MuonTransferTable s_lead = new(Lead, LeadA, 0.1);

    [Theory]
    [InlineData(1.0)]
    [InlineData(20.085536923187668)] // e³: a node
    [InlineData(160.0)]
    public void Tabulated_count_is_the_integrated_cross_section(double energy)
    {
        // At a node the table is its Simpson sums; between nodes it interpolates in ln E, within 1% of the cross-section.
        var exact = Enum.GetValues<MuonProcess>().Sum(p => MuonTransferCrossSection.AboveCut(p, energy, 0.1, Lead, LeadA))
                    * APrimeCrossSection.Avogadro / LeadA;
        Assert.Equal(exact, s_lead.CountPerGram(energy), exact * 1e-2);
    }

    [Fact]
    public void Tabulated_count_at_a_node_is_the_cross_section_to_its_quadrature_accuracy()
    {
        var energy = Math.Exp(3.0);
        foreach (var process in Enum.GetValues<MuonProcess>())
        {
            var exact = MuonTransferCrossSection.AboveCut(process, energy, 0.1, Lead, LeadA) * APrimeCrossSection.Avogadro / LeadA;
            Assert.True(Math.Abs(exact - s_lead.CountPerGram(process, energy)) < exact * 1e-4, $"{process}: {exact} vs {s_lead.CountPerGram(process, energy)}");
        }
    }

    [Fact]
    public void Sampled_transfers_have_the_mean_count_and_energy_of_the_cross_sections()
    {
        // 80 GeV muons through the ECAL's 40 X₀ of lead (255 g/cm²): the mean number of transfers above 0.1 GeV and their
        // mean summed energy, b(E) E t restricted to ε > 0.1 GeV over the four processes, within 4σ of 2 × 10⁵ muons.
        const double energy = 80, thickness = 40 * 6.37;
        const int muons = 200_000;
        var rng = new EventRandom(20261204);
        double count = 0, sum = 0, sum2 = 0;
        for (var i = 0; i < muons; i++)
        {
            var (e, n) = s_lead.Sample(energy, thickness, ref rng);
            count += n;
            sum += e;
            sum2 += e * e;
        }
        var expectedCount = s_lead.CountPerGram(energy) * thickness;
        Assert.Equal(expectedCount, count / muons, 4 * Math.Sqrt(expectedCount / muons));
        var expectedEnergy = Enum.GetValues<MuonProcess>()
            .Sum(p => MuonTransferCrossSection.EnergyLossCoefficient(p, energy, Lead, LeadA, fromGeV: 0.1)) * energy * thickness;
        var mean = sum / muons;
        var error = Math.Sqrt((sum2 / muons - mean * mean) / muons);
        Assert.Equal(expectedEnergy, mean, 4 * error + expectedEnergy * 2e-3);
    }

    [Fact]
    public void Same_seed_same_transfers()
    {
        var a = new EventRandom(7);
        var b = new EventRandom(7);
        for (var i = 0; i < 1000; i++) Assert.Equal(s_lead.Sample(50, 255, ref a), s_lead.Sample(50, 255, ref b));
    }

    [Fact]
    public void Energy_outside_the_table_is_refused()
    {
        var rng = new EventRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => s_lead.Sample(0.5, 10, ref rng));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_lead.CountPerGram(300));
    }
}
