using NA64.Reco.Cli.Export;

namespace NA64.Reco.Cli.Options;

/// <summary>The export options of <c>na64 run</c>: <c>--export arrow|parquet</c>, <c>--prescale N</c>.</summary>
internal sealed record RunExportArgs(string? Export, int Prescale)
{
    /// <summary>A one-line error for bad values, null when they are fine.</summary>
    public string? Error()
    {
        if (Export is not (null or "arrow" or "parquet")) return $"--export takes 'arrow' or 'parquet', not '{Export}'";
        if (Prescale < 0) return "--prescale must be >= 0";
        if (Prescale > 0 && Export is null) return "--prescale needs --export arrow|parquet";
        return null;
    }

    /// <summary>Export into &lt;out&gt;/export, or null without --export.</summary>
    public EventExportOptions? ExportOptions(string output) => Export is null
        ? null
        : new EventExportOptions(Path.Combine(output, "export"), Export == "parquet" ? ExportFormat.Parquet : ExportFormat.Arrow, Prescale);
}
