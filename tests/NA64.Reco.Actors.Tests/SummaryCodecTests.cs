using System.IO.Compression;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Tests;

public sealed class SummaryCodecTests
{
    [Fact]
    public void A_summary_survives_encoding_bit_for_bit()
    {
        var s = Filled();

        var bytes = SummaryCodec.Encode(s);
        var back = SummaryCodec.Decode(bytes);

        Assert.Equal(s.Fingerprint(), back.Fingerprint());
        Assert.Equal(s.WeightedSquaredCutFlow, back.WeightedSquaredCutFlow);
        Assert.True(bytes.Length < 2000, $"{bytes.Length} bytes: mostly-empty histograms should deflate");
    }

    [Fact]
    public void The_canonical_form_is_every_field_value_by_value_little_endian()
    {
        var s = Filled();
        using var expected = new MemoryStream();
        using (var w = new BinaryWriter(expected, System.Text.Encoding.UTF8, leaveOpen: true)) WriteValueByValue(s, w);

        var bytes = new byte[EventSummary.CanonicalLength];
        s.WriteCanonical(bytes);

        Assert.Equal(expected.ToArray(), bytes);
        Assert.Equal(s.Fingerprint(), EventSummary.FromCanonical(bytes).Fingerprint());
    }

    [Fact]
    public void A_form_too_short_or_too_long_is_refused_with_its_length()
    {
        var length = EventSummary.CanonicalLength;

        var shorter = Assert.Throws<InvalidDataException>(() => SummaryCodec.Decode(Deflated(new byte[length - 8])));
        Assert.Contains($"is {length} bytes, not {length - 8}", shorter.Message);
        var longer = Assert.Throws<InvalidDataException>(() => SummaryCodec.Decode(Deflated(new byte[length + 8])));
        Assert.Contains("unread bytes", longer.Message);
    }

    /// <summary>The canonical form as first defined: one <see cref="BinaryWriter"/> call per value, in field order.</summary>
    private static void WriteValueByValue(EventSummary s, BinaryWriter w)
    {
        w.Write(s.Eot);
        w.Write(s.Spills);
        w.Write(s.Events);
        foreach (var c in s.CutFlow) w.Write(c);
        WriteInt128s(s.WeightedCutFlow.Concat(s.WeightedSquaredCutFlow), w);
        foreach (var c in new[] { s.TruthElectrons, s.TruthElectronsSrdTagged, s.TruthHadrons, s.TruthHadronsSrdTagged, s.ClosureEvents, s.ClosureWithin3Sigma })
            w.Write(c);
        foreach (var c in s.SourceInSignalBox) w.Write(c);
        w.Write(s.TruthHadronsInTimePileUp);
        w.Write(s.TruthHadronsInTimeSrPileUp);
        w.Write(s.TruthHadronsInTimeSrPileUpSrdTagged);
        foreach (var a in new[] { s.TruthHadronSrdModulePass, s.MomentumResidual.Counts, s.Momentum.Counts, s.SrdEnergy.Counts, s.EcalVsHcal.Counts, s.EcalVsHcalAll.Counts })
            foreach (var c in a) w.Write(c);
        w.Write(s.DimuonCandidates);
        w.Write(s.TruthDimuons);
        w.Write(s.TruthDimuonCandidates);
        foreach (var c in s.DimuonCandidateEcal.Counts) w.Write(c);
        WriteInt128s(s.WeightedSourceInSignalBox.Concat(s.WeightedSquaredSourceInSignalBox), w);
        foreach (var c in s.SourceEvents) w.Write(c);
        WriteInt128s(s.WeightedSourceEvents, w);
        foreach (var c in s.CellEvents) w.Write(c);
        WriteInt128s(s.WeightedCell.Concat(s.WeightedSquaredCell), w);
        foreach (var c in s.SourceCellEvents) w.Write(c);
        WriteInt128s(s.WeightedSourceCell.Concat(s.WeightedSquaredSourceCell), w);
        // The fine limbs of every weighted sum, in the order of the sums above.
        WriteInt128s(new[]
        {
            s.WeightedCutFlow, s.WeightedSquaredCutFlow, s.WeightedSourceInSignalBox, s.WeightedSquaredSourceInSignalBox, s.WeightedSourceEvents,
            s.WeightedCell, s.WeightedSquaredCell, s.WeightedSourceCell, s.WeightedSquaredSourceCell,
        }.SelectMany(a => a), w, fine: true);
        // The muon programme's counts.
        w.Write(s.MuonEvents);
        foreach (var c in s.MuonPassedAfter) w.Write(c);
        // The visible programme's sums, each array's coarse limbs then its fine ones.
        w.Write(s.VisibleEvents);
        WriteInt128s(s.VisibleWeightAfter, w);
        WriteInt128s(s.VisibleWeightAfter, w, fine: true);
        WriteInt128s(s.VisibleSquaredWeightAfter, w);
        WriteInt128s(s.VisibleSquaredWeightAfter, w, fine: true);
    }

