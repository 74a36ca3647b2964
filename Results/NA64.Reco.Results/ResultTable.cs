namespace NA64.Reco.Results;

/// <summary>
/// A results table of the muon and visible programmes: its columns and rows, the CSV's and the command host's palettes'
/// (one table feeds both).
/// </summary>
public sealed record ResultTable(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>As CSV: numbers invariant and round-trip, a non-finite one empty (as every results table).</summary>
    public string Csv() => AnalysisReport.Csv(Columns, Rows);
}
