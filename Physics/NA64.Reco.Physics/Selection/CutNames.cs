namespace NA64.Reco.Physics.Selection;

/// <summary>Stable names of the cut-flow rows as they appear in tables and JSON.</summary>
public static class CutNames
{
    public const int Count = (int)Cut.SignalBox + 1;

    private static readonly string[] s_names =
        ["all", "trigger", "single-track", "momentum", "srd-tag", "preshower", "shower-shape", "veto", "hcal", "signal-box"];

    public static string Name(Cut cut) => s_names[(int)cut];

    public static IReadOnlyList<string> All => s_names;
}
