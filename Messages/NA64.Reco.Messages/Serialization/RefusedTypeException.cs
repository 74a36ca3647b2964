namespace NA64.Reco.Messages.Serialization;

/// <summary>A type name in a payload that the allow-list (<see cref="Na64TypeFilter"/>) does not admit.</summary>
public sealed class RefusedTypeException(string typeName) : Exception($"type '{typeName}' is not admitted by the NA64 wire format")
{
    public string TypeName { get; } = typeName;
}
