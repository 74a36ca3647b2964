using Apache.Arrow;
using Apache.Arrow.Ipc;
using NA64.Reco.Results.Plots;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Summary;
using NA64.Reco.Cli.Export;

namespace NA64.Reco.Cli.Tests;

public sealed class AnalysisOutputTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A beam sample with no event in the box or the side-bands (background-free projections), signal at 1 MeV and 100 MeV.</summary>
    private static CampaignAnalysis Analysis()
    {
        var beam = new EventSummary { Eot = 10_000_000, Events = 10_000_000 };
        beam.CutFlow[(int)Cut.All] = 10_000_000;
        beam.CutFlow[(int)Cut.SignalBox] = 0;
        var samples = new List<SampleResult> { new("beam", new SampleDescriptor(SampleKind.Beam, 0, 0, 1), beam, FromFiles: false) };
        foreach (var (mass, w) in new[] { (1.0, 0.2), (100.0, 0.001) })
        {
            var s = new EventSummary { Eot = 1000, Events = 1000 };
            for (var c = 0; c < CutNames.Count; c++)
            {
                var n = 1000 - 40 * c;
                s.CutFlow[c] = n;
                s.WeightedCutFlow[c] = FixedPointWeight.FromDouble(n * w);
                s.WeightedSquaredCutFlow[c] = FixedPointWeight.FromDouble(n * w * w);
            }
            var descriptor = new SampleDescriptor(SampleKind.Signal, mass, 1e-4, 2);
            samples.Add(new(descriptor.Name, descriptor, s, FromFiles: false));
        }
        // The empty box of 10⁷ EOT bounds b by 1.148: projected at that end, 10⁸ and 5 × 10⁸ EOT stay below the
        // maximum background of a projection.
        return CampaignAnalysis.From(samples, DetectorConditions.Default, new CampaignAnalysisOptions { ProjectedEot = [1e8, 5e8] });
    }

    [Fact]
    public void The_exclusion_and_efficiency_plots_are_non_trivial_png_and_svg_files()
    {
        var analysis = Analysis();
        Assert.Equal(2, analysis.Projections.Count);

        var (exclusion, svg) = AnalysisPlots.Exclusion(analysis, "test") ?? throw new Xunit.Sdk.XunitException("no exclusion plot");
        var efficiency = AnalysisPlots.Efficiency(analysis, "test") ?? throw new Xunit.Sdk.XunitException("no efficiency plot");
        var y = AnalysisPlots.DarkMatterY(analysis, "test") ?? throw new Xunit.Sdk.XunitException("no y plot");

        foreach (var (png, bytes) in new[] { ("exclusion.png", exclusion), ("efficiency.png", efficiency), ("exclusion-y.png", y) })
        {
            Assert.True(bytes.Length > 10_000, $"{png}: {bytes.Length} bytes");
            Assert.Equal(PngSignature, bytes[..8]);
        }
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("m_A' [MeV]", svg.Replace("&#39;", "'", StringComparison.Ordinal).Replace("&apos;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(svg.Length > 5_000);
    }

    [Fact]
    public void The_background_sources_plot_is_drawn_for_the_sources_with_events_past_veto_and_not_without_any()
    {
        Assert.NotNull(Analysis().Backgrounds);
        Assert.Null(BackgroundPlots.Sources(Analysis(), "empty"));

        // A beam of 10⁷ EOT: one low-energy-tail event in the box, two hadron interactions in the HCAL side-band.
        var beam = new EventSummary { Eot = 10_000_000, Events = 10_000_000 };
        beam.CutFlow[(int)Cut.All] = 10_000_000;
        var one = FixedPointWeight.FromDouble(1);
        foreach (var (slot, cell, n) in new[] { (3, SidebandCells.Index(0, 0), 1), (4, SidebandCells.Index(0, 2), 2) })
        {
            beam.SourceCellEvents[slot * SidebandCells.Count + cell] = n;
            beam.WeightedSourceCell[slot * SidebandCells.Count + cell] = beam.WeightedSquaredSourceCell[slot * SidebandCells.Count + cell] = n * one;
        }
        var analysis = CampaignAnalysis.From([new SampleResult("beam", new SampleDescriptor(SampleKind.Beam, 0, 0, 1), beam, FromFiles: false)],
            DetectorConditions.Default, new CampaignAnalysisOptions());
        var png = BackgroundPlots.Sources(analysis, "test") ?? throw new Xunit.Sdk.XunitException("no background-sources plot");
        Assert.Equal(PngSignature, png[..8]);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
        Assert.Equal(2, analysis.Backgrounds!.Rows.Count(r => Enumerable.Range(0, SidebandCells.Count).Any(c => r.Shape[c] > 0)));
    }

    [Fact]
    public void Without_limits_there_is_no_exclusion_plot()
    {
        var signal = new SampleDescriptor(SampleKind.Signal, 1, 1e-4, 2);
        var analysis = CampaignAnalysis.From([new SampleResult(signal.Name, signal, new EventSummary(), FromFiles: false)],
            DetectorConditions.Default, new CampaignAnalysisOptions());

        Assert.Null(AnalysisPlots.Exclusion(analysis, "x"));
        Assert.Null(AnalysisPlots.DarkMatterY(analysis, "x"));
    }

    [Fact]
    public void The_arrow_export_reads_back_the_reconstruction_of_the_triggered_events_and_leaves_the_summary_unchanged()
    {
        using var dir = new TempFolder();
        var conditions = DetectorConditions.Default;
        var sample = new SampleDescriptor(SampleKind.Signal, 16.7, 1e-4, 77);
        var chunk = new SimulatedChunk(sample, 1, 3, 2, 500, 600);
        var options = new EventExportOptions(dir["export"]);

        var exported = new ExportingChunkProcessor(Setup.Of(conditions), options).Process(chunk);
        Assert.Equal(new ChunkProcessor(conditions).Process(chunk).Fingerprint(), exported.Fingerprint());

        // The same events, reconstructed independently of the exporter.
        var kernel = new EventKernel(conditions);
        var generator = new EventGenerator(conditions, sample);
        var raw = RawEvent.For(conditions);
        var expected = new List<(long Event, double Ecal, double Hcal, double Momentum, double Srd1, double Weight, string Cut)>();
        var scratch = new EventSummary();
        for (long n = 500; n < 1100; n++)
        {
            generator.Generate(3, n, raw);
            var cut = kernel.Process(raw, scratch);
            if (cut >= Cut.Trigger)
                expected.Add((n, kernel.Last.EcalTotalGeV, kernel.Last.HcalTotalGeV, kernel.Last.MomentumGeV, kernel.Last.SrdEnergyMeV[0], raw.Truth.Weight, CutNames.Name(cut)));
        }
        Assert.InRange(expected.Count, 100, 599);

        var path = options.ChunkFileFor(sample.Name, 1, 3, 2);
        Assert.EndsWith("signal-16.7MeV-r1-s00003-c0002.arrow", path, StringComparison.Ordinal);
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        using var batch = reader.ReadNextRecordBatch();
        Assert.Equal(EventColumns.Names, batch.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(expected.Count, batch.Length);
        var events = (Int64Array)batch.Column("event");
        var ecal = (DoubleArray)batch.Column("ecal_gev");
        var hcal = (DoubleArray)batch.Column("hcal_gev");
        var momentum = (DoubleArray)batch.Column("momentum_gev");
        var srd1 = (DoubleArray)batch.Column("srd_e1_mev");
        var weight = (DoubleArray)batch.Column("weight");
        var lastCut = (StringArray)batch.Column("last_cut");
        var sampleColumn = (StringArray)batch.Column("sample");
        var spill = (Int32Array)batch.Column("spill");
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            Assert.Equal(e.Event, events.GetValue(i));
            Assert.Equal(e.Ecal, ecal.GetValue(i));
            Assert.Equal(e.Hcal, hcal.GetValue(i));
            Assert.Equal(e.Momentum, momentum.GetValue(i));
            Assert.Equal(e.Srd1, srd1.GetValue(i));
            Assert.Equal(e.Weight, weight.GetValue(i));
            Assert.Equal(e.Cut, lastCut.GetString(i));
            Assert.Equal("signal-16.7MeV", sampleColumn.GetString(i));
            Assert.Equal(3, spill.GetValue(i));
        }
        Assert.Null(reader.ReadNextRecordBatch());
    }

    [Fact]
    public void With_a_prescale_every_nth_event_is_exported_whatever_its_selection()
    {
        using var dir = new TempFolder();
        var conditions = DetectorConditions.Default;
        var sample = new SampleDescriptor(SampleKind.Beam, 0, 0, 5);
        var options = new EventExportOptions(dir.Path, Prescale: 7);
        new ExportingChunkProcessor(Setup.Of(conditions), options).Process(new SimulatedChunk(sample, 1, 0, 0, 100, 300));

        using var stream = File.OpenRead(options.ChunkFileFor(sample.Name, 1, 0, 0));
        using var reader = new ArrowFileReader(stream);
        using var batch = reader.ReadNextRecordBatch();
        var events = (Int64Array)batch.Column("event");
        // 105, 112, …, 399: the multiples of 7 in [100, 400).
        Assert.Equal(Enumerable.Range(15, 43).Select(k => (long?)(7 * k)), Enumerable.Range(0, batch.Length).Select(i => events.GetValue(i)));
        Assert.Contains(Enumerable.Range(0, batch.Length), i => ((StringArray)batch.Column("last_cut")).GetString(i) == "all");
    }
}
