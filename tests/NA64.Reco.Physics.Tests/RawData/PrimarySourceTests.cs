using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.RawData;

public sealed class PrimarySourceTests
{
    private const int Slots = EventSummary.SourceSlots;

    [Theory]
    [InlineData(TruthFlags.None, Slots - 1)]
    [InlineData(TruthFlags.Leakage, 6)]
    [InlineData(TruthFlags.HadronInteraction | TruthFlags.Leakage, 4)]
    [InlineData(TruthFlags.DecayToElectron | TruthFlags.PunchThrough | TruthFlags.InTimePileUp, 10)]
    [InlineData(TruthFlags.PileUp | TruthFlags.InTimeSrPileUp | TruthFlags.InTimePileUp, 9)]
    [InlineData(TruthFlags.LowEnergyTail | TruthFlags.PileUp, 3)]
    [InlineData(TruthFlags.APrime | TruthFlags.Dimuon, 0)]
    [InlineData((TruthFlags)(1 << 14) | (TruthFlags)(1 << 13), 13)]
    [InlineData((TruthFlags)(1 << 13) | TruthFlags.PileUp, 8)]
    [InlineData(TruthFlags.PhotoNuclear | TruthFlags.Leakage | TruthFlags.PileUp, 12)]
    [InlineData(TruthFlags.PhotoNuclear | TruthFlags.ElectroNuclear, 11)]
    public void The_beam_particle_s_process_comes_before_the_detector_s_effect_and_pile_up(TruthFlags flags, int slot) =>
        Assert.Equal(slot, PrimarySource.Slot(flags, Slots));

    [Fact]
    public void Every_defined_flag_has_a_place_in_the_order_once()
    {
        var defined = Enum.GetValues<TruthFlags>().Where(f => f != TruthFlags.None).OrderBy(f => f).ToArray();
        Assert.Equal(defined, PrimarySource.Priority.OrderBy(f => f).ToArray());
    }
}
