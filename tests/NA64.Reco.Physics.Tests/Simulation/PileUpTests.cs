using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;

namespace NA64.Reco.Physics.Tests.Simulation;

/// <summary>Pile-up from the beam intensity (physics.md §3b).</summary>
public sealed class PileUpTests
{
    private static readonly DetectorConditions s_c = DetectorConditions.Default;

    [Fact]
    public void The_rate_is_the_intensity_over_the_spill_and_the_window_the_widest_pulse()
    {
        var generator = SimulationSamples.Create(SampleKind.Beam, 5);
        // 5e6 per 4.8 s = 1.042e-3 per ns, over ±30 ns (ECAL and HCAL pulse half-widths).
        Assert.Equal(5e6 / 4.8 * 1e-9, generator.PileUp.RatePerNs, 15);
        Assert.Equal(5e6 / 4.8 * 1e-9 * 60, generator.PileUp.MeanParticles, 15);
    }

    [Fact]
    public void Events_overlap_other_beam_particles_at_the_rate_of_the_beam()
    {
        var generator = SimulationSamples.Create(SampleKind.Beam, 6);
        var ev = RawEvent.For(s_c);
        const int n = 40_000;
        int pileUp = 0, inTime = 0;
        for (long i = 0; i < n; i++)
        {
            generator.Generate(0, i, ev);
            if ((ev.Truth.Flags & TruthFlags.PileUp) != 0) pileUp++;
            if ((ev.Truth.Flags & TruthFlags.InTimePileUp) != 0) inTime++;
        }
        // Every particle within ±30 ns overlaps the ECAL pulse: 1 − e^{−0.0625} = 0.0606; in time, ±3.5 ns: 0.0073.
        Assert.InRange(pileUp / (double)n, 0.0606 - 0.006, 0.0606 + 0.006);
        Assert.InRange(inTime / (double)n, 0.0073 - 0.0022, 0.0073 + 0.0022);
    }

    [Fact]
    public void Without_pile_up_an_event_is_the_one_of_a_beam_of_no_intensity()
    {
        var quiet = s_c with { Beam = s_c.Beam with { ParticlesPerSpill = 0 } };
        var busy = SimulationSamples.Create(SampleKind.Beam, 8);
        var alone = SimulationSamples.Create(SampleKind.Beam, 8, quiet);
        var a = RawEvent.For(s_c);
        var b = RawEvent.For(s_c);
        int same = 0, overlapped = 0;
        for (long i = 0; i < 5000; i++)
        {
            busy.Generate(0, i, a);
            alone.Generate(0, i, b);
            Assert.Equal(TruthFlags.None, b.Truth.Flags & (TruthFlags.PileUp | TruthFlags.InTimePileUp));
            if ((a.Truth.Flags & TruthFlags.PileUp) != 0)
            {
                overlapped++;
                continue;
            }
            Assert.Equal(SimulationSamples.Snapshot(b), SimulationSamples.Snapshot(a));
            same++;
        }
        Assert.True(overlapped > 150, $"{overlapped} overlapped events");
        Assert.True(same > 4500, $"{same} events without pile-up");
    }

    [Fact]
    public void A_beam_particle_in_time_adds_its_shower_to_the_ecal()
    {
        var generator = SimulationSamples.Create(SampleKind.Beam, 9);
        var ev = RawEvent.For(s_c);
        int found = 0, doubled = 0;
        const TruthFlags pileUp = TruthFlags.InTimePileUp | TruthFlags.InTimeSrPileUp | TruthFlags.PileUp;
        for (long i = 0; i < 100_000 && found < 40; i++)
        {
            generator.Generate(0, i, ev);
            if (ev.Truth.Particle != ParticleKind.Electron || ev.Truth.Flags != pileUp) continue;
            found++;
            // Two electrons within 3.5 ns: the second adds ≥ 88% (1 − 3.5/30) of its 100 GeV.
            if (SimulationSamples.EcalGeV(ev) > 150) doubled++;
        }
        Assert.Equal(40, found);
        Assert.True(doubled >= 36, $"{doubled} of {found} in-time pairs read above 150 GeV");
    }
}
