namespace NA64.Reco.CommandHost.Tests.Support;

/// <summary>Waiting for a condition with a deadline (gossip, a closed connection seen by the host), never for a fixed time.</summary>
public static class Poll
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> after <see cref="Patience"/>.</summary>
    public static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"not within {Patience.TotalSeconds} s: {what}");
            await Task.Delay(50);
        }
    }
}
