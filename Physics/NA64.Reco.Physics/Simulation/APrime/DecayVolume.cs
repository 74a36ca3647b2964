namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// Where a visible-mode X must decay to give a signal (physics.md §8a): behind the dump and the veto right after it, and in
/// front of the calorimeter that sees the e⁺e⁻ pair. Distances along the beam, in cm.
/// </summary>
/// <param name="DumpLengthCm">Physical length of the dump (the WCAL), over which its <see cref="APrimeTarget.DepthX0"/> is spread.</param>
/// <param name="DecayStartCm">From the dump's downstream face to the start of the decay region: the end of the veto behind it.</param>
/// <param name="DecayEndCm">From the dump's downstream face to the front of the calorimeter that absorbs the pair.</param>
public sealed record DecayVolume(double DumpLengthCm, double DecayStartCm, double DecayEndCm)
{
    /// <summary>Throws unless the lengths are ordered: 0 &lt; dump, 0 ≤ start &lt; end.</summary>
    public void Validate()
    {
        if (!(DumpLengthCm > 0)) throw new ArgumentOutOfRangeException(nameof(DumpLengthCm), DumpLengthCm, "the dump must have a length > 0");
        if (!(DecayStartCm >= 0)) throw new ArgumentOutOfRangeException(nameof(DecayStartCm), DecayStartCm, "must be >= 0");
        if (!(DecayEndCm > DecayStartCm))
            throw new ArgumentOutOfRangeException(nameof(DecayEndCm), DecayEndCm, $"must lie beyond the start of the decay region ({DecayStartCm} cm)");
    }
}
