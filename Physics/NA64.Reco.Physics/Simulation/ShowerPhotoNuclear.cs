using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// Photo-nuclear absorption γA → X of the hard photons an electron radiates in the ECAL (docs/physics.md §4c): a photon
/// of energy k = xE leaves the EM shower with E − k, and its hadrons X (<see cref="PhotonHadrons"/>) shower as hadrons
/// in the ECAL and the HCAL, or escape; a leading K⁰_L that crosses both unseen takes its energy out of the detector.
/// <para>Rate: the track length of the first-generation photons, those the beam electron radiates, with energy between
/// xE and (x + dx)E, in X₀: dT/dx = (9/7)(1/x)[(4/3) ln(1/x) − (4/3)(1 − x) + (1 − x²)/2], from the complete-screening
/// bremsstrahlung spectrum (1/k)(4/3 − 4/3 y + y²) per X₀ (PDG, Passage of particles through matter, eq. 34.29), the
/// electron's mean energy E e^{−t} at depth t X₀, and the photons' pair-production mean free path 9/7 X₀ (PDG eq.
/// 34.32); photons of later generations (radiated by the pairs) are not counted. Times the absorption probability per
/// X₀ of lead, X₀[g/cm²] · N_A/A · A_eff · σ(γN), with the absorber of <see cref="APrimeConditions"/>, and
/// σ(γN) = 115 μb and A_eff = A(1 − 0.072 ln A) as for <see cref="ElectroNuclear"/>. Only x ≥ <see cref="MinEnergyFraction"/>
/// is simulated: σ(γN) is taken where Geant4's form gives it (10–100 GeV), and a softer photon carries less than a
/// tenth of the energy.</para>
/// <para>Depth: the photon is radiated at t_b, distributed as the spectrum at y = x e^{t_b} over [0, ln(1/x)], and
/// absorbed at t_b + an exponential depth of mean 9/7 X₀.</para>
/// <para>Bias: in an <see cref="SampleKind.Electron"/> sample the sample's bias B takes the probability q to
/// q' = min(1, B·q), with the exact weights q/q' and (1 − q)/(1 − q'); in a beam sample the process has its natural
/// rate. The decision and the final state come from a stream of their own. A K⁰_L crosses the ~31 λ of ECAL and HCAL
/// with probability e⁻³¹; in a biased sample the leading (most energetic) one escapes with probability
/// <see cref="ForcedEscapeProbability"/> instead (<see cref="CalorimeterSimulator.AddHadronFrom"/>), with its exact weight, so that the sample estimates the
/// events it puts into the signal box.</para>
/// </summary>
internal sealed class ShowerPhotoNuclear
{
    private const ulong StreamIndex = 0x50484F544E554300UL; // "PHOTNUC"
    private const double AvogadroPerMol = 6.02214076e23;
    public const double PairMeanFreePathX0 = 9.0 / 7.0;
    public const double MinEnergyFraction = 0.1;
    /// <summary>The escape probability a biased sample gives its leading K⁰_L: half cross the calorimeters, half interact.</summary>
    public const double ForcedEscapeProbability = 0.5;

    private static readonly double s_trackLengthX0 = TrackLengthX0(MinEnergyFraction);
    private static readonly double s_envelope = SpectrumBracket(MinEnergyFraction);

    private readonly double _bias;
    private readonly ulong _streamSeed;

    public ShowerPhotoNuclear(DetectorConditions c, SampleDescriptor sample)
    {
        AbsorptionPerX0 = AbsorptionPerX0Of(c.APrime.AbsorberX0Cm, c.APrime.AbsorberDensityGPerCm3, c.APrime.AbsorberA);
        Probability = AbsorptionPerX0 * s_trackLengthX0;
        var biased = sample.Kind == SampleKind.Electron && sample.IsBiased;
        _bias = biased ? sample.Bias : 1;
        EscapeBias = biased ? ForcedEscapeProbability : 0;
        _streamSeed = EventRandom.DeriveSeed(sample.Seed, StreamIndex);
    }

