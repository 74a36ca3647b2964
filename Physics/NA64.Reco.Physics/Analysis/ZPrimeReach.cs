using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Simulation.ZPrime;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// NA64μ's reach in the Z' coupling from the models alone (physics.md §8b, §8c): per mass the emitter's yield in the
/// ECAL of the conditions, the calorimeters' efficiency for the muon's transfers at thresholds of k further MIPs, and the
/// one limit path (<see cref="LimitTable"/>) with no event and no background at the given MOT and its projections. What
/// it leaves out, and the campaign will add: the trigger, the tracking and the backgrounds.
/// </summary>
/// <param name="Signals">One signal point per mass (yield per MOT per g² × BR(Z' → invisible), the efficiency).</param>
/// <param name="Efficiencies">The calorimeter efficiency per mass and its binomial error.</param>
/// <param name="Observed">g_90 at <see cref="LimitInputs.Eot"/> MOT.</param>
/// <param name="Projections">g_90 at each projected MOT.</param>
public sealed record ZPrimeReach(
    IReadOnlyList<SignalPoint> Signals,
    IReadOnlyList<(double Efficiency, double Uncertainty)> Efficiencies,
    LimitTable Observed,
    IReadOnlyList<LimitTable> Projections)
{
    /// <summary>NA64μ's first exposure, (1.98 ± 0.02) × 10¹⁰ MOT (arXiv:2401.01708).</summary>
    public const double FirstResultMot = 1.98e10, FirstResultMotRelativeUncertainty = 0.02 / 1.98;

    /// <summary>The beam energy of NA64μ at M2 (arXiv:2401.01708).</summary>
    public const double BeamEnergyGeV = 160;

    /// <summary>
    /// Computes the reach: <paramref name="emissions"/> forced emissions per mass from <paramref name="seed"/> for the
    /// efficiency, thresholds of <paramref name="mipMultiple"/> × the conditions' MIPs of the ECAL and of an HCAL module.
    /// </summary>
    public static ZPrimeReach Compute(DetectorConditions conditions, IReadOnlyList<double> massesMeV, double mot,
        IReadOnlyList<double> projectedMot, double mipMultiple, int emissions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(massesMeV);
        ArgumentNullException.ThrowIfNull(projectedMot);
        if (!(mipMultiple > 0)) throw new ArgumentOutOfRangeException(nameof(mipMultiple), mipMultiple, "must be > 0");
        var target = APrimeTarget.EcalOf(conditions);
        var passage = MuonCalorimeterPassage.Of(conditions);
        var ecalMax = mipMultiple * conditions.Ecal.MipMeV * 1e-3;
        var hcalMax = mipMultiple * conditions.Hcal.MipMeVPerModule * 1e-3;
        var signals = new SignalPoint[massesMeV.Count];
        var efficiencies = new (double, double)[massesMeV.Count];
        for (var i = 0; i < massesMeV.Count; i++)
        {
            var emitter = new ZPrimeEmitter(target, massesMeV[i], BeamEnergyGeV);
            efficiencies[i] = ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, ecalMax, hcalMax, emissions, seed);
            signals[i] = SignalPoint.ForZPrime(emitter, efficiencies[i].Item1, efficiencies[i].Item2);
        }
        var inputs = new LimitInputs(0, BackgroundInput.None, mot) { EotRelativeUncertainty = FirstResultMotRelativeUncertainty };
        var projections = projectedMot.Select(m => LimitTable.Projected(signals, inputs, m)).ToArray();
        return new ZPrimeReach(signals, efficiencies, LimitTable.Build(signals, inputs), projections);
    }
}
