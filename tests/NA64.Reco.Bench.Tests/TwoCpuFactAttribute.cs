namespace NA64.Reco.Bench.Tests;

/// <summary>
/// A test that pins two processes to a CPU each: skipped, with the reason, where <c>taskset</c> or a second CPU is
/// missing, but never under <c>CI=true</c>, where the test then fails.
/// </summary>
public sealed class TwoCpuFactAttribute : FactAttribute
{
    public TwoCpuFactAttribute()
    {
        if (TwoNodeBench.Unavailable() is { } why && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = why + "; run under CI=true to make this a failure";
    }
}
