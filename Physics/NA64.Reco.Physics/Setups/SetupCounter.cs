using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Setups;

/// <summary>
/// One scintillation counter of the visible programme (docs/setups.md, "counters"), at <paramref name="ZCm"/> from the
/// dump's downstream face. A counter up to <see cref="SetupDecayRegion.StartCm"/> lies between the dump and the decay
/// region and sees nothing charged from the signal: its noise alone (V2). A counter from
/// <see cref="SetupDecayRegion.EndCm"/> on lies between the decay region and the ECAL and reads the e⁺e⁻ pair's two
/// MIPs (S4). A counter inside the decay region would see the pair for some decays only; that is not modelled, and
/// such a setup is refused. A MIP reads <paramref name="MipMeV"/> with a relative spread of <paramref name="MipSpread"/>
/// (Gaussian, clipped at 0), on Gaussian noise of <paramref name="NoiseMeV"/>, the sum clipped at 0.
/// </summary>
/// <param name="Name">The counter's name, e.g. <c>S4</c>, 1 to 16 characters of [A-Za-z0-9]; a cut names it.</param>
/// <param name="ZCm">Its position, from the dump's downstream face.</param>
/// <param name="MipMeV">One MIP's mean signal.</param>
/// <param name="MipSpread">The relative r.m.s. of one MIP's signal.</param>
/// <param name="NoiseMeV">The r.m.s. of its noise.</param>
/// <param name="Source">Where the numbers come from.</param>
public sealed record SetupCounter(string Name, double ZCm, double MipMeV, double MipSpread, double NoiseMeV, string Source)
{
    /// <summary>The most counters a setup lists: the simulation keeps their readings on the stack.</summary>
    public const int MaxCount = 16;

    /// <summary>Whether the pair from a decay in <paramref name="region"/> crosses this counter (else it reads its noise).</summary>
    public bool SeesPair(SetupDecayRegion region) => ZCm >= region.EndCm;

    internal void Validate(ConditionsValidator v, string field, SetupDecayRegion region)
    {
        v.NotEmpty($"{field}.name", Name);
        if (Name.Length > 16 || !Name.All(char.IsAsciiLetterOrDigit))
            throw v.Fail($"{field}.name", $"'{Name}' is not 1..16 characters of [A-Za-z0-9]");
        v.InRange($"{field}.zCm", ZCm, 0, 1e5);
        if (ZCm > region.StartCm && ZCm < region.EndCm)
            throw v.Fail($"{field}.zCm", $"{ZCm} cm lies inside the decay region ({region.StartCm}, {region.EndCm}) cm: the pair would cross it for some decays only, which is not modelled; place it up to decayRegion.startCm or from decayRegion.endCm on");
        v.Positive($"{field}.mipMeV", MipMeV);
        v.InRange($"{field}.mipSpread", MipSpread, 0, 1);
        v.NonNegative($"{field}.noiseMeV", NoiseMeV);
        v.NotEmpty($"{field}.source", Source);
    }
}
