namespace NA64.Reco.Cli.Tests;

/// <summary>
/// A test that reads the Arrow export with Apache Arrow's JavaScript library (tests/arrow-js/read-arrow.mjs): it needs
/// Node.js and the reader's pinned packages, which come from the npm registry (<c>npm ci</c> in tests/arrow-js, done by
/// .ci/run). A test run needs no network, so without them the test is skipped with the reason; under <c>CI=true</c> it
/// runs and fails.
/// </summary>
public sealed class ArrowJsFactAttribute : FactAttribute
{
    public ArrowJsFactAttribute()
    {
        if (!Directory.Exists(Path.Combine(ArrowJsReader.Folder, "node_modules")) && !ContinuousIntegration.Required)
            Skip = "tests/arrow-js/node_modules is missing: run `npm ci` in tests/arrow-js (Node.js 20), or run under CI=true to make this a failure";
    }
}
