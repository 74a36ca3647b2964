using System.Reflection;
using NA64.Reco.Physics.Processing;

namespace NA64.Reco.Actors.Reconstruction;

/// <summary>
/// Turns a processor's exception into the (file, offset, reason) of a quarantine entry, and tells a read error (the
/// input cannot be read now: missing, unreadable, changed) from corrupt input.
/// </summary>
internal static class FailureDescription
{
    public sealed record Failure(string File, long Offset, string Reason, bool IsReadError);

    public static Failure Of(Exception ex, ChunkWork? work, string? path = null)
    {
        if (ex is AggregateException { InnerExceptions.Count: 1 } agg) ex = agg.InnerExceptions[0];
        if (ex is CorruptSpillException c) return new(c.File, c.Offset, c.Reason, false);
        var file = path ?? (work is RawFileChunk raw ? raw.Path : work is SimulatedChunk sim ? $"{sim.Sample.Name} run {sim.Run} spill {sim.Spill}" : "?");
        if (ex is IOException or UnauthorizedAccessException) return new(file, -1, $"{ex.GetType().Name}: {ex.Message}", true);
        // Reader exceptions of the physics library (RawFormatException) name their position by
        // File/Path and Offset properties: take them when present rather than wrapping every reader.
        var type = ex.GetType();
        var offset = type.GetProperty("Offset", BindingFlags.Public | BindingFlags.Instance)?.GetValue(ex) is long o ? o : -1;
        if ((type.GetProperty("File", BindingFlags.Public | BindingFlags.Instance) ?? type.GetProperty("Path", BindingFlags.Public | BindingFlags.Instance))?.GetValue(ex) is string p) file = p;
        return new(file, offset, $"{type.Name}: {ex.Message}", false);
    }
}
