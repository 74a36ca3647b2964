using System.Globalization;

namespace NA64.Reco.Cli.Options;

/// <summary>A number given as an option's text: parsed invariantly, finite, or an error naming the option.</summary>
public static class NumberArgument
{
    public static double Parse(string text, string name)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
            throw new ArgumentException($"{name} must be a number, got '{text}'");
        return x;
    }
}
