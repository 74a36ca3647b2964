using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Akka.Actor;
using Hyperion;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// The allow-list of the wire format and of the journal: a type named in a payload is accepted only if it is a type of
/// the assemblies that define messages and events (<c>NA64.Reco.Messages</c>, <c>NA64.Reco.Physics</c>; no delegates
/// or exceptions), a primitive, an array or one
/// of a few collections of those, or an Akka actor reference (which only travels through its surrogate). Everything else (a gadget such as <c>System.Diagnostics.Process</c>, a
/// <c>FileInfo</c>, any framework type we never send) is refused before Hyperion creates an instance.
/// </summary>
public sealed class Na64TypeFilter : ITypeFilter
{
    public static readonly Na64TypeFilter Instance = new();

    /// <summary>
    /// The assemblies whose types cross the wire or are journaled. Not every <c>NA64.Reco.*</c> assembly: a type of
    /// the actors, the CLI or a test assembly has no business in a payload.
    /// </summary>
    private const string ProjectPrefix = "NA64.Reco.";

    public static readonly IReadOnlySet<string> WireAssemblies = new HashSet<string>(StringComparer.Ordinal) { "NA64.Reco.Messages", "NA64.Reco.Physics" };

    // Assemblies a name may point into. Resolving a name never loads anything else: a payload cannot
    // make the node load an arbitrary assembly just to be told no.
    private static readonly HashSet<string> s_frameworkAssemblies = new(StringComparer.Ordinal)
    {
        "System.Private.CoreLib", "mscorlib", "netstandard", "System.Runtime", "System.Collections", "System.Collections.Immutable",
    };

    private static readonly HashSet<Type> s_scalars =
    [
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(Int128), typeof(UInt128), typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(string),
        typeof(Guid), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan),
    ];

    private static readonly HashSet<Type> s_collections =
    [
        typeof(List<>), typeof(Dictionary<,>), typeof(SortedDictionary<,>), typeof(HashSet<>), typeof(KeyValuePair<,>), typeof(Nullable<>),
        typeof(ImmutableArray<>), typeof(ImmutableList<>), typeof(ImmutableDictionary<,>), typeof(ImmutableSortedDictionary<,>),
    ];

    // Only admitted names are remembered: a peer sending endless distinct bad names cannot grow the cache.
    private readonly ConcurrentDictionary<string, byte> _admitted = new(StringComparer.Ordinal);

    /// <summary><paramref name="typeName"/>: Hyperion's short assembly-qualified name (core library written <c>,%core%</c>).</summary>
    public bool IsAllowed(string typeName)
    {
        if (_admitted.ContainsKey(typeName)) return true;
        if (Resolve(typeName) is not { } type || !IsAllowedType(type)) return false;
        _admitted.TryAdd(typeName, 0);
        return true;
    }

    /// <summary>The rule itself, on a resolved type (also used to check that every message type passes).</summary>
    public static bool IsAllowedType(Type type)
    {
        if (type.IsArray) return type.GetArrayRank() == 1 && IsAllowedType(type.GetElementType()!);
        if (s_scalars.Contains(type)) return true;
        // Hyperion checks the runtime type of a reference before it applies the IActorRef surrogate; the
        // payload itself only ever names ActorRefSurrogate, and a ref type has no serializer but the surrogate.
        if (typeof(IActorRef).IsAssignableFrom(type) && IsAkkaAssembly(type.Assembly)) return true;
        if (IsSynthesizedCollection(type)) return !type.IsGenericTypeDefinition && type.GetGenericArguments().All(IsAllowedType);
        if (type.IsGenericType && !type.IsGenericTypeDefinition && !IsProjectAssembly(type.Assembly))
        {
            if (!s_collections.Contains(type.GetGenericTypeDefinition())) return false;
            foreach (var argument in type.GetGenericArguments())
                if (!IsAllowedType(argument)) return false;
            return true;
        }
        if (!IsProjectAssembly(type.Assembly) || typeof(Delegate).IsAssignableFrom(type) || typeof(Exception).IsAssignableFrom(type)) return false;
        if (type.IsGenericType)
            foreach (var argument in type.GetGenericArguments())
                if (!IsAllowedType(argument)) return false;
        return true;
    }

    /// <summary>
    /// The read-only wrappers the compiler emits into the assembly that writes a collection expression for an
    /// <c>IReadOnlyList&lt;T&gt;</c> (<c>&lt;&gt;z__ReadOnlyArray&lt;T&gt;</c> and its kin): any project assembly may
    /// put one into a message. They only hold their elements; no source code can name a type "&lt;&gt;…".
    /// </summary>
    private static bool IsSynthesizedCollection(Type type) =>
        type.IsGenericType && type.Name.StartsWith("<>z__ReadOnly", StringComparison.Ordinal)
        && type.Assembly.GetName().Name?.StartsWith(ProjectPrefix, StringComparison.Ordinal) == true;

    private static bool IsAkkaAssembly(Assembly assembly) => assembly.GetName().Name is { } n && (n == "Akka" || n.StartsWith("Akka.", StringComparison.Ordinal));

    private static bool IsProjectAssembly(Assembly assembly) => assembly.GetName().Name is { } n && WireAssemblies.Contains(n);

    /// <summary>
    /// The type an assembly-qualified name denotes, looked up only in the framework, Akka and the project's assemblies,
    /// and only among assemblies already loaded (the framework ones may be loaded on demand); null when it is not there.
    /// </summary>
    public static Type? Resolve(string shortName)
    {
        // Hyperion writes the core library's version/culture/key as ",%core%"; the bare assembly name resolves.
        var name = shortName.Replace(",%core%", string.Empty, StringComparison.Ordinal);
        try
        {
            return Type.GetType(name, ResolveAssembly, typeResolver: null, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            return null;
        }
    }

    private static Assembly? ResolveAssembly(AssemblyName name)
    {
        var simple = name.Name ?? string.Empty;
        var isAkka = simple == "Akka" || simple.StartsWith("Akka.", StringComparison.Ordinal);
        // Any project assembly resolves (a compiler-made collection may live in one): IsAllowedType decides.
        if (!s_frameworkAssemblies.Contains(simple) && !isAkka && !simple.StartsWith(ProjectPrefix, StringComparison.Ordinal)) return null;
        // Only assemblies already loaded (the framework ones may be loaded on demand).
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            if (loaded.GetName().Name == simple) return loaded;
        return s_frameworkAssemblies.Contains(simple) ? Assembly.Load(new AssemblyName(simple)) : null;
    }
}
