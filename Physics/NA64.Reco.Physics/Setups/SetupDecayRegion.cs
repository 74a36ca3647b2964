using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Setups;

/// <summary>
/// Where the visible programme's X must decay (docs/setups.md, "decayRegion"): from the end of the veto behind the dump
/// (V2) to the front of the calorimeter that absorbs the e⁺e⁻ pair (the ECAL), distances from the dump's downstream face;
/// the pair's counter (S4) lies in front of that calorimeter.
/// </summary>
/// <param name="StartCm">From the dump's face to the end of the veto behind it.</param>
/// <param name="EndCm">From the dump's face to the first counter the pair crosses (S4, in front of the ECAL).</param>
/// <param name="MaterialX0">The material a photon from a decay in the region crosses before that counter, in X₀ (trackers, windows, gas).</param>
/// <param name="Source">Where the numbers come from.</param>
public sealed record SetupDecayRegion(double StartCm, double EndCm, double MaterialX0, string Source)
{
    /// <summary>The region with the dump's length, as the decay-yield model takes it.</summary>
    public DecayVolume Volume(SetupDump dump) => new(dump.LengthCm, StartCm, EndCm);

    internal void Validate(ConditionsValidator v)
    {
        v.NonNegative("decayRegion.startCm", StartCm);
        if (!(EndCm > StartCm)) throw v.Fail("decayRegion.endCm", $"must lie beyond decayRegion.startCm ({StartCm} cm), got {EndCm}");
        v.InRange("decayRegion.endCm", EndCm, 0, 1e5);
        v.InRange("decayRegion.materialX0", MaterialX0, 0, 1);
        v.NotEmpty("decayRegion.source", Source);
    }
}
