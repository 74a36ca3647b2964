using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Newtonsoft.Json;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// Akka's JSON serializer (id 1, the <c>json</c> binding of <c>System.Object</c> and of the persisted events) with the
/// type allow-list of the wire format: every <c>$type</c> of a payload and the type its envelope names must pass
/// <see cref="Na64TypeFilter"/>, or nothing is created. The JSON itself is Akka's, byte for byte: journals written
/// with the stock serializer read back unchanged, and what this one writes the stock one reads.
/// </summary>
/// <remarks>
/// The stock serializer runs Json.NET with <c>TypeNameHandling.All</c> and no binder: any peer that reaches the
/// remoting port could have the node construct any type and run its setters (a <c>FileSystemWatcher</c>, say) by
/// sending an envelope with serializer id 1.
/// </remarks>
public sealed class Na64JsonSerializer : NewtonSoftJsonSerializer
{
    /// <summary>Akka's id of <c>json</c>: journals name it in every row, and remote peers in every envelope.</summary>
    public const int Id = 1;

    private readonly ExtendedActorSystem _system;

    public Na64JsonSerializer(ExtendedActorSystem system) : base(system)
    {
        _system = system;
        Restrict();
    }

    public Na64JsonSerializer(ExtendedActorSystem system, Config config) : base(system, config)
    {
        _system = system;
        Restrict();
    }

    public override int Identifier => Id;

    private void Restrict()
    {
        // Both: the settings serve FromBinary and ToBinary, the prepared serializer the typed conversion of the root.
        Settings.SerializationBinder = Na64JsonBinder.Instance;
        ((JsonSerializer)Serializer).SerializationBinder = Na64JsonBinder.Instance;
    }

    public override object FromBinary(byte[] bytes, Type type)
    {
        // The envelope's type is converted to without any $type: it must pass as well.
        if (type is not null && type != typeof(object) && !Na64TypeFilter.IsAllowedType(type))
            throw WireRefusals.Get(_system).Refuse(Id, $"type '{type.AssemblyQualifiedName}' named by the envelope is not admitted");
        try
        {
            return base.FromBinary(bytes, type!);
        }
        catch (Exception e) when (e is not RefusedPayloadException)
        {
            throw WireRefusals.Get(_system).Refuse(Id, Refused(e) is { } refused ? $"type '{refused.TypeName}' is not admitted" : "unreadable: " + e.Message, e);
        }
    }

    private static RefusedTypeException? Refused(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is RefusedTypeException r) return r;
        return null;
    }
}
