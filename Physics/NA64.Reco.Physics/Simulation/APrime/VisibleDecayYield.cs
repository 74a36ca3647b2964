using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// The visible-mode signal yield per electron on target (physics.md §8a): X emitted in the dump's shower (the forced,
/// ETL-corrected emission of <see cref="APrimeEmitter"/> at ε = 1, whose production scales as ε²) that decays to e⁺e⁻ in
/// the <see cref="DecayVolume"/>, S(ε) = ε² ⟨w · P(ε)⟩ with P(ε) = e^(−a/λ) − e^(−b/λ) for each emission's distances a, b
/// to the start and end of the decay region and its decay length λ = γβ cτ(ε) ∝ 1/ε². Small ε: the X decays past the
/// calorimeter (S ∝ ε⁴); large ε: inside the dump (S falls as e^(−a/λ)). With a setup's selection, each emission also
/// gets the readings of its decay (<see cref="VisibleResponse"/>) and the first cut they fail, so that the yield after
/// each cut is S_k(ε) = ε² ⟨w · P(ε) · [passes the first k + 1 cuts]⟩.
/// </summary>
/// <remarks>
/// The emissions are drawn once, from a fixed seed, and kept: S is then a smooth, deterministic function of ε that an
/// excluded band can be solved on. Each emission keeps w, γβ, its distance to the start of the region (the region's
/// length is the same for all) and the first cut it fails; nothing of the emitter is needed later. The readings do not
/// depend on where in the region the X decays (the pair's opening angle, ~2m/E, keeps it within the counter and one
/// ECAL shower), so they are drawn once per emission, whatever ε.
/// </remarks>
public sealed class VisibleDecayYield
{
    private readonly double[] _weight;
    private readonly double[] _gammaBeta;
    private readonly double[] _toStartCm;
    private readonly byte[] _firstFailed;

    /// <param name="emitter">The dump's emitter, at the X mass.</param>
    /// <param name="volume">The decay region behind the dump.</param>
    /// <param name="beamEnergyGeV">Energy of the electrons on the dump.</param>
    /// <param name="emissions">How many emissions to draw (the statistical precision of S is ~1/√n).</param>
    /// <param name="seed">Their seed.</param>
    public VisibleDecayYield(APrimeEmitter emitter, DecayVolume volume, double beamEnergyGeV, int emissions, ulong seed)
        : this(emitter, volume, beamEnergyGeV, emissions, seed, null, null)
    {
    }

    private VisibleDecayYield(APrimeEmitter emitter, DecayVolume volume, double beamEnergyGeV, int emissions, ulong seed,
        VisibleSelection? selection, VisibleResponse? response)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        ArgumentNullException.ThrowIfNull(volume);
        volume.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(emissions);
        MassGeV = emitter.MassAPrimeMeV * 1e-3;
        Volume = volume;
        CutNames = selection?.CutNames ?? [];
        _weight = new double[emissions];
        _gammaBeta = new double[emissions];
        _toStartCm = new double[emissions];
        _firstFailed = new byte[emissions];
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
            if (selection is not null)
            {
                var r = response!.Draw(ref rng, e.EnergyGeV, beamEnergyGeV);
                _firstFailed[i] = (byte)selection.FirstFailed(r.V2Mips, r.S4Mips, r.EcalGeV, r.SumPull);
            }
            sum += e.Weight;
        }
        ProductionPerEot = sum / emissions;
    }

    /// <summary>
    /// The yield of a visible-programme setup at one mass: its dump's emitter (X above the <c>ecal-energy</c> cut's
    /// fraction of the beam energy, the conditions' k-factors), its decay region and its selection.
    /// </summary>
    public static VisibleDecayYield Of(Setup setup, double massMeV, int emissions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var selection = VisibleSelection.Of(setup);
        var dump = setup.Dump!;
        var emitter = new APrimeEmitter(EmissionTarget(setup, selection), massMeV, setup.BeamEnergyGeV);
        return new VisibleDecayYield(emitter, setup.DecayRegion!.Volume(dump), setup.BeamEnergyGeV, emissions, seed,
            selection, new VisibleResponse(dump, setup.Conditions));
    }

    /// <summary>The dump of a visible setup as the emitter's target: X above the <c>ecal-energy</c> cut's share of the beam.</summary>
    private static APrimeTarget EmissionTarget(Setup setup, VisibleSelection selection) =>
        setup.Dump!.Target(selection.MinEcalGeV / setup.BeamEnergyGeV, setup.Conditions.APrime.KFactorTableInUse);

    public double MassGeV { get; }
    public DecayVolume Volume { get; }

    /// <summary>The selection's cuts, in order (none for a yield without a selection).</summary>
    public IReadOnlyList<string> CutNames { get; }

    /// <summary>X emitted above the energy threshold per EOT at ε = 1, wherever they decay.</summary>
    public double ProductionPerEot { get; }

    /// <summary>S(ε): X that decay in the decay region, per EOT.</summary>
    public double PerEot(double epsilon) => PassedPerEot(epsilon, -1);

    /// <summary>X that decay in the decay region and pass the selection's first <paramref name="cut"/> + 1 cuts, per EOT (−1: no cut).</summary>
    public double PassedPerEot(double epsilon, int cut)
    {
        if (cut < -1 || cut >= CutNames.Count) throw new ArgumentOutOfRangeException(nameof(cut), cut, $"the selection has {CutNames.Count} cuts");
        if (!(epsilon > 0)) return 0;
        var properLength = APrimeDecay.ProperLengthCm(MassGeV, epsilon);
        var regionCm = Volume.DecayEndCm - Volume.DecayStartCm;
        var sum = 0.0;
        for (var i = 0; i < _weight.Length; i++)
            if (_firstFailed[i] > cut)
                sum += _weight[i] * APrimeDecay.ProbabilityBetween(_gammaBeta[i] * properLength, _toStartCm[i], _toStartCm[i] + regionCm);
        return epsilon * epsilon * sum / _weight.Length;
    }

    /// <summary>X that decay in the region and pass every cut, per EOT: the signal the excluded band is solved on.</summary>
    public double SelectedPerEot(double epsilon) => PassedPerEot(epsilon, CutNames.Count - 1);
}
