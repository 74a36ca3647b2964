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

    /// <summary>A number &gt; 0, or <paramref name="fallback"/> when the option was not given.</summary>
    public static double Positive(string? text, string name, double fallback)
    {
        var x = text is null ? fallback : Parse(text, name);
        if (!(x > 0)) throw new ArgumentException($"{name} must be > 0, got {x.ToString(CultureInfo.InvariantCulture)}");
        return x;
    }

    /// <summary>A comma-separated list of 1 to 64 numbers &gt; 0.</summary>
    public static double[] PositiveList(string text, string name)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is 0 or > 64) throw new ArgumentException($"{name} needs 1 to 64 values, got {parts.Length}");
        return [.. parts.Select(p => Positive(p, name, double.NaN))];
    }

    /// <summary>A count in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when not given.</summary>
    public static int Count(string? text, string name, int fallback, int min, int max)
    {
        var x = Positive(text, name, fallback);
        if (x < min || x > max || x != Math.Floor(x))
            throw new ArgumentException($"{name} must be an integer in [{min}, {max}], got {x.ToString(CultureInfo.InvariantCulture)}");
        return (int)x;
    }

    /// <summary>An unsigned 64-bit seed, or <paramref name="fallback"/> when not given.</summary>
    public static ulong Seed(string? text, string name, ulong fallback) =>
        text is null ? fallback
        : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
        : throw new ArgumentException($"{name} must be an unsigned integer, got '{text}'");
}
