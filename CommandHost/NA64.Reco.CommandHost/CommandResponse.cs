namespace NA64.Reco.CommandHost;

/// <summary>One reply as the client sees it: <see cref="Error"/> null for <c>ok</c>, and the body lines.</summary>
public sealed record CommandResponse(string? Error, IReadOnlyList<string> Body)
{
    public bool Ok => Error is null;
}
