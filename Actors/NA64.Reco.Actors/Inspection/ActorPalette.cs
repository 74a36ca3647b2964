using Akka.Actor;

namespace NA64.Reco.Actors.Inspection;

/// <summary>
/// <c>actor hierarchy</c>: the actors under /user (or another root), found level by level with a wildcard
/// <see cref="ActorSelection"/> and <see cref="Identify"/>; bounded in depth and in count.
/// </summary>
public sealed class ActorPalette : ICommandPalette
{
    public const int MaxActors = 2000;
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(150);
    private readonly ActorSystem _system;

    public ActorPalette(ActorSystem system)
    {
        _system = system;
        Commands = [new("hierarchy", "[--depth N] [--root PATH]", "actors under /user (default depth 3, at most 2000)", Hierarchy)];
    }

    public string Name => "actor";
    public string Description => "actors of this node";
    public IReadOnlyList<CommandDefinition> Commands { get; }

    private async Task<CommandReply> Hierarchy(CommandArguments args, CancellationToken ct)
    {
        args.OnlyOptions("depth", "root");
        var depth = args.Int("depth", 3, 1, 10);
        var root = (args.Option("root") ?? "/user").TrimEnd('/');
        if (!root.StartsWith("/user", StringComparison.Ordinal) && !root.StartsWith("/system", StringComparison.Ordinal))
            throw new CommandException("--root must start with /user or /system");
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var inbox = Inbox.Create(_system);
        try
        {
            var frontier = new List<string> { root };
            for (var level = 1; level <= depth && frontier.Count > 0 && found.Count < MaxActors; level++)
            {
                // One wildcard selection per parent (nested wildcards do not reach every grandchild).
                foreach (var parent in frontier) _system.ActorSelection(parent + "/*").Tell(new Identify(level), inbox.Receiver);
                var next = new List<string>();
                // Wildcard selections answer once per actor, with no end mark: collect until quiet.
                while (found.Count < MaxActors)
                {
                    object reply;
                    try
                    {
                        reply = await inbox.ReceiveAsync(s_quiet).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        break;
                    }
                    ct.ThrowIfCancellationRequested();
                    if (reply is ActorIdentity { Subject: not null } id && found.Add(id.Subject.Path.ToStringWithoutAddress()))
                        next.Add(id.Subject.Path.ToStringWithoutAddress());
                }
                frontier = next;
            }
        }
        finally
        {
            inbox.Dispose();
        }
        var table = new TextTable(null, "depth", "path");
        var rootDepth = root.Count(c => c == '/');
        foreach (var path in found)
        {
            var d = path.Count(c => c == '/') - rootDepth;
            table.Add(d, new string(' ', 2 * (d - 1)) + path);
        }
        return found.Count >= MaxActors
            ? CommandReply.Ok([table], $"stopped at {MaxActors} actors")
            : CommandReply.Ok(table);
    }
}
