using System.Globalization;
using Akka.Actor;
using NA64.Reco.Actors.Remoting;

namespace NA64.Reco.CommandHost;

/// <summary>
/// <c>remote associations</c> and <c>remote quarantines</c>: the peers this node's remoting has talked to and the
/// quarantines either way, as recorded since the actor system started (<see cref="RemoteAssociations"/>).
/// </summary>
public sealed class RemotePalette : ICommandPalette
{
    private readonly ActorSystem _system;

    public RemotePalette(ActorSystem system)
    {
        _system = system;
        Commands =
        [
            new("associations", "", "remote addresses this node has associated with: state now (associated, disassociated, failed), direction, since", (a, _) => Task.FromResult(Associations(a))),
            new("quarantines", "", "quarantines since the node started: incarnations this node quarantined, and peers that quarantined this node", (a, _) => Task.FromResult(Quarantines(a))),
        ];
    }

    public string Name => "remote";
    public string Description => "remoting: associations and quarantines";
    public IReadOnlyList<CommandDefinition> Commands { get; }

    private CommandReply Associations(CommandArguments args)
    {
        var record = Recorded(args);
        var table = new TextTable(null, "address", "state", "direction", "since", "reason");
        foreach (var a in record.Associations) table.Add(a.Address, a.State, a.Inbound ? "inbound" : "outbound", Time(a.SinceUtc), a.Reason);
        return CommandReply.Ok(table);
    }

    private CommandReply Quarantines(CommandArguments args)
    {
        var record = Recorded(args);
        var table = new TextTable(null, "time", "address", "uid", "by");
        foreach (var q in record.Quarantines) table.Add(Time(q.TimeUtc), q.Address, q.Uid, q.ByPeer ? "peer" : "this node");
        return CommandReply.Ok(table);
    }

    private RemoteAssociations Recorded(CommandArguments args)
    {
        args.OnlyOptions();
        if (args.Count > 0) throw new CommandException($"unexpected argument '{CommandArguments.Shorten(args.Required(0, ""))}'");
        var record = RemoteAssociations.Get(_system);
        if (!record.Recording)
            throw new CommandException("this node does not record its remoting events (its Akka loggers lack RemotingEventRecorder)");
        return record;
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
