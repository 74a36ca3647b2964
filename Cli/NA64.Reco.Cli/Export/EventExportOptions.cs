namespace NA64.Reco.Cli.Export;

/// <summary>
/// What <c>--export arrow|parquet</c> writes into <see cref="Directory"/>: the events passing the trigger, or with
/// <see cref="Prescale"/> N &gt; 0 every event whose number in its spill is a multiple of N. Each chunk's events are
/// written first by the node that reconstructs it (event data never cross the cluster), into <c>chunks/</c>; when the
/// campaign is done they become one file per sample (<see cref="EventDataset"/>).
/// </summary>
public sealed record EventExportOptions(string Directory, ExportFormat Format = ExportFormat.Arrow, int Prescale = 0)
{
    /// <summary>The intermediate file of one chunk: chunks/&lt;sample&gt;-r&lt;run&gt;-s&lt;spill&gt;-c&lt;chunk&gt;.arrow.</summary>
    public string ChunkFileFor(string sample, int run, int spill, int chunk) =>
        Path.Combine(ChunkDirectory, $"{sample}-r{run}-s{spill:D5}-c{chunk:D4}.arrow");

    public string ChunkDirectory => Path.Combine(Directory, "chunks");

    /// <summary>The dataset file of one sample: &lt;sample&gt;.arrow or &lt;sample&gt;.parquet.</summary>
    public string SampleFileFor(string sample) =>
        Path.Combine(Directory, sample + (Format == ExportFormat.Parquet ? ".parquet" : ".arrow"));

    /// <summary>Which events, as the files' metadata states it.</summary>
    public string Selection => Prescale > 0 ? $"every event number divisible by {Prescale}" : "passing the trigger";
}
