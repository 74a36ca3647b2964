namespace NA64.Reco.Physics.Detector;

/// <summary>Collects range checks on conditions fields; the first failure names its JSON path.</summary>
public sealed class ConditionsValidator(string source, string document = ConditionsException.ConditionsDocument)
{
    public string Source { get; } = source;

    public void Positive(string field, double value)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw Fail(field, $"must be a finite number > 0, got {value}");
    }

    public void NonNegative(string field, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value)) throw Fail(field, $"must be a finite number >= 0, got {value}");
    }

    public void InRange(string field, double value, double min, double max)
    {
        if (!(value >= min && value <= max)) throw Fail(field, $"must be within [{min}, {max}], got {value}");
    }

    public void Fraction(string field, double value) => InRange(field, value, 0, 1);

    public void Count(string field, int value, int min, int max)
    {
        if (value < min || value > max) throw Fail(field, $"must be an integer within [{min}, {max}], got {value}");
    }

    public void NotEmpty(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) throw Fail(field, "must be a non-empty string");
    }

    /// <summary>An array whose elements must all be present: <c>[null]</c> names the element.</summary>
    public void NoNullElements<T>(string field, T?[] items) where T : class
    {
        for (var i = 0; i < items.Length; i++)
            if (items[i] is null) throw Fail($"{field}[{i}]", "must be an object, got null");
    }

    /// <summary>A list of distinct cell indices within [0, cells − 1].</summary>
    public void CellList(string field, int[] items, int cells)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] < 0 || items[i] >= cells) throw Fail($"{field}[{i}]", $"must be a cell index within [0, {cells - 1}], got {items[i]}");
            for (var j = 0; j < i; j++)
                if (items[j] == items[i]) throw Fail($"{field}[{i}]", $"cell {items[i]} is listed twice (also at [{j}])");
        }
    }

    public ConditionsException Fail(string field, string reason) => new(Source, field, reason, document);
}
