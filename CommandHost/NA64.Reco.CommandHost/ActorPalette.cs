using Akka.Actor;

namespace NA64.Reco.CommandHost;

/// <summary>
/// <c>actor hierarchy</c>: the actors under /user (or another root) of this node, walked level by level through the
/// children their cells hold; bounded in depth and in count.
/// </summary>
public sealed class ActorPalette : ICommandPalette
{
    public const int MaxActors = 2000;
    private readonly ActorSystem _system;

    public ActorPalette(ActorSystem system)
    {
        _system = system;
        Commands = [new("hierarchy", "[--depth N] [--root PATH]", "actors under /user (default depth 3, at most 2000)", Hierarchy)];
    }

    public string Name => "actor";
    public string Description => "actors of this node";
    public IReadOnlyList<CommandDefinition> Commands { get; }

    private Task<CommandReply> Hierarchy(CommandArguments args, CancellationToken ct)
    {
        args.OnlyOptions("depth", "root");
        var depth = args.Int("depth", 3, 1, 10);
        var root = (args.Option("root") ?? "/user").TrimEnd('/');
        if (!root.StartsWith("/user", StringComparison.Ordinal) && !root.StartsWith("/system", StringComparison.Ordinal))
            throw new CommandException("--root must start with /user or /system");
        var found = new SortedSet<string>(StringComparer.Ordinal);
        // The children of each local actor as its cell holds them now: complete and immediate, where a wildcard
        // Identify would need a quiet period to end and miss the actors that answer late on a loaded node.
        var frontier = new List<IActorRef>();
        if (Find(root) is { } start) frontier.Add(start);
        for (var level = 1; level <= depth && frontier.Count > 0 && found.Count < MaxActors; level++)
        {
            ct.ThrowIfCancellationRequested();
            var next = new List<IActorRef>();
            foreach (var parent in frontier)
            {
                if (parent is not ActorRefWithCell cell) continue;
                foreach (var child in cell.Children)
                {
                    if (found.Count >= MaxActors) break;
                    if (found.Add(child.Path.ToStringWithoutAddress())) next.Add(child);
                }
            }
            frontier = next;
        }
        var table = new TextTable(null, "depth", "path");
        var rootDepth = root.Count(c => c == '/');
        foreach (var path in found)
        {
            var d = path.Count(c => c == '/') - rootDepth;
            table.Add(d, new string(' ', 2 * (d - 1)) + path);
        }
        return Task.FromResult(found.Count >= MaxActors
            ? CommandReply.Ok([table], $"stopped at {MaxActors} actors")
            : CommandReply.Ok(table));
    }

    /// <summary>The local actor at <paramref name="path"/> (/user/a/b, /system/x), or null.</summary>
    private IActorRef? Find(string path)
    {
        var system = (ExtendedActorSystem)_system;
        var elements = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        IActorRef? current = elements[0] switch
        {
            "user" => system.Guardian,
            "system" => system.SystemGuardian,
            _ => null,
        };
        foreach (var name in elements.Skip(1))
        {
            if (current is null) return null;
            if (current is not ActorRefWithCell cell || cell.GetSingleChild(name) is not { } child || child.IsNobody()) return null;
            current = child;
        }
        return current;
    }
}
