using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Summary;

public sealed class SrdMisidEstimateTests
{
    private static EventSummary Counts(long clean, long[] cleanPass, long inTime, long[] inTimePass)
    {
        var s = new EventSummary { TruthHadrons = clean + inTime, TruthHadronsInTimePileUp = inTime };
        for (var m = 0; m < SrdMisidEstimate.ModuleSlots; m++)
        {
            s.TruthHadronSrdModulePass[m] = m < cleanPass.Length ? cleanPass[m] : clean;
            s.TruthHadronSrdModulePass[SrdMisidEstimate.ModuleSlots + m] = m < inTimePass.Length ? inTimePass[m] : inTime;
        }
        return s;
    }

    [Fact]
    public void No_hadrons_no_estimate()
    {
        Assert.Null(SrdMisidEstimate.From(new EventSummary()));
    }

    [Fact]
    public void The_classes_are_products_of_module_pass_fractions_weighted_by_their_share()
    {
        var s = Counts(990_000, [9_900, 19_800, 4_950], 10_000, [1_000, 500, 2_000]);
        var f = SrdMisidEstimate.From(s)!;
        double clean = 0.01 * 0.02 * 0.005, inTime = 0.1 * 0.05 * 0.2;
        Assert.Equal(0.99 * clean + 0.01 * inTime, f.Value, 15);
        var sigmaClean = 0.99 * clean * Math.Sqrt(0.99 / 9_900 + 0.98 / 19_800 + 0.995 / 4_950);
        var sigmaInTime = 0.01 * inTime * Math.Sqrt(0.9 / 1_000 + 0.95 / 500 + 0.8 / 2_000);
        Assert.Equal(Math.Sqrt(sigmaClean * sigmaClean + sigmaInTime * sigmaInTime), f.Uncertainty, 15);
        Assert.Equal(f.Value + 1.2815515655446004 * f.Uncertainty, f.UpperBound90, 15);
    }

    [Fact]
    public void Hadrons_with_an_in_time_electron_are_counted_not_factorised()
    {
        var s = Counts(990_000, [9_900, 9_900, 9_900], 0, []);
        s.TruthHadrons += 10_000;
        s.TruthHadronsInTimeSrPileUp = 10_000;
        s.TruthHadronsInTimeSrPileUpSrdTagged = 5_000;
        var f = SrdMisidEstimate.From(s)!;
        Assert.Equal(0.99 * 1e-6 + 0.01 * 0.5, f.Value, 15);
        var sigmaClean = 0.99 * 1e-6 * Math.Sqrt(3 * 0.99 / 9_900);
        var sigmaCounted = 0.01 * Math.Sqrt(0.5 * 0.5 / 10_000);
        Assert.Equal(Math.Sqrt(sigmaClean * sigmaClean + sigmaCounted * sigmaCounted), f.Uncertainty, 15);
        Assert.Equal(10_000, f.HadronsInTimeSrPileUp);
    }

    [Fact]
    public void A_module_that_never_passed_bounds_its_class_at_90_percent()
    {
        var s = Counts(1_000_000, [10_000, 10_000, 10_000], 1_000, [0, 20, 20]);
        var f = SrdMisidEstimate.From(s)!;
        Assert.Equal(1e6 / 1_001_000 * 1e-6, f.Value, 15);
        var bound = 1e3 / 1_001_000 * (1 - Math.Pow(0.1, 1.0 / 1_000)) * 0.02 * 0.02;
        Assert.Equal(f.Value + 1.2815515655446004 * f.Uncertainty + bound, f.UpperBound90, 15);
    }

    [Fact]
    public void A_summary_of_the_previous_form_reads_with_no_srd_hadron_counts()
    {
        var s = Counts(1_000, [10, 20, 30], 7, [1, 1, 1]);
        s.Events = 1_007;
        s.TruthHadronsSrdTagged = 2;
        var bytes = s.CanonicalBytes();
        // The previous form: the same bytes without the 3 counts and 16 module counts written after SourceInSignalBox,
        // and without the dimuon counts that end the form.
        var newFields = 3 * 8 + 8 * 2 * SrdMisidEstimate.ModuleSlots;
        var before = 8 + 4 + 8 + 8 * s.CutFlow.Length + 16 * 2 * s.CutFlow.Length + 6 * 8 + 8 * s.SourceInSignalBox.Length;
        var dimuonFields = EventSummary.CanonicalLength - EventSummary.BeforeDimuonsCanonicalLength;
        var previous = bytes[..before].Concat(bytes[(before + newFields)..^dimuonFields]).ToArray();
        Assert.Equal(EventSummary.PreviousCanonicalLength, previous.Length);
        var back = EventSummary.FromCanonical(previous);
        Assert.Equal(1_007, back.Events);
        Assert.Equal(1_007, back.TruthHadrons);
        Assert.Equal(2, back.TruthHadronsSrdTagged);
        Assert.Equal(0, back.TruthHadronsInTimePileUp);
        Assert.All(back.TruthHadronSrdModulePass, c => Assert.Equal(0, c));
        Assert.Throws<InvalidDataException>(() => EventSummary.FromCanonical(previous.AsSpan(0, previous.Length - 8)));
    }
}
