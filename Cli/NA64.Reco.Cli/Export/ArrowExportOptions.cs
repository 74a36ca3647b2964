namespace NA64.Reco.Cli.Export;

/// <summary>
/// What <c>--export arrow</c> writes: into <see cref="Directory"/>, the events passing the trigger, or with
/// <see cref="Prescale"/> N &gt; 0 every event whose number in its spill is a multiple of N.
/// </summary>
public sealed record ArrowExportOptions(string Directory, int Prescale = 0)
{
    /// <summary>File of one chunk: &lt;sample&gt;-r&lt;run&gt;-s&lt;spill&gt;-c&lt;chunk&gt;.arrow.</summary>
    public string FileFor(string sample, int run, int spill, int chunk) =>
        Path.Combine(Directory, $"{sample}-r{run}-s{spill:D5}-c{chunk:D4}.arrow");
}
