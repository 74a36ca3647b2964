namespace NA64.Reco.Tests.Shared;

/// <summary>
/// Whether the tests run under CI (<c>CI=true</c>, set by .ci/run): there a test that lacks what it needs (PostgreSQL,
/// Chromium, a mount, the npm packages) fails, where on a developer machine it is skipped with the reason.
/// </summary>
public static class ContinuousIntegration
{
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
