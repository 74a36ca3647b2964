namespace NA64.Reco.Physics.RawData;

/// <summary>How a spill was simulated (or <see cref="SampleKind.Data"/>): enough to regenerate it exactly.</summary>
public sealed record SampleDescriptor(SampleKind Kind, double MassAPrimeMeV, double Epsilon, ulong Seed)
{
    public static readonly SampleDescriptor RealData = new(SampleKind.Data, 0, 0, 0);

    public bool IsSimulated => Kind != SampleKind.Data;

    /// <summary>A sample of the muon programme: simulated as cut-flows through a muon setup's selection, never as raw events.</summary>
    public bool IsMuonProgramme => Kind is SampleKind.Muon or SampleKind.ZPrime;

    /// <summary>A sample of the visible programme: simulated as weighted cut-flows through a visible setup's selection, never as raw events.</summary>
    public bool IsVisibleProgramme => Kind is SampleKind.X or SampleKind.KaonShortNeutral or SampleKind.KaonShortCharged;

    /// <summary>A background sample of the visible programme: its weights are events per EOT of the setup's background.</summary>
    public bool IsVisibleBackground => Kind is SampleKind.KaonShortNeutral or SampleKind.KaonShortCharged;

    /// <summary>A sample simulated through its setup's selection rather than as raw events (muon or visible programme).</summary>
    public bool IsSetupSimulated => IsMuonProgramme || IsVisibleProgramme;

    /// <summary>
    /// Factor ≥ 1 by which the sample enhances its rare background process (the electron channels of hadron decays in
    /// flight, docs/physics.md §4a), its events weighted back exactly; 1 for an unbiased sample. Raw format v2 records
    /// it; v1 has no field for it, and its files are unbiased.
    /// </summary>
    public double Bias { get; init; } = 1;

    public bool IsBiased => Bias != 1;

    /// <summary>The largest bias a sample takes: beyond 1/q of the rarest forced process nothing changes but the weights' range.</summary>
    public const double MaxBias = 1e15;

    /// <summary>
    /// Why a sample of <paramref name="kind"/> cannot be given <paramref name="bias"/> (a one-line reason), or null: only
    /// the kinds with a forcible process take a bias, even one of 1, and it lies in [1, <see cref="MaxBias"/>].
    /// </summary>
    public static string? BiasProblem(SampleKind kind, double bias)
    {
        if (kind is not (SampleKind.Beam or SampleKind.Hadron or SampleKind.Kaon or SampleKind.Electron))
            return $"a bias enhances a rare process (hadron decays, electro- and photo-nuclear reactions): it applies to beam, hadron, kaon and electron samples, not '{KindName(kind)}'";
        if (!(bias >= 1) || bias > MaxBias)
            return "must be a number in [1, 1e15] (the factor on the rare process's probability; 1 is unbiased)";
        return null;
    }

    /// <summary>A kind as specs and results name it: its name in lower case, the K⁰_S kinds by their decay (<c>k0s-pipi</c>).</summary>
    public static string KindName(SampleKind kind) => kind switch
    {
        SampleKind.KaonShortNeutral => "k0s-pi0pi0",
        SampleKind.KaonShortCharged => "k0s-pipi",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Short name, e.g. <c>beam</c>, <c>signal-16.7MeV</c>, <c>zprime-100MeV</c>, <c>x-16.7MeV</c>, <c>k0s-pipi</c> or <c>kaon-bias1e9</c>.</summary>
    public string Name
    {
        get
        {
            var name = Kind switch
            {
                SampleKind.Signal => FormattableString.Invariant($"signal-{MassAPrimeMeV:0.###}MeV"),
                SampleKind.ZPrime => FormattableString.Invariant($"zprime-{MassAPrimeMeV:0.###}MeV"),
                SampleKind.X => FormattableString.Invariant($"x-{MassAPrimeMeV:0.###}MeV"),
                _ => KindName(Kind),
            };
            return IsBiased ? FormattableString.Invariant($"{name}-bias{Bias:0.#####e0}") : name;
        }
    }
}
