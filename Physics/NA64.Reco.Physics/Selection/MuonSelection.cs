using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Physics.Selection;

/// <summary>
/// The muon programme's selection (physics.md §8b, docs/setups.md): the setup's cuts in its order, applied to a muon
/// that crossed the active target (the ECAL) and the HCAL, its momenta as the setup's spectrometers measured them. The
/// names it knows and their parameters: <c>incoming-momentum</c> (<c>minGeV</c>, <c>maxGeV</c>: the incoming muon's
/// measured momentum within them, NA64μ's single incoming muon of p ≈ 160 GeV/c), <c>outgoing-momentum</c> (<c>maxGeV</c>: the outgoing muon's momentum at most this, NA64μ's p_out &lt; 80 GeV/c;
/// required), <c>muon-leaves-ecal</c> (none: the muon comes out of the target, for the spectrometer behind it),
/// <c>ecal-quiet</c> and <c>hcal-quiet</c> (<c>maxMips</c>: the energy beyond the muon's own MIP below that many of the
/// conditions' MIPs, of the ECAL and of one HCAL module).
/// </summary>
public sealed class MuonSelection
{
    public const string IncomingMomentum = "incoming-momentum";
    public const string OutgoingMomentum = "outgoing-momentum";
    public const string LeavesEcal = "muon-leaves-ecal";
    public const string EcalQuiet = "ecal-quiet";
    public const string HcalQuiet = "hcal-quiet";

    private enum Kind { IncomingMomentum, OutgoingMomentum, LeavesEcal, EcalQuiet, HcalQuiet }

    private readonly Kind[] _kinds;
    private readonly double[] _limitsGeV;
    // The incoming-momentum cut's lower edge (its upper one is in _limitsGeV).
    private readonly double _incomingMinGeV;

    private MuonSelection(IReadOnlyList<SetupCut> cuts, DetectorConditions conditions, ConditionsValidator v)
    {
        _kinds = new Kind[cuts.Count];
        _limitsGeV = new double[cuts.Count];
        var names = new string[cuts.Count];
        for (var i = 0; i < cuts.Count; i++)
        {
            var field = $"selection[{i}]";
            if (cuts[i] is not { } cut) throw v.Fail(field, "must be an object, got null");
            var parameters = cut.Values;
            (_kinds[i], var expected) = cut.Cut switch
            {
                IncomingMomentum => (Kind.IncomingMomentum, new[] { "minGeV", "maxGeV" }),
                OutgoingMomentum => (Kind.OutgoingMomentum, ["maxGeV"]),
                LeavesEcal => (Kind.LeavesEcal, []),
                EcalQuiet => (Kind.EcalQuiet, ["maxMips"]),
                HcalQuiet => (Kind.HcalQuiet, ["maxMips"]),
                _ => throw v.Fail($"{field}.cut", $"unknown cut '{cut.Cut}' (the muon programme's are {IncomingMomentum}, {OutgoingMomentum}, {LeavesEcal}, {EcalQuiet}, {HcalQuiet})"),
            };
            for (var j = 0; j < i; j++)
                if (names[j] == cut.Cut) throw v.Fail($"{field}.cut", $"'{cut.Cut}' is listed twice (also at selection[{j}])");
            names[i] = cut.Cut;
            if (cut.Detector is not null) throw v.Fail($"{field}.detector", $"'{cut.Cut}' reads its own detector: remove it");
            foreach (var key in parameters.Keys)
                if (Array.IndexOf(expected, key) < 0)
                    throw v.Fail($"{field}.parameters.{key}", expected.Length == 0 ? $"'{cut.Cut}' takes no parameters" : $"'{cut.Cut}' takes only {string.Join(" and ", expected.Select(e => $"'{e}'"))}");
            var values = new double[expected.Length];
            for (var k = 0; k < expected.Length; k++)
            {
                if (!parameters.TryGetValue(expected[k], out values[k])) throw v.Fail($"{field}.parameters.{expected[k]}", "is required");
                v.Positive($"{field}.parameters.{expected[k]}", values[k]);
            }
            if (expected.Length == 0) continue;
            var value = values[^1];
            if (_kinds[i] == Kind.IncomingMomentum)
            {
                if (!(values[0] < values[1])) throw v.Fail($"{field}.parameters.maxGeV", $"must lie above minGeV ({values[0]}), got {values[1]}");
                _incomingMinGeV = values[0];
            }
            _limitsGeV[i] = _kinds[i] switch
            {
                Kind.EcalQuiet => value * conditions.Ecal.MipMeV * 1e-3,
                Kind.HcalQuiet => value * conditions.Hcal.MipMeVPerModule * 1e-3,
                _ => value,
            };
        }
        var momentum = Array.IndexOf(_kinds, Kind.OutgoingMomentum);
        if (momentum < 0) throw v.Fail("selection", $"needs the cut '{OutgoingMomentum}': it defines the signal (p_out below a fraction of the beam's)");
        MaxOutgoingGeV = _limitsGeV[momentum];
        var incoming = Array.IndexOf(_kinds, Kind.IncomingMomentum);
        IncomingRangeGeV = incoming < 0 ? null : (_incomingMinGeV, _limitsGeV[incoming]);
        CutNames = names;
    }

    /// <summary>The selection of a muon-programme setup (validated when the setup was loaded).</summary>
    public static MuonSelection Of(Setup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.Programme != SetupProgramme.Muon) throw new ArgumentException($"setup '{setup.Name}' is of the {setup.Programme} programme, not the muon one", nameof(setup));
        return new MuonSelection(setup.Selection, setup.Conditions, new ConditionsValidator(setup.Name, ConditionsException.SetupDocument));
    }

    /// <summary>Checks a setup's cuts against the muon programme's (throws the first problem, naming its field).</summary>
    internal static MuonSelection Validate(IReadOnlyList<SetupCut> cuts, DetectorConditions conditions, ConditionsValidator v) => new(cuts, conditions, v);

    /// <summary>The cuts' names, in the setup's order.</summary>
    public IReadOnlyList<string> CutNames { get; }

    /// <summary>The <c>outgoing-momentum</c> cut's maximum, GeV.</summary>
    public double MaxOutgoingGeV { get; }

    /// <summary>The <c>incoming-momentum</c> cut's range, GeV; <c>null</c> when the setup has none.</summary>
    public (double MinGeV, double MaxGeV)? IncomingRangeGeV { get; }

    /// <summary>
    /// The index of the first cut the muon fails, or <see cref="CutNames"/>.Count when it passes all: it came in measured
    /// at <paramref name="incomingGeV"/>, left the ECAL (<paramref name="leavesEcal"/>) measured at
    /// <paramref name="outgoingGeV"/> (NaN when it did not leave), and left these energies beyond its MIP.
    /// </summary>
    public int FirstFailed(double incomingGeV, bool leavesEcal, double outgoingGeV, double ecalBeyondMipGeV, double hcalBeyondMipGeV)
    {
        for (var i = 0; i < _kinds.Length; i++)
        {
            var pass = _kinds[i] switch
            {
                Kind.IncomingMomentum => incomingGeV >= _incomingMinGeV && incomingGeV <= _limitsGeV[i],
                Kind.OutgoingMomentum => outgoingGeV <= _limitsGeV[i],
                Kind.LeavesEcal => leavesEcal,
                Kind.EcalQuiet => ecalBeyondMipGeV < _limitsGeV[i],
                _ => hcalBeyondMipGeV < _limitsGeV[i],
            };
            if (!pass) return i;
        }
        return _kinds.Length;
    }
}
