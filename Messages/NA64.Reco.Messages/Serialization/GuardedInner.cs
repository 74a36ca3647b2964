using Akka.Actor;
using Akka.Configuration;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// What <see cref="GuardedSerializer"/> and <see cref="GuardedStringManifestSerializer"/> share: the Akka serializer they
/// stand in for (built on first use, under the same name and id), the checks made before it sees a payload, and the
/// refusal of whatever it cannot read.
/// </summary>
/// <remarks>
/// Settings (<c>akka.actor.serialization-settings.NAME</c>, written by <see cref="Na64Serialization"/>):
/// <c>inner</c>, the assembly-qualified name of Akka's serializer, and <c>id</c>, its identifier.
/// </remarks>
internal sealed class GuardedInner
{
    private readonly ExtendedActorSystem _system;
    private readonly Lazy<Akka.Serialization.Serializer> _inner;
    private readonly string _innerName;
    private readonly string _innerClass;

    public GuardedInner(ExtendedActorSystem system, Config config)
    {
        _system = system;
        Id = config.GetInt("id", -1);
        _innerName = config.GetString("inner", "");
        if (Id < 0 || !_innerName.Contains(','))
            throw new ConfigurationException("a guarded serializer needs 'inner' (an assembly-qualified class) and 'id' in its serialization-settings");
        _innerClass = _innerName[.._innerName.IndexOf(',')].Split('.')[^1];
        // Built on first use: some of Akka's serializers look at the cluster or the provider when constructed.
        _inner = new Lazy<Akka.Serialization.Serializer>(() => Create(system, config, _innerName), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public int Id { get; }

    public Akka.Serialization.Serializer Inner => _inner.Value;

    /// <summary>The simple name of Akka's class, e.g. <c>MiscMessageSerializer</c>.</summary>
    private string InnerClass => _innerClass;

    /// <summary>Runs <paramref name="read"/> unless a check refuses the payload first; any failure to read it is a refusal too.</summary>
    /// <param name="manifest">The envelope's string manifest, or the name of <paramref name="type"/>.</param>
    /// <param name="type">The type the envelope's manifest resolved to, for a serializer without string manifests.</param>
    public object Read(byte[] bytes, string? manifest, Type? type, Func<object> read)
    {
        if (Check(bytes, manifest, type) is { } refused) throw WireRefusals.Get(_system).Refuse(Id, refused);
        try
        {
            return read();
        }
        catch (Exception e) when (e is not RefusedPayloadException)
        {
            throw WireRefusals.Get(_system).Refuse(Id, $"{InnerClass} could not read manifest '{manifest}': {e.Message}", e);
        }
    }

    /// <summary>Why the payload is refused before Akka's serializer sees it; null when it may go on.</summary>
    private string? Check(byte[] bytes, string? manifest, Type? type)
    {
        try
        {
            return InnerClass switch
            {
                // Akka writes a null as no bytes and no manifest; anything else under id 0 is no null.
                "NullSerializer" => bytes.Length == 0 && string.IsNullOrEmpty(manifest) ? null : "a null payload carrying bytes or a manifest",
                // Byte arrays travel without a manifest: one naming a type is not a byte array.
                "ByteArraySerializer" => manifest is null or "" or "System.Byte[]" ? null : $"a byte array payload naming type '{manifest}'",
                // Remote deployment: creates an actor of the class the payload names. No NA64 node deploys remotely.
                "DaemonMsgCreateSerializer" => "remote deployment (DaemonMsgCreate) is not accepted",
                // Instantiates whatever type the manifest names (its parameterless constructor) to find a protobuf parser.
                "ProtobufSerializer" => IsProtobufMessage(type) ? null : $"type '{manifest}' is not a protobuf message",
                "MiscMessageSerializer" => manifest == "F" ? Refused(ExceptionDataCheck.FirstRefused(bytes, causeField: 1)) : null,
                "SystemMessageSerializer" => manifest switch
                {
                    "Akka.Dispatch.SysMsg.Create" or "Akka.Dispatch.SysMsg.Recreate" or "Akka.Dispatch.SysMsg.Resume" =>
                        Refused(ExceptionDataCheck.FirstRefused(bytes, causeField: 1)),
                    "Akka.Dispatch.SysMsg.Failed" => Refused(ExceptionDataCheck.FirstRefused(bytes, causeField: 2)),
                    _ => null,
                },
                _ => null,
            };
        }
        catch (InvalidDataException e)
        {
            return $"malformed {InnerClass} payload: {e.Message}";
        }
    }

    private static string? Refused(string? typeName) => typeName is null ? null : $"exception type '{typeName}' is not admitted";

    private static bool IsProtobufMessage(Type? type) =>
        type is not null && type.GetInterfaces().Any(i => i.FullName == "Google.Protobuf.IMessage");

    private static Akka.Serialization.Serializer Create(ExtendedActorSystem system, Config config, string innerName)
    {
        // As Akka builds it when it has no settings of its own (these serializers have none).
        var type = Type.GetType(innerName, throwOnError: true)!;
        return type.GetConstructor([typeof(ExtendedActorSystem)]) is { } plain
            ? (Akka.Serialization.Serializer)plain.Invoke([system])
            : (Akka.Serialization.Serializer)Activator.CreateInstance(type, system, config)!;
    }
}
