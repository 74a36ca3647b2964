using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Physics.Selection;

/// <summary>
/// The visible programme's selection (physics.md §8a, docs/setups.md): the setup's cuts in its order, applied to an X that
/// decayed to e⁺e⁻ in the decay region behind the dump. The names it knows and their parameters: <c>v2-quiet</c>
/// (<c>maxMips</c>: the veto behind the dump reads less than that many of its MIPs: nothing charged left the dump),
/// <c>s4-pair</c> (<c>minMips</c>, <c>maxMips</c>: the counter in front of the ECAL reads the pair's two MIPs within
/// them), <c>ecal-energy</c> (<c>minGeV</c>: the ECAL's reading at least this; required, since it also sets the lowest X
/// energy simulated), <c>energy-sum</c> (<c>maxSigma</c>: the dump's and the ECAL's readings add up to the beam energy
/// within that many σ of their resolutions). The counters read as the conditions' VETO counters do.
/// </summary>
public sealed class VisibleSelection
{
    public const string V2Quiet = "v2-quiet";
    public const string S4Pair = "s4-pair";
    public const string EcalEnergy = "ecal-energy";
    public const string EnergySum = "energy-sum";

    private enum Kind { V2Quiet, S4Pair, EcalEnergy, EnergySum }

    private readonly Kind[] _kinds;
    private readonly double[] _min, _max;

    private VisibleSelection(IReadOnlyList<SetupCut> cuts, ConditionsValidator v)
    {
        _kinds = new Kind[cuts.Count];
        _min = new double[cuts.Count];
        _max = new double[cuts.Count];
        var names = new string[cuts.Count];
        for (var i = 0; i < cuts.Count; i++)
        {
            var field = $"selection[{i}]";
            if (cuts[i] is not { } cut) throw v.Fail(field, "must be an object, got null");
            (_kinds[i], var expected) = cut.Cut switch
            {
                V2Quiet => (Kind.V2Quiet, new[] { "maxMips" }),
                S4Pair => (Kind.S4Pair, ["minMips", "maxMips"]),
                EcalEnergy => (Kind.EcalEnergy, ["minGeV"]),
                EnergySum => (Kind.EnergySum, ["maxSigma"]),
                _ => throw v.Fail($"{field}.cut", $"unknown cut '{cut.Cut}' (the visible programme's are {V2Quiet}, {S4Pair}, {EcalEnergy}, {EnergySum})"),
            };
            for (var j = 0; j < i; j++)
                if (names[j] == cut.Cut) throw v.Fail($"{field}.cut", $"'{cut.Cut}' is listed twice (also at selection[{j}])");
            names[i] = cut.Cut;
            foreach (var key in cut.Values.Keys)
                if (Array.IndexOf(expected, key) < 0)
                    throw v.Fail($"{field}.parameters.{key}", $"'{cut.Cut}' takes only {string.Join(" and ", expected.Select(e => $"'{e}'"))}");
            var values = new double[expected.Length];
            for (var k = 0; k < expected.Length; k++)
            {
                if (!cut.Values.TryGetValue(expected[k], out values[k])) throw v.Fail($"{field}.parameters.{expected[k]}", "is required");
                v.Positive($"{field}.parameters.{expected[k]}", values[k]);
            }
            if (_kinds[i] == Kind.S4Pair && !(values[0] < values[1]))
                throw v.Fail($"{field}.parameters.maxMips", $"must lie above minMips ({values[0]}), got {values[1]}");
            (_min[i], _max[i]) = _kinds[i] switch
            {
                Kind.S4Pair => (values[0], values[1]),
                Kind.EcalEnergy => (values[0], double.PositiveInfinity),
                _ => (double.NegativeInfinity, values[0]),
            };
        }
        var ecal = Array.IndexOf(_kinds, Kind.EcalEnergy);
        if (ecal < 0) throw v.Fail("selection", $"needs the cut '{EcalEnergy}': it sets the lowest X energy the signal is simulated from");
        MinEcalGeV = _min[ecal];
        CutNames = names;
    }

    /// <summary>The selection of a visible-programme setup (validated when the setup was loaded).</summary>
    public static VisibleSelection Of(Setup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.Programme != SetupProgramme.Visible) throw new ArgumentException($"setup '{setup.Name}' is of the {setup.Programme} programme, not the visible one", nameof(setup));
        return new VisibleSelection(setup.Selection, new ConditionsValidator(setup.Name, ConditionsException.SetupDocument));
    }

    /// <summary>Checks a setup's cuts against the visible programme's (throws the first problem, naming its field).</summary>
    internal static VisibleSelection Validate(IReadOnlyList<SetupCut> cuts, ConditionsValidator v) => new(cuts, v);

    /// <summary>The cuts' names, in the setup's order.</summary>
    public IReadOnlyList<string> CutNames { get; }

    /// <summary>The <c>ecal-energy</c> cut's minimum, GeV.</summary>
    public double MinEcalGeV { get; }

    /// <summary>
    /// The index of the first cut the event fails, or <see cref="CutNames"/>.Count when it passes all: V2 and S4 read
    /// <paramref name="v2Mips"/> and <paramref name="s4Mips"/> of their MIPs, the ECAL <paramref name="ecalGeV"/>, and the
    /// dump's and the ECAL's sum lies <paramref name="sumPull"/> σ from the beam energy.
    /// </summary>
    public int FirstFailed(double v2Mips, double s4Mips, double ecalGeV, double sumPull)
    {
        for (var i = 0; i < _kinds.Length; i++)
        {
            var x = _kinds[i] switch
            {
                Kind.V2Quiet => v2Mips,
                Kind.S4Pair => s4Mips,
                Kind.EcalEnergy => ecalGeV,
                _ => Math.Abs(sumPull),
            };
            var pass = _kinds[i] switch
            {
                Kind.S4Pair or Kind.EcalEnergy => x >= _min[i] && x <= _max[i],
                _ => x < _max[i],
            };
            if (!pass) return i;
        }
        return _kinds.Length;
    }
}
