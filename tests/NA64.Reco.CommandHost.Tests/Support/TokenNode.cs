namespace NA64.Reco.CommandHost.Tests.Support;

/// <summary>A live node with a token of its own (token file given on loopback).</summary>
public sealed class TokenNode : LiveNode
{
    public const string SharedToken = "s3cret-token-for-tests";

    protected override string Token => SharedToken;
}
