namespace NA64.Reco.CommandHost;

/// <summary>One line read by <see cref="LineReader"/>, or the mark of a line that was longer than allowed.</summary>
public sealed record LineResult(string? Text)
{
    public static readonly LineResult TooLong = new((string?)null);

    public bool IsTooLong => Text is null;
}
