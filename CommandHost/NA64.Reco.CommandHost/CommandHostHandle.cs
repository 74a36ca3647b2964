namespace NA64.Reco.CommandHost;

/// <summary>
/// The command host of a node as a DI singleton: its ring log (registered as a logging provider) and, once the actor
/// system has started, the listening host (its port, when 0 was asked).
/// </summary>
public sealed class CommandHostHandle(CommandHostOptions options, InMemoryLog log)
{
    private readonly TaskCompletionSource<CommandHost> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CommandHostOptions Options { get; } = options;
    public InMemoryLog Log { get; } = log;

    /// <summary>Completes when the host listens; faults when it could not start (e.g. no token for a non-loopback bind).</summary>
    public Task<CommandHost> Started => _started.Task;

    internal void SetStarted(CommandHost host) => _started.TrySetResult(host);
    internal void SetFailed(Exception ex) => _started.TrySetException(ex);
}
