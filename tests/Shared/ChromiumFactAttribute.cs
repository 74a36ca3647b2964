namespace NA64.Reco.Tests.Shared;

/// <summary>
/// A test that opens a page in headless Chromium (Debian's <c>chromium</c> package, installed by .ci/run): skipped with
/// the reason when it is absent on a developer machine, never under <c>CI=true</c>, where its absence fails the test.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Find() is null && !ContinuousIntegration.Required)
            Skip = "chromium not installed: apt-get install chromium, or run under CI=true to make this a failure";
    }
}
