using System.Text;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Cli.Reports;

/// <summary>A cut-flow as an aligned text table: events, fraction of the previous row, fraction of all.</summary>
public static class CutFlowText
{
    public static string Format(EventSummary s)
    {
        var text = new StringBuilder();
        text.AppendLine("  cut             events       / prev     / all");
        for (var i = 0; i < CutNames.Count; i++)
        {
            var prev = i == 0 ? s.CutFlow[0] : s.CutFlow[i - 1];
            text.AppendLine(FormattableString.Invariant(
                $"  {CutNames.All[i],-14} {s.CutFlow[i],12} {Fraction(s.CutFlow[i], prev),10} {Fraction(s.CutFlow[i], s.CutFlow[0]),10}"));
        }
        return text.ToString();
    }

    private static string Fraction(long k, long n) => n == 0 ? "-" : FormattableString.Invariant($"{(double)k / n:0.0000}");
}
