using Akka.Cluster;
using NA64.Reco.Actors.Hosting;

namespace NA64.Reco.CommandHost.Tests.Support;

/// <summary>
/// A real cluster for the tests of a class: a first member (coordinator and worker, the seed of the others) kept for the
/// whole class, and second and third nodes that each test starts (and downs, or makes leave) for itself. One token file
/// for all, as a Kubernetes Secret is.
/// </summary>
public sealed class LiveCluster : IAsyncLifetime
{
    public const string Token = "live-cluster-token";
    private readonly List<ClusterNode> _nodes = [];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "na64-cmd-cluster-" + Guid.NewGuid().ToString("N"));
    public string TokenFile => Path.Combine(Folder, "cmd-token");
    public ClusterNode First { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(TokenFile, Token + "\n");
        var port = ClusterNode.FreePort();
        // A node whose first seed is itself forms the cluster when no other seed answers.
        First = await Start("first", port, [$"akka.tcp://na64@127.0.0.1:{port}"], [PipelineHosting.CoordinatorRole, PipelineHosting.WorkerRole]);
        await First.Up(Poll.Patience);
    }

    /// <summary>A worker that joins the first member; returns once the first member sees it Up.</summary>
    public async Task<ClusterNode> StartMember(string name)
    {
        var node = await Start(name, ClusterNode.FreePort(), [First.Address.ToString()], [PipelineHosting.WorkerRole]);
        await node.Up(Poll.Patience);
        await Poll.Until(() => First.Cluster.State.Members.Any(m => m.Address.Equals(node.Address) && m.Status == MemberStatus.Up), $"{node.Address} Up as the first member sees it");
        return node;
    }

    /// <summary>
    /// A worker whose only seed never answers (a port nobody listens on): it keeps trying to join and is a member of
    /// nothing, as a node is whose seeds are all gone.
    /// </summary>
    public Task<ClusterNode> StartLone(string name) =>
        Start(name, ClusterNode.FreePort(), [$"akka.tcp://na64@127.0.0.1:{ClusterNode.FreePort()}"], [PipelineHosting.WorkerRole]);

    private async Task<ClusterNode> Start(string name, int port, string[] seeds, string[] roles)
    {
        var node = await ClusterNode.StartAsync(Folder, name, port, seeds, roles, TokenFile);
        lock (_nodes) _nodes.Add(node);
        return node;
    }

    public async Task DisposeAsync()
    {
        ClusterNode[] nodes;
        lock (_nodes) nodes = [.. _nodes];
        // The later nodes first: the first member is the seed and the campaign manager's home.
        foreach (var n in nodes.Reverse()) await n.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
