using System.Globalization;
using NA64.Reco.Actors.Supervision;

namespace NA64.Reco.Cli.Options;

/// <summary>The <c>--journal-patience SECONDS</c> of <c>run</c> and <c>node</c>: how long journal failures in a row are ridden out.</summary>
internal static class JournalPatienceOption
{
    public static readonly double DefaultSeconds = JournalPatience.Default.Patience.TotalSeconds;

    public static string? Error(double seconds) =>
        seconds is > 0 and <= 7 * 24 * 3600 ? null : string.Create(CultureInfo.InvariantCulture, $"--journal-patience must be within (0, 604800] seconds, got {seconds}");

    public static JournalPatience From(double seconds) => JournalPatience.Default with { Patience = TimeSpan.FromSeconds(seconds) };
}
