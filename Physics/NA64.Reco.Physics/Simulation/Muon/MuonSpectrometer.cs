using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>
/// A muon's momentum measured by a setup's spectrometer (physics.md §8b, "Spectrometers"): the track is found when each
/// of its four planes measures it (probability ε⁴, one draw); the dipole bends the track by
/// θ = 0.2998 ∫B dl / p (rad, with T·m and GeV/c); two planes a lever arm d apart on each side give the segments' slopes
/// to √2 σ/d each, so the kink to 2σ/d; the material between the first and the last plane adds Highland's θ₀(p)
/// (<see cref="MultipleScattering"/>), as if it were all at the magnet. The measured kink is Gaussian about θ, and
/// p_measured = 0.2998 ∫B dl / θ_measured, so σ_p/p = σ_θ/θ: a term ∝ p from the planes and a constant one from the
/// scattering. A kink of the wrong sign measures no momentum (+∞); a muon whose radius in the field is shorter than the
/// field's length (0.2998 ∫B dl / p ≥ 1 rad: it turns back inside the magnet) leaves no track (NaN). Immutable and
/// thread-safe.
/// </summary>
public sealed class MuonSpectrometer
{
    /// <summary>GeV/c per T·m per rad: p = 0.299792458 ∫B dl / θ for a particle of unit charge.</summary>
    public const double BendConstant = 0.299792458;

    private readonly double _planeKinkRad;

    private MuonSpectrometer(SetupSpectrometer? spectrometer)
    {
        Setup = spectrometer;
        if (spectrometer is null) return;
        _planeKinkRad = 2 * spectrometer.PlaneResolutionMm * 1e-3 / spectrometer.LeverArmM;
        TrackEfficiency = Math.Pow(spectrometer.PlaneEfficiency, Planes);
    }

    /// <summary>The spectrometer of a setup's document; <c>null</c> measures exactly.</summary>
    public static MuonSpectrometer Of(SetupSpectrometer? spectrometer) => new(spectrometer);

    /// <summary>The planes a track crosses: two per segment, one segment on each side of the magnet.</summary>
    public const int Planes = 4;

    /// <summary>The probability that the track is found: every plane's efficiency (1 for the exact measurement).</summary>
    public double TrackEfficiency { get; } = 1;

    /// <summary>What it was built from; <c>null</c> for the exact measurement.</summary>
    public SetupSpectrometer? Setup { get; }

    /// <summary>The bend angle of a muon of <paramref name="momentumGeV"/>, rad (0 for the exact measurement).</summary>
    public double BendRad(double momentumGeV) => Setup is null ? 0 : BendConstant * Setup.FieldIntegralTm / momentumGeV;

    /// <summary>The kink's resolution at <paramref name="momentumGeV"/>: the planes' ⊕ the scattering's, rad.</summary>
    public double KinkResolutionRad(double momentumGeV)
    {
        if (Setup is null) return 0;
        var scattering = MultipleScattering.HighlandAngleRad(momentumGeV, APrime.MuonPairCrossSection.MuonMassGeV, Setup.MaterialX0);
        return Math.Sqrt(_planeKinkRad * _planeKinkRad + scattering * scattering);
    }

    /// <summary>σ_p/p at <paramref name="momentumGeV"/> (0 for the exact measurement).</summary>
    public double RelativeResolution(double momentumGeV) => Setup is null ? 0 : KinkResolutionRad(momentumGeV) / BendRad(momentumGeV);

    /// <summary>
    /// The measured momentum of a muon of true <paramref name="momentumGeV"/>; NaN when no track is found. Draws nothing
    /// when exact; else always one uniform draw for the track and one Gaussian for the kink, found or not, so that
    /// setups that differ in efficiency or resolution measure the same events with the same random numbers.
    /// </summary>
    public double Measure(double momentumGeV, ref EventRandom rng)
    {
        if (Setup is null) return momentumGeV;
        var found = rng.NextDouble() < TrackEfficiency;
        var deviate = rng.NextGaussian();
        if (!found || BendRad(momentumGeV) >= 1) return double.NaN;
        var kink = BendRad(momentumGeV) + KinkResolutionRad(momentumGeV) * deviate;
        return kink > 0 ? BendConstant * Setup.FieldIntegralTm / kink : double.PositiveInfinity;
    }
}
