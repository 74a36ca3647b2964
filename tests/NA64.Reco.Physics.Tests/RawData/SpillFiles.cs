using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;

namespace NA64.Reco.Physics.Tests.RawData;

/// <summary>Hand-built spills for the raw-format tests: events with every detector, truth on some, edge values.</summary>
internal static class SpillFiles
{
    public static DetectorConditions Conditions => DetectorConditions.Default;

    public static SpillHeader Header(ulong seed = 12345) => new()
    {
        Run = 4242,
        Spill = 17,
        ConditionsId = Conditions.Id,
        Sample = new SampleDescriptor(SampleKind.Signal, 16.7, 1e-4, seed),
        Eot = 123_456_789_012,
        Triggers = 40,
        StartUnixMs = 1_700_000_000_123,
    };

    /// <summary>Event <paramref name="n"/> of a spill: deterministic, varied hit counts and signs, truth on two events in three.</summary>
    public static RawEvent Event(long n)
    {
        var e = RawEvent.For(Conditions);
        var r = new EventRandom(EventRandom.DeriveSeed(99, (ulong)n));
        e.EventNumber = n;
        // Event 0 is empty; event 1 has the most Micromegas hits an event holds.
        var hits = n == 0 ? 0 : n == 1 ? RawEvent.MaxMicromegasHits : 1 + r.NextInt(40);
        for (var i = 0; i < hits; i++) e.AddMicromegasHit(r.NextInt(8), r.NextInt(64), r.NextInt(ushort.MaxValue + 1));
        if (n == 0) return e;
        Fill(ref r, e.SrdEnergyKeV, 1, 200_000);
        for (var i = 0; i < e.SrdTimePs.Length; i++) e.SrdTimePs[i] = r.NextInt(20_001) - 10_000;
        Fill(ref r, e.EcalPreshowerKeV, 15, 5_000_000);
        Fill(ref r, e.EcalMainKeV, 15, 100_000_000);
        Fill(ref r, e.HcalKeV, 5, 20_000_000);
        Fill(ref r, e.VetoKeV, 1, 10_000);
        if (n == 2)
        {
            // Extremes of the int range must survive the zigzag varints.
            e.EcalMainKeV[0] = int.MaxValue;
            e.EcalMainKeV[35] = int.MinValue;
            e.HcalKeV[35] = -1;
        }
        if (n % 3 != 0)
        {
            e.HasTruth = true;
            e.Truth = new McTruth
            {
                Particle = (ParticleKind)(n % 4),
                Flags = TruthFlags.APrime | TruthFlags.Leakage,
                MomentumGeV = 100 * (1 + 0.01 * r.NextGaussian()),
                XMm = r.NextGaussian(),
                YMm = -r.NextGaussian(),
                SlopeX = 1e-4 * r.NextGaussian(),
                SlopeY = 1e-4 * r.NextGaussian(),
                APrimeEnergyGeV = 60 * r.NextDouble(),
                Weight = 3.5e-7 * r.NextDouble(),
            };
        }
        return e;
    }

    private static void Fill(ref EventRandom r, int[] cells, int typical, int max)
    {
        var count = Math.Min(cells.Length, typical + r.NextInt(3));
        for (var k = 0; k < count; k++) cells[r.NextInt(cells.Length)] = 1 + r.NextInt(max);
    }

    /// <summary>Writes events 0..count−1 of <see cref="Event"/> to a new temp file.</summary>
    public static TempFile Write(int count, ulong seed = 12345)
    {
        var file = new TempFile();
        using var w = SpillFileWriter.Create(file.Path, Header(seed), Conditions);
        for (var n = 0; n < count; n++) w.Write(Event(n));
        return file;
    }
}
