using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using NA64.Reco.Messages.Serialization;

namespace NA64.Reco.CommandHost;

/// <summary><c>cluster …</c>: membership (show, leave, down-unreachable, tail), refused payloads (wire) and sharding (regions, region-stats, shard-stats).</summary>
public sealed class ClusterPalette : ICommandPalette
{
    private readonly ActorSystem _system;
    private readonly IActorRef _recorder;
    private readonly TimeSpan _timeout;

    public ClusterPalette(ActorSystem system, IActorRef membershipRecorder, TimeSpan askTimeout)
    {
        _system = system;
        _recorder = membershipRecorder;
        _timeout = askTimeout;
        Commands =
        [
            new("show", "", "members: address, status, roles, reachability, leader", (a, _) => Task.FromResult(Show(a))),
            new("leave", "ADDRESS", "make a member leave gracefully (its shards are handed over)", (a, _) => Task.FromResult(Leave(a))) { Mutating = true },
            new("down-unreachable", "", "down every member this node sees as unreachable", (a, _) => Task.FromResult(DownUnreachable(a))) { Mutating = true },
            new("wire", "", "payloads this node refused to deserialize, per sender (allow-list, serializer checks, unknown ids)", (a, _) => Task.FromResult(Wire(a))),
            new("tail", "[N] [--follow]", "the last N membership events seen by this node (default 20); --follow: then live, until a line is sent", Tail) { Flags = ["follow"] },
            new("sharding regions", "", "shard regions on this node: shards and entities", Regions),
            new("sharding region-stats", "TYPE", "per node of the cluster: shards and entities of region TYPE", RegionStats),
            new("sharding shard-stats", "TYPE", "per shard of region TYPE on this node: entities", ShardStats),
        ];
    }

    public string Name => "cluster";
    public string Description => "cluster membership and sharding";
    public IReadOnlyList<CommandDefinition> Commands { get; }

    private CommandReply Show(CommandArguments args)
    {
        NoArguments(args);
        var cluster = Cluster.Get(_system);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var table = new TextTable(null, "address", "status", "roles", "reachable", "leader", "self");
        foreach (var m in state.Members.Concat(state.Unreachable.Where(u => !state.Members.Contains(u))))
            table.Add(m.Address.ToString(), m.Status.ToString(), string.Join(",", m.Roles.OrderBy(r => r, StringComparer.Ordinal)),
                !unreachable.Contains(m.Address), m.Address.Equals(state.Leader), m.Address.Equals(cluster.SelfAddress));
        return CommandReply.Ok(table);
    }

    private CommandReply Leave(CommandArguments args)
    {
        var text = args.Required(0, "ADDRESS");
        Address address;
        try
        {
            address = Address.Parse(text);
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            throw new CommandException($"'{CommandArguments.Shorten(text)}' is not an actor system address (akka.tcp://na64@host:port)");
        }
        var cluster = Cluster.Get(_system);
        if (!cluster.State.Members.Any(m => m.Address.Equals(address)))
            throw new CommandException($"{address} is not a member of this cluster (see: cluster show)");
        cluster.Leave(address);
        return CommandReply.Message($"{address} asked to leave");
    }

    private CommandReply Wire(CommandArguments args)
    {
        NoArguments(args);
        var refusals = WireRefusals.Get(_system);
        var table = new TextTable(null, "sender", "refused");
        foreach (var (sender, count) in refusals.BySender) table.Add(sender, count);
        table.Add("total", refusals.Total);
        return CommandReply.Ok(table);
    }

    private CommandReply DownUnreachable(CommandArguments args)
    {
        NoArguments(args);
        var cluster = Cluster.Get(_system);
        var downed = new List<string>();
        foreach (var m in cluster.State.Unreachable)
        {
            cluster.Down(m.Address);
            downed.Add($"downed {m.Address}");
        }
        return CommandReply.Message(downed.Count == 0 ? ["no unreachable member"] : downed.ToArray());
    }

    private async Task<CommandReply> Tail(CommandArguments args, CancellationToken ct)
    {
        args.OnlyOptions();
        var n = args.PositionalInt(0, "N", 20, 1, MembershipRecorder.Capacity);
        if (args.Flag("follow")) return CommandReply.Streaming((write, json, token) => FollowAsync(n, write, json, token));
        var events = await _recorder.Ask<MembershipEventLine[]>(new MembershipRecorder.GetRecent(n), _timeout, ct).ConfigureAwait(false);
        var table = new TextTable(null, "time", "event", "address", "status");
        foreach (var e in events) table.Add(Time(e), e.Kind, e.Address, e.Status);
        return CommandReply.Ok(table);
    }

    private async Task FollowAsync(int n, Func<string, Task> write, bool json, CancellationToken ct)
    {
        // Bounded: a client that reads slowly loses the oldest lines, never the node's memory.
        var channel = Channel.CreateBounded<MembershipEventLine>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        var forwarder = _system.ActorOf(ChannelForwarder<MembershipEventLine>.Props(channel.Writer));
        try
        {
            _recorder.Tell(new MembershipRecorder.Follow(forwarder, n));
            await foreach (var e in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                await write(json
                    ? System.Text.Json.JsonSerializer.Serialize(new { time = Time(e), @event = e.Kind, address = e.Address, status = e.Status })
                    : $"{Time(e)}  {e.Kind,-14} {e.Address}  {e.Status}").ConfigureAwait(false);
        }
        finally
        {
            _system.Stop(forwarder);
        }
    }

    private static string Time(MembershipEventLine e) => e.TimeUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<CommandReply> Regions(CommandArguments args, CancellationToken ct)
    {
        NoArguments(args);
        var sharding = ClusterSharding.Get(_system);
        var table = new TextTable(null, "type", "shards", "entities");
        foreach (var type in sharding.ShardTypeNames.OrderBy(t => t, StringComparer.Ordinal))
        {
            var state = await sharding.ShardRegion(type).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, _timeout, ct).ConfigureAwait(false);
            table.Add(type, state.Shards.Count, state.Shards.Sum(s => s.EntityIds.Count));
        }
        return CommandReply.Ok(table);
    }

    private async Task<CommandReply> RegionStats(CommandArguments args, CancellationToken ct)
    {
        var region = RegionOf(args);
        var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(_timeout), _timeout + TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
        var table = new TextTable(null, "address", "shards", "entities");
        foreach (var (address, s) in stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal))
            table.Add(address.ToString(), s.Stats.Count, s.Stats.Values.Sum());
        return CommandReply.Ok(table);
    }

    private async Task<CommandReply> ShardStats(CommandArguments args, CancellationToken ct)
    {
        var region = RegionOf(args);
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, _timeout, ct).ConfigureAwait(false);
        var table = new TextTable(null, "shard", "entities");
        foreach (var s in state.Shards.OrderBy(s => s.ShardId, StringComparer.Ordinal)) table.Add(s.ShardId, s.EntityIds.Count);
        return CommandReply.Ok(table);
    }

    private IActorRef RegionOf(CommandArguments args)
    {
        var type = args.Required(0, "TYPE");
        var sharding = ClusterSharding.Get(_system);
        if (!sharding.ShardTypeNames.Contains(type))
            throw new CommandException($"no shard region '{CommandArguments.Shorten(type)}' on this node (known: {string.Join(", ", sharding.ShardTypeNames.OrderBy(t => t, StringComparer.Ordinal))})");
        return sharding.ShardRegion(type);
    }

    private static void NoArguments(CommandArguments args)
    {
        args.OnlyOptions();
        if (args.Count > 0) throw new CommandException($"unexpected argument '{CommandArguments.Shorten(args.Required(0, ""))}'");
    }
}
