using System.Security.Cryptography;
using System.Text;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Tests.RawData;

/// <summary>
/// Files written by the format-v1 writer (RawData/Fixtures, made once with it and never rewritten) still read, event
/// for event: v1 is a format this reader keeps reading after the writer moved on.
/// </summary>
public sealed class RawFormatV1FixtureTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "RawData", "Fixtures", name);

    [Fact]
    public void Hand_built_v1_spill_reads_back_event_for_event()
    {
        using var r = SpillFileReader.Open(Fixture("v1-spill.na64raw"));
        Assert.Equal(SpillFiles.Header(), r.Header);
        Assert.Equal(SpillFileLayout.From(SpillFiles.Conditions), r.Layout);
        Assert.Equal(8, r.EventCount);
        var e = r.CreateEvent();
        for (var n = 0; n < 8; n++)
        {
            r.ReadEvent(n, e);
            RawEventAssert.Equal(SpillFiles.Event(n), e);
        }
    }

    [Fact]
    public void Empty_v1_data_spill_has_its_header_and_no_events()
    {
        using var r = SpillFileReader.Open(Fixture("v1-data-empty.na64raw"));
        Assert.Equal(SampleDescriptor.RealData, r.Header.Sample);
        Assert.Equal("", r.Header.ConditionsId);
        Assert.Equal(1_700_000_555_000, r.Header.StartUnixMs);
        Assert.Equal(0, r.EventCount);
        Assert.False(r.TryReadNext(r.CreateEvent()));
    }

    [Fact]
    public void Simulated_v1_beam_spill_decodes_to_its_recorded_fingerprint()
    {
        // 40 beam events (seed 7, run 3, spill 2) of the conditions of the day the fixture was written; the fingerprint is
        // SHA-256 of every decoded field, taken from the v1 reader that wrote it.
        using var r = SpillFileReader.OpenStreaming(Fixture("v1-beam.na64raw"));
        Assert.Equal(SampleKind.Beam, r.Header.Sample.Kind);
        Assert.Equal(7ul, r.Header.Sample.Seed);
        Assert.Equal(40, r.Header.Triggers);
        var e = r.CreateEvent();
        var text = new StringBuilder();
        var events = 0;
        while (r.TryReadNext(e))
        {
            Dump(e, text);
            events++;
        }
        Assert.Equal(40, events);
        Assert.Equal("8d29f1bf0f5542af126947007cdfbd1919512bf75a9f81f21854319991506cd8", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))));
    }

    private static void Dump(RawEvent e, StringBuilder s)
    {
        s.Append(e.EventNumber).Append(':');
        for (var i = 0; i < e.MicromegasHitCount; i++) s.Append(e.MicromegasPlane[i]).Append('/').Append(e.MicromegasChannel[i]).Append('=').Append(e.MicromegasAmplitude[i]).Append(' ');
        foreach (var cells in new[] { e.SrdEnergyKeV, e.SrdTimePs, e.EcalPreshowerKeV, e.EcalMainKeV, e.HcalKeV, e.VetoKeV })
        {
            s.Append('|');
            for (var i = 0; i < cells.Length; i++)
                if (cells[i] != 0) s.Append(i).Append('=').Append(cells[i]).Append(' ');
        }
        if (e.HasTruth)
        {
            var t = e.Truth;
            s.Append("|truth ").Append((int)t.Particle).Append(' ').Append((int)t.Flags);
            foreach (var v in new[] { t.MomentumGeV, t.XMm, t.YMm, t.SlopeX, t.SlopeY, t.APrimeEnergyGeV, t.Weight })
                s.Append(' ').Append(BitConverter.DoubleToInt64Bits(v).ToString("X16"));
        }
        s.Append('\n');
    }
}