    private static void WriteInt128s(IEnumerable<WeightSum> values, BinaryWriter w, bool fine = false)
    {
        foreach (var v in values)
        {
            var c = fine ? v.Fine : v.Coarse;
            w.Write((ulong)(c & ulong.MaxValue));
            w.Write((ulong)(c >> 64));
        }
    }

    private static byte[] Deflated(byte[] raw)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte(SummaryCodec.DenseVersion);
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(raw);
        return buffer.ToArray();
    }

    private static EventSummary Filled()
    {
        var s = new EventSummary { Eot = 123_456_789_012, Spills = 3, Events = 98_765 };
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
        s.TruthHadronsInTimePileUp = 8;
        s.TruthHadronSrdModulePass[9] = 9;
        s.TruthHadronsInTimeSrPileUp = 10;
        s.TruthHadronsInTimeSrPileUpSrdTagged = 11;
        s.MomentumResidual.Fill(0.01);
        s.Momentum.Fill(100);
        s.SrdEnergy.Fill(-1);
        s.EcalVsHcal.Fill(30, 200);
        s.EcalVsHcalAll.Fill(90, 5);
        s.DimuonCandidates = 12;
        s.TruthDimuons = 13;
        s.TruthDimuonCandidates = 14;
        s.DimuonCandidateEcal.Fill(55);
        s.MuonEvents = 15;
        for (var k = 0; k < s.MuonPassedAfter.Length; k++) s.MuonPassedAfter[k] = 15 - k;
        s.VisibleEvents = 16;
        for (var k = 0; k < s.VisibleWeightAfter.Length; k++) s.VisibleWeightAfter[k] = FixedPointWeight.FromDouble(16 - k + 1e-15);
        s.VisibleSquaredWeightAfter[3] = FixedPointWeight.FromDouble(1e-30);
        s.WeightedSourceInSignalBox[10] = FixedPointWeight.FromDouble(0.25);
        s.WeightedSquaredSourceInSignalBox[10] = -((Int128)1 << 90);
        s.SourceEvents[2] = 15;
        s.WeightedSourceEvents[2] = FixedPointWeight.FromDouble(16);
        s.CellEvents[15] = 19;
        s.WeightedSquaredCell[3] = FixedPointWeight.FromDouble(20);
        s.SourceCellEvents[17] = 17;
        s.WeightedSourceCell[18] = FixedPointWeight.FromDouble(18);
        s.WeightedSquaredSourceCell[271] = -((Int128)1 << 80);
        s.WeightedSquaredSourceCell[270] = FixedPointWeight.FromDouble(2.5e-33); // a fine limb
        s.WeightedSourceCell[5] = new WeightSum((Int128)1 << 70, -((Int128)1 << 95));
        return s;
    }

    [Fact]
    public void Bytes_of_another_version_are_refused()
    {
        var bytes = SummaryCodec.Encode(new EventSummary());
        bytes[0] = 3;
        var refused = Assert.Throws<InvalidDataException>(() => SummaryCodec.Decode(bytes));
        Assert.Equal("summary encoding version 3 is neither 2 nor 1", refused.Message);
    }

    [Fact]
    public void Bytes_of_the_dense_version_journals_hold_still_decode()
    {
        var s = Filled();
        var raw = new byte[EventSummary.CanonicalLength];
        s.WriteCanonical(raw);

        var back = SummaryCodec.Decode(Deflated(raw));

        Assert.Equal(s.Fingerprint(), back.Fingerprint());
    }

    [Fact]
    public void An_empty_summary_encodes_in_a_few_bytes()
    {
        var bytes = SummaryCodec.Encode(new EventSummary());

        Assert.Equal(SummaryCodec.Version, bytes[0]);
        Assert.True(bytes.Length < 16, $"{bytes.Length} bytes for a summary that is all zeros");
        Assert.Equal(new EventSummary().Fingerprint(), SummaryCodec.Decode(bytes).Fingerprint());
    }

    [Fact]
    public void Adding_encoded_bytes_into_a_total_is_merging_the_summary_they_encode()
    {
        var total = Filled();
        var other = Filled();
        other.Eot = 5;
        other.EcalVsHcalAll.Fill(3, 4);
        other.WeightedCutFlow[0] = Int128.MaxValue; // wraps as Merge wraps
        var expected = Filled();
        expected.Merge(other);

        SummaryCodec.AddTo(total, SummaryCodec.Encode(other));

        Assert.Equal(expected.Fingerprint(), total.Fingerprint());
    }

    [Fact]
    public void A_zero_run_form_that_stands_for_more_than_a_summary_is_refused_and_nothing_is_added()
    {
        var length = EventSummary.CanonicalLength;
        // One pair: all the zeros of a summary and 8 bytes more.
        var runs = new byte[10];
        var n = 0;
        for (var v = (uint)length; ; v >>= 7)
        {
            if (v < 0x80) { runs[n++] = (byte)v; break; }
            runs[n++] = (byte)(v | 0x80);
        }
        runs[n++] = 8;
        var total = Filled();

        var refused = Assert.Throws<InvalidDataException>(() => SummaryCodec.AddTo(total, DeflatedRuns(runs.AsSpan(0, n).ToArray())));

        Assert.Contains("zero-run form at byte 0", refused.Message);
        Assert.Equal(Filled().Fingerprint(), total.Fingerprint());
    }

    [Fact]
    public void A_zero_run_form_cut_inside_a_literal_is_refused_with_its_offset()
    {
        var refused = Assert.Throws<InvalidDataException>(() => SummaryCodec.Decode(DeflatedRuns([0, 20, 1, 2, 3])));

        Assert.Equal("zero-run form at byte 2: a literal of 20 bytes, 3 left", refused.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Zero_runs_give_back_every_byte(int seed)
    {
        // Zero runs of every length around MinRun, literals with short zero runs inside, and both ends.
        var random = new Random(seed);
        var from = new byte[5000];
        for (var at = 0; at < from.Length;)
        {
            var run = random.Next(0, 3 * ZeroRuns.MinRun);
            at += run;
            for (var k = random.Next(1, 12); k > 0 && at < from.Length; k--) from[at++] = (byte)random.Next(0, 3);
        }
        var encoded = new byte[ZeroRuns.MaxEncodedLength(from.Length)];
        var back = new byte[from.Length];

        var n = ZeroRuns.Encode(from, encoded);
        var m = ZeroRuns.Decode(encoded.AsSpan(0, n), back);

        Assert.Equal(from.Length, m);
        Assert.Equal(from, back);
        Assert.True(n < from.Length, $"{n} bytes for {from.Length}");
    }

    private static byte[] DeflatedRuns(byte[] runs)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte(SummaryCodec.Version);
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(runs);
        return buffer.ToArray();
    }
}
