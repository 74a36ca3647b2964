using System.CommandLine;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Cli.Options;

/// <summary>The shared <c>--conditions FILE</c> option: the embedded default when absent.</summary>
public static class ConditionsOption
{
    public static Option<FileInfo?> Create() => new("--conditions")
    {
        Description = "Detector conditions JSON file (default: the embedded na64-invisible-default conditions)",
    };

    public static DetectorConditions Load(FileInfo? file) => file is null ? DetectorConditions.Default : DetectorConditions.Load(file.FullName);
}
