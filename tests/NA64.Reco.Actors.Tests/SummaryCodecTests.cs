using NA64.Reco.Messages.Serialization;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Tests;

public sealed class SummaryCodecTests
{
    [Fact]
    public void A_summary_survives_encoding_bit_for_bit()
    {
        var s = new SpillSummary { Eot = 123_456_789_012, Spills = 3, Events = 98_765 };
        for (var i = 0; i < s.CutFlow.Length; i++)
        {
            s.CutFlow[i] = 1000 - i;
            s.WeightedCutFlow[i] = FixedPointWeight.FromDouble(1e-3 * (i + 1)) * 77;
            s.WeightedSquaredCutFlow[i] = -((Int128)1 << 100) + i; // high word and sign exercised
        }
        s.TruthElectrons = 1;
        s.TruthElectronsSrdTagged = 2;
        s.TruthHadrons = 3;
        s.TruthHadronsSrdTagged = 4;
        s.ClosureEvents = 5;
        s.ClosureWithin3Sigma = 6;
        s.SourceInSignalBox[16] = 7;
        s.MomentumResidual.Fill(0.01);
        s.Momentum.Fill(100);
        s.SrdEnergy.Fill(-1);
        s.EcalVsHcal.Fill(30, 200);
        s.EcalVsHcalAll.Fill(90, 5);

        var bytes = SummaryCodec.Encode(s);
        var back = SummaryCodec.Decode(bytes);

        Assert.Equal(s.Fingerprint(), back.Fingerprint());
        Assert.Equal(s.WeightedSquaredCutFlow, back.WeightedSquaredCutFlow);
        Assert.True(bytes.Length < 2000, $"{bytes.Length} bytes: mostly-empty histograms should deflate");
    }

    [Fact]
    public void Bytes_of_another_version_are_refused()
    {
        var bytes = SummaryCodec.Encode(new SpillSummary());
        bytes[0] = 2;
        Assert.Throws<InvalidDataException>(() => SummaryCodec.Decode(bytes));
    }
}
