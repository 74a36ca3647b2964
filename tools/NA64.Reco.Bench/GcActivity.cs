using System.Globalization;

namespace NA64.Reco.Bench;

/// <summary>
/// The garbage collections of this process (per generation) and the time it was paused for them: what a measured
/// campaign cost the GC, without a profiler. Background gen-2 collections count in <see cref="Gen2"/>, but only their
/// short pauses are in <see cref="PauseSeconds"/>; their concurrent work is in the process's CPU time.
/// </summary>
public readonly record struct GcActivity(int Gen0, int Gen1, int Gen2, double PauseSeconds)
{
    public static GcActivity Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalSeconds);

    public static GcActivity operator -(GcActivity after, GcActivity before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.PauseSeconds - before.PauseSeconds);

    /// <summary>E.g. <c>GC 41/12/3, paused 0.052 s</c> (collections of gen 0/1/2; a gen-1 collection also counts in gen 0).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"GC {Gen0}/{Gen1}/{Gen2}, paused {PauseSeconds:F3} s");
}
