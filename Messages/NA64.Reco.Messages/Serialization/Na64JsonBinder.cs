using Newtonsoft.Json.Serialization;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// The type names a JSON payload may carry (<c>$type</c>): those <see cref="Na64TypeFilter"/> admits. Any other name
/// is refused before Json.NET creates an instance or runs a setter. Names are written as Json.NET's default binder
/// writes them, so the JSON is that of Akka's stock serializer.
/// </summary>
public sealed class Na64JsonBinder : ISerializationBinder
{
    public static readonly Na64JsonBinder Instance = new();

    private static readonly ISerializationBinder s_names = new DefaultSerializationBinder();

    public Type BindToType(string? assemblyName, string typeName)
    {
        var name = assemblyName is null ? typeName : $"{typeName}, {assemblyName}";
        if (Na64TypeFilter.Resolve(name) is { } type && Na64TypeFilter.IsAllowedType(type)) return type;
        throw new RefusedTypeException(name);
    }

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
        s_names.BindToName(serializedType, out assemblyName, out typeName);
}
