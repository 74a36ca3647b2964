namespace NA64.Reco.Messages.Campaign;

/// <summary>
/// The campaign manager: one per cluster (a cluster singleton on the coordinator role; in <c>na64 run</c>, on the
/// embedded node). It starts and supervises one <c>CampaignCoordinator</c> per campaign id. The command host and
/// <c>na64 submit</c>/<c>na64 status</c> talk to it through its singleton proxy.
/// </summary>
public static class CampaignManagerProtocol
{
    /// <summary>Starts (or resumes, when its journal exists with the same spec hash) a campaign.</summary>
    /// <param name="SpecJson">The spec file's text.</param>
    /// <param name="BaseDirectory">Folder that relative raw paths in the spec are resolved against (on the manager's node);
    /// null: the first data root of the manager's node (what the command host sends: a remote caller chooses no folder).
    /// Every raw path must lie under the data roots of the manager's node wherever it resolves.</param>
    /// <param name="ConditionsJson">
    /// The conditions file the spec names, read by the submitter (it has the file; the manager's node may not); null
    /// when the spec names none: the manager's node's conditions apply.
    /// </param>
    public sealed record SubmitCampaign(string SpecJson, string? BaseDirectory, string? ConditionsJson = null) : INa64Message;

    /// <summary>Reply to <see cref="SubmitCampaign"/>: the campaign runs (or already ran) under this id.</summary>
    /// <param name="Note">Something the submitter should know (e.g. the input folders now list other files than at admission); null if nothing.</param>
    public sealed record CampaignAccepted(string CampaignId, string SpecHash, bool Resumed, string? Note = null) : INa64Message;

    /// <summary>Reply to any manager command that could not be carried out, with a one-line reason.</summary>
    public sealed record CampaignCommandFailed(string Reason) : INa64Message;

    /// <summary>Asks for every campaign the manager knows: replied with <see cref="CampaignList"/>.</summary>
    public sealed record ListCampaigns : INa64Message
    {
        public static readonly ListCampaigns Instance = new();
    }

    /// <summary>One line per campaign; <see cref="CampaignListEntry.State"/> is running, paused, cancelled, done or failed.</summary>
    public sealed record CampaignList(IReadOnlyList<CampaignListEntry> Campaigns) : INa64Message;

    /// <param name="Reason">Why a failed campaign failed (null otherwise).</param>
    /// <param name="ConditionsId">The conditions the campaign runs with ("version#hash12").</param>
    /// <param name="ProgressKnown">False until the campaign's coordinator has reported (after a restart it is still
    /// recovering): <paramref name="Progress"/> is then only the spill count, zeros otherwise.</param>
    public sealed record CampaignListEntry(string CampaignId, string State, CampaignProtocol.CampaignProgress Progress, double EventsPerSecond,
        string? Reason = null, string? ConditionsId = null, bool ProgressKnown = true) : INa64Message;

    /// <summary>Status of one campaign: replied with a <see cref="CampaignListEntry"/> or <see cref="CampaignCommandFailed"/>.</summary>
    public sealed record GetCampaign(string CampaignId) : INa64Message;

    /// <summary>Stops handing out new spills (spills in flight complete); replied with <see cref="CampaignListEntry"/>.</summary>
    public sealed record PauseCampaign(string CampaignId) : INa64Message;

    public sealed record ResumeCampaign(string CampaignId) : INa64Message;

    /// <summary>Stops the campaign for good (its journal keeps what was done); replied with <see cref="CampaignListEntry"/>.</summary>
    public sealed record CancelCampaign(string CampaignId) : INa64Message;

    /// <summary>The merged results of a finished campaign: replied with <see cref="FinishedCampaign"/>.</summary>
    public sealed record GetCampaignResults(string CampaignId) : INa64Message;

    /// <summary>
    /// A finished campaign with what its analysis needs: the merged samples, the conditions it ran with and its spec
    /// (as a spec file writes it; the analysis choices are part of it). Whoever analyses it gets what the results files got.
    /// </summary>
    public sealed record FinishedCampaign(CampaignProtocol.CampaignFinished Result, CampaignConditions Conditions, string SpecJson) : INa64Message;

    /// <summary>Is the campaign service up (manager recovered from its journal)? Replied with <see cref="ServiceHealth"/>.</summary>
    public sealed record GetServiceHealth : INa64Message
    {
        public static readonly GetServiceHealth Instance = new();
    }

    /// <summary>The manager answers: it recovered from its journal and serves campaigns.</summary>
    public sealed record ServiceHealth(int Campaigns, int Running) : INa64Message;
}
