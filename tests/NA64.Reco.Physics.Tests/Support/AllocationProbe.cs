namespace NA64.Reco.Physics.Tests.Support;

/// <summary>
/// Measures the bytes a body allocates on this thread. One-off runtime work (a rare path's first-time static
/// initialisation, tiering) can land inside any single window; an allocation per event lands in every one.
/// So the body runs several times and the smallest count is what per-event allocation is judged by.
/// </summary>
internal static class AllocationProbe
{
    public static long MinimumAllocatedBytes(Action body, int repetitions = 3)
    {
        var minimum = long.MaxValue;
        for (var r = 0; r < repetitions; r++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            body();
            minimum = Math.Min(minimum, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return minimum;
    }
}
