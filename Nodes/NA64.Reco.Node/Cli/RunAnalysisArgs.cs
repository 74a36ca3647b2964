using NA64.Reco.Actors.Results;
using NA64.Reco.Node.Export;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Node.Cli;

/// <summary>The analysis and export options of <c>na64 run</c>: <c>--method cls|fc</c>, <c>--export arrow</c>, <c>--prescale N</c>.</summary>
internal sealed record RunAnalysisArgs(string Method, string? Export, int Prescale)
{
    /// <summary>A one-line error for bad values, null when they are fine.</summary>
    public string? Error()
    {
        if (Method is not ("cls" or "fc")) return $"--method must be cls or fc, not '{Method}'";
        if (Export is not (null or "arrow")) return $"--export supports only 'arrow', not '{Export}'";
        if (Prescale < 0) return "--prescale must be >= 0";
        if (Prescale > 0 && Export is null) return "--prescale needs --export arrow";
        return null;
    }

    public CampaignAnalysisOptions Options => new() { Method = Method == "fc" ? LimitMethod.FeldmanCousins : LimitMethod.Cls };

    /// <summary>Export into &lt;out&gt;/export, or null without --export.</summary>
    public ArrowExportOptions? ExportOptions(string output) => Export is null ? null : new ArrowExportOptions(Path.Combine(output, "export"), Prescale);
}
