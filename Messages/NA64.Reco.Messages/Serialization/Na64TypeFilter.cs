using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Akka.Actor;
using Hyperion;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// The allow-list of the wire format: a type named in a payload is accepted only if it is a type of the
/// project's own assemblies (<c>NA64.Reco.*</c>, no delegates or exceptions), a primitive, an array or one
/// of a few collections of those, or an Akka actor reference (which only travels through its surrogate). Everything else (a gadget such as <c>System.Diagnostics.Process</c>, a
/// <c>FileInfo</c>, any framework type we never send) is refused before Hyperion creates an instance.
/// </summary>
public sealed class Na64TypeFilter : ITypeFilter
{
    public static readonly Na64TypeFilter Instance = new();

    private const string ProjectAssemblyPrefix = "NA64.Reco.";

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

    private readonly ConcurrentDictionary<string, bool> _verdicts = new(StringComparer.Ordinal);

    /// <summary><paramref name="typeName"/>: Hyperion's short assembly-qualified name (core library written <c>,%core%</c>).</summary>
    public bool IsAllowed(string typeName) => _verdicts.GetOrAdd(typeName, static name => Resolve(name) is { } type && IsAllowedType(type));

    /// <summary>The rule itself, on a resolved type (also used to check that every message type passes).</summary>
    public static bool IsAllowedType(Type type)
    {
        if (type.IsArray) return type.GetArrayRank() == 1 && IsAllowedType(type.GetElementType()!);
        if (s_scalars.Contains(type)) return true;
        // Hyperion checks the runtime type of a reference before it applies the IActorRef surrogate; the
        // payload itself only ever names ActorRefSurrogate, and a ref type has no serializer but the surrogate.
        if (typeof(IActorRef).IsAssignableFrom(type) && IsAkkaAssembly(type.Assembly)) return true;
        if (type.IsGenericType && !type.IsGenericTypeDefinition && IsProjectAssembly(type.Assembly) == false)
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

    private static bool IsAkkaAssembly(Assembly assembly) => assembly.GetName().Name is { } n && (n == "Akka" || n.StartsWith("Akka.", StringComparison.Ordinal));

    private static bool IsProjectAssembly(Assembly assembly) => assembly.GetName().Name?.StartsWith(ProjectAssemblyPrefix, StringComparison.Ordinal) == true;

    private static Type? Resolve(string shortName)
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
        if (!s_frameworkAssemblies.Contains(simple) && !isAkka && !simple.StartsWith(ProjectAssemblyPrefix, StringComparison.Ordinal)) return null;
        // Only assemblies already loaded (the framework ones may be loaded on demand).
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            if (loaded.GetName().Name == simple) return loaded;
        return s_frameworkAssemblies.Contains(simple) ? Assembly.Load(new AssemblyName(simple)) : null;
    }
}
