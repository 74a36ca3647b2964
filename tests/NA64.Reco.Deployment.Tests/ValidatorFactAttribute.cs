namespace NA64.Reco.Deployment.Tests;

/// <summary>
/// A test that runs the offline manifest validator (tests/k8s/validate.mjs): it needs Node.js and the validator's
/// pinned packages, which come from the npm registry (<c>npm ci</c> in tests/k8s, done by .ci/run). A test run
/// needs no network, so without them the test is skipped with the reason; under <c>CI=true</c> it runs and fails.
/// </summary>
public sealed class ValidatorFactAttribute : FactAttribute
{
    public ValidatorFactAttribute()
    {
        if (!Directory.Exists(Path.Combine(DeploymentManifestTests.ValidatorFolder, "node_modules")) && !ContinuousIntegration.Required)
            Skip = "tests/k8s/node_modules is missing: run `npm ci` in tests/k8s (Node.js 20), or run under CI=true to make this a failure";
    }
}
