namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// The visible-mode signal yield per electron on target (physics.md §8a): X emitted in the dump's shower (the forced,
/// ETL-corrected emission of <see cref="APrimeEmitter"/> at ε = 1, whose production scales as ε²) that decays to e⁺e⁻ in
/// the <see cref="DecayVolume"/>, S(ε) = ε² ⟨w · P(ε)⟩ with P(ε) = e^(−a/λ) − e^(−b/λ) for each emission's distances a, b
/// to the start and end of the decay region and its decay length λ = γβ cτ(ε) ∝ 1/ε². Small ε: the X decays past the
/// calorimeter (S ∝ ε⁴); large ε: inside the dump (S falls as e^(−a/λ)). The selection's efficiency, the same at every
/// ε, multiplies it (<see cref="VisibleEventSimulation"/>).
/// </summary>
/// <remarks>
/// The emissions are drawn once, from a fixed seed, and kept: S is then a smooth, deterministic function of ε that an
/// excluded band can be solved on. Each emission keeps w, γβ and its distance to the start of the region (the region's
/// length is the same for all); nothing of the emitter is needed later.
/// </remarks>
public sealed class VisibleDecayYield
{
    private readonly double[] _weight;
    private readonly double[] _gammaBeta;
    private readonly double[] _toStartCm;

    /// <param name="emitter">The dump's emitter, at the X mass.</param>
    /// <param name="volume">The decay region behind the dump.</param>
    /// <param name="beamEnergyGeV">Energy of the electrons on the dump.</param>
    /// <param name="emissions">How many emissions to draw (the statistical precision of S is ~1/√n).</param>
    /// <param name="seed">Their seed.</param>
    public VisibleDecayYield(APrimeEmitter emitter, DecayVolume volume, double beamEnergyGeV, int emissions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        ArgumentNullException.ThrowIfNull(volume);
        volume.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(emissions);
        MassGeV = emitter.MassAPrimeMeV * 1e-3;
        Volume = volume;
        _weight = new double[emissions];
        _gammaBeta = new double[emissions];
        _toStartCm = new double[emissions];
        var cmPerX0 = volume.DumpLengthCm / emitter.Target.DepthX0;
        var rng = new EventRandom(seed);
        var sum = 0.0;
        for (var i = 0; i < emissions; i++)
        {
            var e = emitter.Emit(ref rng, beamEnergyGeV);
            if (!(e.Weight > 0)) continue;
            var remaining = Math.Max(emitter.Target.DepthX0 - e.DepthX0, 0) * cmPerX0;
            _weight[i] = e.Weight;
            _gammaBeta[i] = APrimeDecay.GammaBeta(e.EnergyGeV, MassGeV);
            _toStartCm[i] = remaining + volume.DecayStartCm;
            sum += e.Weight;
        }
        ProductionPerEot = sum / emissions;
    }

    public double MassGeV { get; }
    public DecayVolume Volume { get; }

    /// <summary>X emitted above the energy threshold per EOT at ε = 1, wherever they decay.</summary>
    public double ProductionPerEot { get; }

    /// <summary>S(ε): X that decay in the decay region, per EOT.</summary>
    public double PerEot(double epsilon)
    {
        if (!(epsilon > 0)) return 0;
        var properLength = APrimeDecay.ProperLengthCm(MassGeV, epsilon);
        var regionCm = Volume.DecayEndCm - Volume.DecayStartCm;
        var sum = 0.0;
        for (var i = 0; i < _weight.Length; i++)
            sum += _weight[i] * APrimeDecay.ProbabilityBetween(_gammaBeta[i] * properLength, _toStartCm[i], _toStartCm[i] + regionCm);
        return epsilon * epsilon * sum / _weight.Length;
    }
}
