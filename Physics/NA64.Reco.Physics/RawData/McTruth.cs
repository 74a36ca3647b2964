namespace NA64.Reco.Physics.RawData;

/// <summary>Monte Carlo truth of one simulated event; absent for real data.</summary>
public struct McTruth
{
    public ParticleKind Particle;
    public TruthFlags Flags;
    /// <summary>True momentum of the beam particle at the first tracker, GeV.</summary>
    public double MomentumGeV;
    /// <summary>True position and slopes at the first tracker (z = 0), mm and rad.</summary>
    public double XMm, YMm, SlopeX, SlopeY;
    /// <summary>Energy carried away by the A' (0 if none), GeV.</summary>
    public double APrimeEnergyGeV;
    /// <summary>Event weight (1 for unbiased samples; emission probability at ε = 1 for biased A' samples).</summary>
    public double Weight;
}
