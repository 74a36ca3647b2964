namespace NA64.Reco.Cli.Terminal;

/// <summary>The exit codes of the <c>na64</c> verbs.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The campaign ended failed or cancelled, or a command was refused by the node.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: a spec, conditions, option, file or database that cannot be used as given.</summary>
    public const int BadInput = 2;

    /// <summary>Refused: the journal holds another spec under the id, or the journal is in use by another process.</summary>
    public const int Refused = 3;

    /// <summary>The journal failed beyond patience, or is corrupt (<see cref="Actors.Supervision.JournalSupervisor.JournalUnusableReason"/>).</summary>
    public const int JournalUnusable = Actors.Supervision.JournalSupervisor.JournalUnusableReason.Code;

    /// <summary>The node's command host could not be reached (or refused the connection): worth trying again later.</summary>
    public const int Unreachable = 5;

    /// <summary>A cluster member joined nobody within its join timeout (no seed or contact let it in): start it again.</summary>
    public const int NotJoined = 6;

    /// <summary>Interrupted (Ctrl+C, SIGTERM): rerun to resume.</summary>
    public const int Interrupted = 130;
}
