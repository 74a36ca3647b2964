using System.Reflection;
using NA64.Reco.Physics.Processing;

namespace NA64.Reco.Actors.Processing;

/// <summary>Turns a processor's exception into the (file, offset, reason) of a quarantine entry.</summary>
internal static class FailureDescription
{
    public static (string File, long Offset, string Reason) Of(Exception ex, ChunkWork work)
    {
        if (ex is AggregateException { InnerExceptions.Count: 1 } agg) ex = agg.InnerExceptions[0];
        if (ex is CorruptSpillException c) return (c.File, c.Offset, c.Reason);
        var file = work is RawFileChunk raw ? raw.Path : work is SimulatedChunk sim ? $"{sim.Sample.Name} run {sim.Run} spill {sim.Spill}" : "?";
        // Reader exceptions of the physics library (RawFormatException) name their position by
        // File/Path and Offset properties: take them when present rather than wrapping every reader.
        var type = ex.GetType();
        var offset = type.GetProperty("Offset", BindingFlags.Public | BindingFlags.Instance)?.GetValue(ex) is long o ? o : -1;
        if ((type.GetProperty("File", BindingFlags.Public | BindingFlags.Instance) ?? type.GetProperty("Path", BindingFlags.Public | BindingFlags.Instance))?.GetValue(ex) is string p) file = p;
        return (file, offset, $"{type.Name}: {ex.Message}");
    }
}