    /// <summary>Probability that a photon crossing one X₀ of the absorber is absorbed by a nucleus.</summary>
    public double AbsorptionPerX0 { get; }

    /// <summary>The escape probability forced on the leading K⁰_L (0: its natural one).</summary>
    public double EscapeBias { get; }

    /// <summary>q: the probability per electron that one of its photons with x ≥ <see cref="MinEnergyFraction"/> is absorbed.</summary>
    public double Probability { get; }

    /// <summary>
    /// Decides, from the event's own stream, whether the shower of an electron of <paramref name="energyGeV"/> loses a
    /// photon to a nucleus; if so draws the photon and its hadrons into <paramref name="products"/>. Returns the weight.
    /// </summary>
    public double Interact(int spill, long eventNumber, double energyGeV, ShowerPhotoNuclearProducts products)
    {
        products.Happened = false;
        var rng = EventRandom.ForEvent(_streamSeed, spill, eventNumber);
        var q = Probability;
        var forced = Math.Min(1, _bias * q);
        if (!(rng.NextDouble() < forced)) return (1 - q) / (1 - forced);

        products.Happened = true;
        var (x, depthX0) = DrawPhoton(ref rng, MinEnergyFraction, s_envelope);
        products.PhotonGeV = x * energyGeV;
        products.DepthX0 = depthX0;
        products.Hadrons.Draw(ref rng, products.PhotonGeV, 0, 0);
        return q / forced;
    }

    /// <summary>
    /// The absorption probability per X₀ of an absorber of radiation length <paramref name="x0Cm"/>, density
    /// <paramref name="densityGPerCm3"/> and atomic mass <paramref name="a"/>: X₀ρ N_A/A · A_eff σ(γN).
    /// </summary>
    internal static double AbsorptionPerX0Of(double x0Cm, double densityGPerCm3, double a) =>
        x0Cm * densityGPerCm3 * AvogadroPerMol / a * ElectroNuclear.EffectiveNucleons(a) * ElectroNuclear.NucleonPhotoabsorptionCm2;

    /// <summary>
    /// An absorbed photon of x ≥ <paramref name="minFraction"/> of the electron's energy, from dT/dx (its
    /// <see cref="SpectrumBracket"/>, at most <paramref name="envelope"/> = SpectrumBracket(minFraction) there), and the
    /// depth in X₀ where it is absorbed: radiated where the electron's mean energy still exceeds it, absorbed an
    /// exponential path of mean 9/7 X₀ later.
    /// </summary>
    internal static (double X, double DepthX0) DrawPhoton(ref EventRandom rng, double minFraction, double envelope)
    {
        double x;
        do x = minFraction * Math.Pow(1 / minFraction, rng.NextDouble());
        while (rng.NextDouble() * envelope > SpectrumBracket(x));
        double birth;
        do birth = -Math.Log(x) * rng.NextDouble();
        while (rng.NextDouble() * (4.0 / 3.0) > Bremsstrahlung(x * Math.Exp(birth)));
        return (x, birth + rng.NextExponential(PairMeanFreePathX0));
    }

    /// <summary>T(a) = ∫_a^1 dT/dx dx in X₀, in closed form.</summary>
    internal static double TrackLengthX0(double a)
    {
        var l = Math.Log(a);
        return PairMeanFreePathX0 * (2.0 / 3.0 * l * l + 4.0 / 3.0 * (l + 1 - a) - 0.5 * l - (1 - a * a) / 4);
    }

    /// <summary>x · dT/dx / (9/7): (4/3) ln(1/x) − (4/3)(1 − x) + (1 − x²)/2, falling from x = 0 to 0 at x = 1.</summary>
    internal static double SpectrumBracket(double x) => -4.0 / 3.0 * Math.Log(x) - 4.0 / 3.0 * (1 - x) + (1 - x * x) / 2;

    /// <summary>The complete-screening bremsstrahlung shape 4/3 − 4/3 y + y², at most 4/3 on [0, 1].</summary>
    private static double Bremsstrahlung(double y) => 4.0 / 3.0 - 4.0 / 3.0 * y + y * y;
}
