using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Selection;

namespace NA64.Reco.Physics.Summary;

/// <summary>
/// Fills a <see cref="EventSummary"/> event by event: counters, cut-flow (plain and weighted), histograms and the
/// truth checks. Everything added is an integer (weights through <see cref="FixedPointWeight"/>), so
/// summaries filled from any split of the events merge to identical bytes.
/// The energy closure uses σ² = σ²_ECAL(E₀) + σ²_HCAL(E_HCAL) + noise, with σ²(E) = a²E + b²E² per calorimeter
/// (physics.md §3) and the noise of every cell (both ECAL sections, all HCAL cells) added in quadrature; E₀ is the
/// true beam momentum.
/// </summary>
public sealed class SummaryAccumulator
{
    private readonly double _ecalA2, _ecalB2, _hcalA2, _hcalB2, _noise2;
    private readonly SidebandCells _cells;
    // Samples mostly repeat one weight (1 for unbiased ones): its fixed-point forms are kept rather than recomputed.
    private double _lastWeight = 1;
    private WeightSum _lastW = FixedPointWeight.FromDouble(1), _lastW2 = FixedPointWeight.FromDouble(1);

    public SummaryAccumulator(DetectorConditions conditions)
    {
        var ecal = conditions.Ecal;
        var hcal = conditions.Hcal;
        _ecalA2 = ecal.Stochastic * ecal.Stochastic;
        _ecalB2 = ecal.Constant * ecal.Constant;
        _hcalA2 = hcal.Stochastic * hcal.Stochastic;
        _hcalB2 = hcal.Constant * hcal.Constant;
        var ecalNoise = ecal.NoiseMeV * 1e-3;
        var hcalNoise = hcal.NoiseMeV * 1e-3;
        _cells = new SidebandCells(Analysis.AbcdSidebands.FromCuts(conditions.Cuts));
        _noise2 = 2 * ecal.Cells * ecalNoise * ecalNoise + hcal.Modules * hcal.CellsPerModule * hcalNoise * hcalNoise;
    }

    /// <summary>3σ half-width (GeV) of the closure E_ECAL + E_HCAL ≈ E₀ for a given E₀ and measured E_HCAL.</summary>
    public double ClosureSigma(double e0GeV, double hcalGeV)
    {
        var h = Math.Max(hcalGeV, 0);
        return Math.Sqrt(_ecalA2 * e0GeV + _ecalB2 * e0GeV * e0GeV + _hcalA2 * h + _hcalB2 * h * h + _noise2);
    }

    /// <summary>
    /// Adds one reconstructed event that passed the cut-flow up to <paramref name="lastPassed"/> and that the dimuon
    /// selection took or not (<paramref name="dimuonCandidate"/>).
    /// </summary>
    public void Add(RawEvent raw, RecoEvent reco, Cut lastPassed, EventSummary into, bool dimuonCandidate = false)
    {
        into.Events++;
        var weight = raw.HasTruth ? raw.Truth.Weight : 1.0;
        if (weight != _lastWeight)
        {
            _lastW = FixedPointWeight.FromDouble(weight);
            _lastW2 = FixedPointWeight.FromDouble(weight * weight);
            _lastWeight = weight;
        }
        WeightSum w = _lastW, w2 = _lastW2;
        for (var k = 0; k <= (int)lastPassed; k++)
        {
            into.CutFlow[k]++;
            into.WeightedCutFlow[k] += w;
            into.WeightedSquaredCutFlow[k] += w2;
        }

        var p = reco.MomentumGeV;
        if (!double.IsNaN(p)) into.Momentum.Fill(p);
        into.SrdEnergy.Fill(reco.SrdTotalMeV);
        into.EcalVsHcalAll.Fill(reco.EcalTotalGeV, reco.HcalTotalGeV);
        var cell = -1;
        if (lastPassed >= Cut.Veto)
        {
            into.EcalVsHcal.Fill(reco.EcalTotalGeV, reco.HcalTotalGeV);
            cell = _cells.CellOf(reco.EcalTotalGeV, reco.HcalTotalGeV);
            into.CellEvents[cell]++;
            into.WeightedCell[cell] += w;
            into.WeightedSquaredCell[cell] += w2;
        }
        if (dimuonCandidate)
        {
            into.DimuonCandidates++;
            into.DimuonCandidateEcal.Fill(reco.EcalTotalGeV);
        }

        if (!raw.HasTruth) return;
        ref readonly var truth = ref raw.Truth;
        if ((truth.Flags & TruthFlags.Dimuon) != 0)
        {
            into.TruthDimuons++;
            if (dimuonCandidate) into.TruthDimuonCandidates++;
        }
        var nominalElectron = truth.Particle == ParticleKind.Electron && (truth.Flags & TruthFlags.LowEnergyTail) == 0;
        if (nominalElectron)
        {
            into.TruthElectrons++;
            if (reco.SrdTagged) into.TruthElectronsSrdTagged++;
            if (!double.IsNaN(p)) into.MomentumResidual.Fill((p - truth.MomentumGeV) / truth.MomentumGeV);
            // The closure checks the calorimeters' response: pile-up adds another particle's energy to it.
            if ((truth.Flags & (TruthFlags.APrime | TruthFlags.Dimuon | TruthFlags.PileUp)) == 0)
            {
                into.ClosureEvents++;
                var sum = reco.EcalTotalGeV + reco.HcalTotalGeV;
                if (Math.Abs(sum - truth.MomentumGeV) < 3 * ClosureSigma(truth.MomentumGeV, reco.HcalTotalGeV)) into.ClosureWithin3Sigma++;
            }
        }
        else if (truth.Particle is ParticleKind.Pion or ParticleKind.Kaon)
        {
            into.TruthHadrons++;
            if (reco.SrdTagged) into.TruthHadronsSrdTagged++;
            if ((truth.Flags & TruthFlags.InTimeSrPileUp) != 0)
            {
                // Another e⁻'s SR lights every module at once: counted, not factorised.
                into.TruthHadronsInTimeSrPileUp++;
                if (reco.SrdTagged) into.TruthHadronsInTimeSrPileUpSrdTagged++;
            }
            else
            {
                var row = 0;
                if ((truth.Flags & TruthFlags.InTimePileUp) != 0)
                {
                    into.TruthHadronsInTimePileUp++;
                    row = SrdMisidEstimate.ModuleSlots;
                }
                var mask = reco.SrdModulePassMask;
                for (var m = 0; m < SrdMisidEstimate.ModuleSlots; m++) into.TruthHadronSrdModulePass[row + m] += (mask >> m) & 1;
            }
        }

        // The event's one source (the last slot when it has no flag), at any cut and in the box: the sources add up.
        var slot = PrimarySource.Slot(truth.Flags, EventSummary.SourceSlots);
        var inBox = lastPassed == Cut.SignalBox;
        into.SourceEvents[slot]++;
        into.WeightedSourceEvents[slot] += w;
        if (cell >= 0)
        {
            var sourceCell = slot * SidebandCells.Count + cell;
            into.SourceCellEvents[sourceCell]++;
            into.WeightedSourceCell[sourceCell] += w;
            into.WeightedSquaredSourceCell[sourceCell] += w2;
        }
        if (!inBox) return;
        into.SourceInSignalBox[slot]++;
        into.WeightedSourceInSignalBox[slot] += w;
        into.WeightedSquaredSourceInSignalBox[slot] += w2;
    }
}
