using System.Collections.Concurrent;
using System.Runtime.Serialization;

namespace NA64.Reco.Actors.Tests.Support;

/// <summary>
/// A type no payload may bring to life: every way a serializer could create it or fill it in (its parameterless
/// constructor, the serialization constructor Akka's exception support calls, its setter) records that it ran. It
/// lives in the test assembly, loaded in the node's process, so any serializer that resolved its name would find it.
/// </summary>
public sealed class Tripwire
{
    private static readonly ConcurrentQueue<string> s_ran = new();

    public Tripwire() => s_ran.Enqueue("constructor");

    // Reached only by reflection, as a serializer that honours ISerializable would call it.
#pragma warning disable IDE0051
    private Tripwire(SerializationInfo info, StreamingContext context) => s_ran.Enqueue("serialization constructor");
#pragma warning restore IDE0051

    public string? Path
    {
        get => null;
        set => s_ran.Enqueue("Path setter");
    }

    /// <summary>What ran, in order.</summary>
    public static IReadOnlyList<string> Ran => s_ran.ToArray();

    public static string Name => $"{typeof(Tripwire).FullName}, {typeof(Tripwire).Assembly.GetName().Name}";
}
