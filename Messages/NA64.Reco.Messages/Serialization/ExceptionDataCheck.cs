using System.Reflection;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// The exceptions inside Akka's envelopes (<c>Status.Failure</c> of serializer 16; <c>Create</c>, <c>Recreate</c>,
/// <c>Resume</c>, <c>Failed</c> of serializer 22): Akka resolves the type name an <c>ExceptionData</c> carries and calls
/// that type's <c>(SerializationInfo, StreamingContext)</c> constructor, exception or not. Here every name in it (its
/// inner exceptions and exception-valued fields too) must denote an exception type of an assembly already loaded.
/// </summary>
/// <remarks>Field numbers: Akka.Remote's ContainerFormats.proto and SystemMessageFormats.proto.</remarks>
internal static class ExceptionDataCheck
{
    /// <summary>Nesting beyond this is no real exception.</summary>
    private const int MaxDepth = 32;

    private const int ProtobufSerializerId = 2;

    /// <summary>The name of the first type in the message's <c>ExceptionData</c> at <paramref name="causeField"/> that is not admitted; null if all are.</summary>
    public static string? FirstRefused(byte[] message, int causeField)
    {
        var reader = new ProtoReader(message);
        while (reader.Next(out var field, out var wireType))
        {
            if (field == causeField && wireType == 2)
            {
                if (Exception(reader.ReadMessage(), 0) is { } refused) return refused;
            }
            else reader.Skip(wireType);
        }
        return null;
    }

    /// <summary>ExceptionData { string typeName = 1; ExceptionData innerException = 5; map&lt;string, Payload&gt; customFields = 6; ... }.</summary>
    private static string? Exception(ProtoReader data, int depth)
    {
        if (depth > MaxDepth) return "(exception nested deeper than 32)";
        while (data.Next(out var field, out var wireType))
        {
            if (wireType != 2)
            {
                data.Skip(wireType);
                continue;
            }
            var refused = field switch
            {
                1 => TypeName(data.ReadString()),
                5 => Exception(data.ReadMessage(), depth + 1),
                6 => CustomField(data.ReadMessage(), depth),
                _ => SkipDelimited(data),
            };
            if (refused is not null) return refused;
        }
        return null;
    }

    /// <summary>A map entry { string key = 1; Payload value = 2; }: an exception-valued field is an ExceptionData under the protobuf serializer.</summary>
    private static string? CustomField(ProtoReader entry, int depth)
    {
        while (entry.Next(out var field, out var wireType))
        {
            if (field != 2 || wireType != 2)
            {
                entry.Skip(wireType);
                continue;
            }
            // Payload { bytes message = 1; int32 serializerId = 2; bytes messageManifest = 3; }
            var payload = entry.ReadMessage();
            ProtoReader? message = null;
            var serializerId = 0;
            var manifest = "";
            while (payload.Next(out var f, out var wt))
            {
                if (f == 1 && wt == 2) message = payload.ReadMessage();
                else if (f == 2 && wt == 0) serializerId = (int)payload.ReadVarint();
                else if (f == 3 && wt == 2) manifest = payload.ReadString();
                else payload.Skip(wt);
            }
            // Other payloads go through the serializer registry, whose serializers check their own types.
            if (serializerId == ProtobufSerializerId && manifest.Contains("ExceptionData", StringComparison.Ordinal) && message is not null
                && Exception(message, depth + 1) is { } refused)
                return refused;
        }
        return null;
    }

    private static string? SkipDelimited(ProtoReader data)
    {
        data.Skip(2);
        return null;
    }

    private static string? TypeName(string name)
    {
        if (name.Length == 0) return null; // "no exception": Akka reads it as null
        return Resolve(name) is { } type && typeof(Exception).IsAssignableFrom(type) ? null : name;
    }

    /// <summary>Among loaded assemblies only: a name must not make the node load an assembly.</summary>
    private static Type? Resolve(string name)
    {
        try
        {
            return Type.GetType(name, Loaded, typeResolver: null, throwOnError: false);
        }
        catch (Exception e) when (e is ArgumentException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            return null;
        }
    }

    private static Assembly? Loaded(AssemblyName name)
    {
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            if (loaded.GetName().Name == name.Name) return loaded;
        return null;
    }
}
