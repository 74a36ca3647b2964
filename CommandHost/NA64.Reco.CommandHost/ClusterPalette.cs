using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using NA64.Reco.Messages.Serialization;

namespace NA64.Reco.CommandHost;

/// <summary>
/// <c>cluster …</c>: membership (show, leave, down, join, down-unreachable, tail), refused payloads (wire) and sharding
/// (regions, region-stats, shard-stats; also spelled <c>cluster-sharding …</c>, as in Petabridge.Cmd).
/// </summary>
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
            new("leave", "[ADDRESS]", "make this node, or the member at ADDRESS, leave gracefully (its shards are handed over)", (a, _) => Task.FromResult(Leave(a))) { Mutating = true },
            new("down", "ADDRESS", "mark the member at ADDRESS down (it is removed without handing anything over)", (a, _) => Task.FromResult(Down(a))) { Mutating = true },
            new("join", "ADDRESS", "make this node, not yet a member, join the cluster of the member at ADDRESS", Join) { Mutating = true },
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

    /// <summary>Petabridge.Cmd spells the sharding palette <c>cluster-sharding</c>: both spellings run the same commands.</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.Ordinal) { ["cluster-sharding"] = "sharding" };

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
        args.OnlyOptions();
        var cluster = Cluster.Get(_system);
        var address = args.Count == 0 ? cluster.SelfAddress : Member(cluster, ParseAddress(args));
        if (args.Count == 0 && !IsMember(cluster, address)) throw new CommandException($"this node ({address}) is not a member of a cluster: nothing to leave");
        cluster.Leave(address);
        return CommandReply.Message(address.Equals(cluster.SelfAddress) ? $"{address} (this node) asked to leave" : $"{address} asked to leave");
    }

    private CommandReply Down(CommandArguments args)
    {
        var cluster = Cluster.Get(_system);
        var address = Member(cluster, ParseAddress(args));
        cluster.Down(address);
        return CommandReply.Message(address.Equals(cluster.SelfAddress) ? $"downed {address} (this node)" : $"downed {address}");
    }

    /// <summary>
    /// Joins the cluster of the member at ADDRESS, and answers once this node is Up there or when the ask timeout has
    /// passed (the join goes on: Akka retries it). An actor system joins a cluster once: a member is refused.
    /// </summary>
    private async Task<CommandReply> Join(CommandArguments args, CancellationToken ct)
    {
        var cluster = Cluster.Get(_system);
        var address = ParseAddress(args);
        if (!string.Equals(address.System, cluster.SelfAddress.System, StringComparison.Ordinal))
            throw new CommandException($"'{CommandArguments.Shorten(address.ToString())}': actor system '{CommandArguments.Shorten(address.System)}' is not this node's '{cluster.SelfAddress.System}'");
        if (!string.Equals(address.Protocol, cluster.SelfAddress.Protocol, StringComparison.Ordinal))
            throw new CommandException($"'{CommandArguments.Shorten(address.ToString())}': protocol {CommandArguments.Shorten(address.Protocol)}, this node speaks {cluster.SelfAddress.Protocol}");
        if (address.Equals(cluster.SelfAddress)) throw new CommandException($"{address} is this node: give the address of a member of the cluster to join");
        if (IsMember(cluster, cluster.SelfAddress))
            throw new CommandException($"this node is already a member ({cluster.SelfMember.Status}) of a cluster: an actor system joins once (restart it to join another)");
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(address);
        try
        {
            await up.Task.WaitAsync(_timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return CommandReply.Message($"asked to join {address}; this node is not Up after {_timeout.TotalSeconds:0.#} s (is a member listening there? Akka goes on trying: see cluster show)");
        }
        return CommandReply.Message($"joined {address}: this node ({cluster.SelfAddress}) is Up");
    }

    /// <summary>The ADDRESS argument as an actor system address with host and port; else a one-line error naming it.</summary>
    private static Address ParseAddress(CommandArguments args)
    {
        args.OnlyOptions();
        var text = args.Required(0, "ADDRESS");
        if (args.Count > 1) throw new CommandException($"unexpected argument '{CommandArguments.Shorten(args.Required(1, ""))}'");
        Address address;
        try
        {
            address = Address.Parse(text);
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            throw new CommandException($"'{CommandArguments.Shorten(text)}' is not an actor system address (akka.tcp://na64@host:port)");
        }
        if (address.Host is null || address.Port is not (> 0 and <= 65535) || !address.Protocol.StartsWith("akka", StringComparison.Ordinal))
            throw new CommandException($"'{CommandArguments.Shorten(text)}' is not an actor system address (akka.tcp://na64@host:port)");
        return address;
    }

    /// <summary>The address of a member this node knows (reachable or not), else a one-line error.</summary>
    private static Address Member(Cluster cluster, Address address) =>
        IsMember(cluster, address) ? address : throw new CommandException($"{address} is not a member of this cluster (see: cluster show)");

    private static bool IsMember(Cluster cluster, Address address)
    {
        var state = cluster.State;
        return state.Members.Any(m => m.Address.Equals(address)) || state.Unreachable.Any(m => m.Address.Equals(address));
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
