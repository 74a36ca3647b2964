using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Selection;

/// <summary>
/// The visible programme's selection (physics.md §8a, docs/setups.md): the setup's cuts in its order, applied to an X that
/// decayed to e⁺e⁻ in the decay region behind the dump. The names it knows and their parameters: <c>quiet</c>
/// (<c>detector</c>, <c>maxMips</c>: that counter, between the dump and the decay region, reads less than that many of
/// its MIPs: nothing charged left the dump), <c>pair</c> (<c>detector</c>, <c>minMips</c>, <c>maxMips</c>: that counter,
/// between the decay region and the ECAL, reads the pair's two MIPs within them), <c>ecal-energy</c> (<c>minGeV</c>: the
/// ECAL's reading at least this; required, since it also sets the lowest X energy simulated), <c>energy-sum</c>
/// (<c>maxSigma</c>: the dump's and the ECAL's readings add up to the beam energy within that many σ of their
/// resolutions). A counter's cut is reported as the counter's name and the cut's, e.g. <c>s4-pair</c>.
/// </summary>
public sealed class VisibleSelection
{
    public const string Quiet = "quiet";
    public const string Pair = "pair";
    public const string EcalEnergy = "ecal-energy";
    public const string EnergySum = "energy-sum";

    private enum Kind { Quiet, Pair, EcalEnergy, EnergySum }

    private readonly Kind[] _kinds;
    private readonly int[] _counter;
    private readonly double[] _min, _max;

    private VisibleSelection(IReadOnlyList<SetupCut> cuts, IReadOnlyList<SetupCounter> counters, SetupDecayRegion region, ConditionsValidator v)
    {
        // A campaign's summaries keep the weights after each cut in a fixed number of slots.
        if (cuts.Count > EventSummary.VisibleCutSlots) throw v.Fail("selection", $"lists {cuts.Count} cuts, at most {EventSummary.VisibleCutSlots}");
        _kinds = new Kind[cuts.Count];
        _counter = new int[cuts.Count];
        _min = new double[cuts.Count];
        _max = new double[cuts.Count];
        var names = new string[cuts.Count];
        for (var i = 0; i < cuts.Count; i++)
        {
            var field = $"selection[{i}]";
            if (cuts[i] is not { } cut) throw v.Fail(field, "must be an object, got null");
            (_kinds[i], var expected) = cut.Cut switch
            {
                Quiet => (Kind.Quiet, new[] { "maxMips" }),
                Pair => (Kind.Pair, ["minMips", "maxMips"]),
                EcalEnergy => (Kind.EcalEnergy, ["minGeV"]),
                EnergySum => (Kind.EnergySum, ["maxSigma"]),
                _ => throw v.Fail($"{field}.cut", $"unknown cut '{cut.Cut}' (the visible programme's are {Quiet} and {Pair}, each with the counter it reads as 'detector', {EcalEnergy} and {EnergySum})"),
            };
            _counter[i] = -1;
            names[i] = cut.Cut;
            if (_kinds[i] is Kind.Quiet or Kind.Pair)
            {
                _counter[i] = CounterOf(cut, counters, region, $"{field}.detector", v);
                names[i] = $"{counters[_counter[i]].Name.ToLowerInvariant()}-{cut.Cut}";
            }
            else if (cut.Detector is not null) throw v.Fail($"{field}.detector", $"'{cut.Cut}' reads the calorimeters, not a counter: remove it");
            for (var j = 0; j < i; j++)
                if (names[j] == names[i]) throw v.Fail($"{field}.cut", $"'{names[i]}' is listed twice (also at selection[{j}])");
            foreach (var key in cut.Values.Keys)
                if (Array.IndexOf(expected, key) < 0)
                    throw v.Fail($"{field}.parameters.{key}", $"'{cut.Cut}' takes only {string.Join(" and ", expected.Select(e => $"'{e}'"))}");
            var values = new double[expected.Length];
            for (var k = 0; k < expected.Length; k++)
            {
                if (!cut.Values.TryGetValue(expected[k], out values[k])) throw v.Fail($"{field}.parameters.{expected[k]}", "is required");
                v.Positive($"{field}.parameters.{expected[k]}", values[k]);
            }
            if (_kinds[i] == Kind.Pair && !(values[0] < values[1]))
                throw v.Fail($"{field}.parameters.maxMips", $"must lie above minMips ({values[0]}), got {values[1]}");
            (_min[i], _max[i]) = _kinds[i] switch
            {
                Kind.Pair => (values[0], values[1]),
                Kind.EcalEnergy => (values[0], double.PositiveInfinity),
                _ => (double.NegativeInfinity, values[0]),
            };
        }
        var ecal = Array.IndexOf(_kinds, Kind.EcalEnergy);
        if (ecal < 0) throw v.Fail("selection", $"needs the cut '{EcalEnergy}': it sets the lowest X energy the signal is simulated from");
        MinEcalGeV = _min[ecal];
        CutNames = names;
    }

    private static int CounterOf(SetupCut cut, IReadOnlyList<SetupCounter> counters, SetupDecayRegion region, string field, ConditionsValidator v)
    {
        var names = counters.Count == 0 ? "the setup lists none" : $"the setup's are {string.Join(", ", counters.Select(c => c.Name))}";
        if (string.IsNullOrEmpty(cut.Detector)) throw v.Fail(field, $"is required: '{cut.Cut}' reads one of the setup's counters ({names})");
        var index = -1;
        for (var k = 0; k < counters.Count; k++)
            if (counters[k].Name == cut.Detector) index = k;
        if (index < 0) throw v.Fail(field, $"no counter '{cut.Detector}' in counters ({names})");
        var seesPair = counters[index].SeesPair(region);
        if (cut.Cut == Quiet && seesPair)
            throw v.Fail(field, $"'{Quiet}' on {cut.Detector}, which the pair crosses (zCm {counters[index].ZCm} >= decayRegion.endCm {region.EndCm}), would reject every signal event");
        if (cut.Cut == Pair && !seesPair)
            throw v.Fail(field, $"'{Pair}' on {cut.Detector}, which lies before the decay region (zCm {counters[index].ZCm} <= decayRegion.startCm {region.StartCm}) and sees only its noise, would reject every signal event");
        return index;
    }

    /// <summary>The selection of a visible-programme setup (validated when the setup was loaded).</summary>
    public static VisibleSelection Of(Setup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (setup.Programme != SetupProgramme.Visible) throw new ArgumentException($"setup '{setup.Name}' is of the {setup.Programme} programme, not the visible one", nameof(setup));
        return new VisibleSelection(setup.Selection, setup.Counters, setup.DecayRegion!, new ConditionsValidator(setup.Name, ConditionsException.SetupDocument));
    }

    /// <summary>Checks a setup's cuts against the visible programme's and its counters (throws the first problem, naming its field).</summary>
    internal static VisibleSelection Validate(IReadOnlyList<SetupCut> cuts, IReadOnlyList<SetupCounter> counters, SetupDecayRegion region, ConditionsValidator v) =>
        new(cuts, counters, region, v);

    /// <summary>The cuts' names, in the setup's order; a counter's cut is named after the counter, e.g. <c>s4-pair</c>.</summary>
    public IReadOnlyList<string> CutNames { get; }

    /// <summary>The <c>ecal-energy</c> cut's minimum, GeV.</summary>
    public double MinEcalGeV { get; }

    /// <summary>
    /// The index of the first cut the event fails, or <see cref="CutNames"/>.Count when it passes all: the setup's
    /// counters read <paramref name="counterMips"/> of their MIPs (in the setup's order), the ECAL
    /// <paramref name="ecalGeV"/>, and the dump's and the ECAL's sum lies <paramref name="sumPull"/> σ from the beam energy.
    /// </summary>
    public int FirstFailed(ReadOnlySpan<double> counterMips, double ecalGeV, double sumPull)
    {
        for (var i = 0; i < _kinds.Length; i++)
        {
            var pass = _kinds[i] switch
            {
                Kind.Quiet => counterMips[_counter[i]] < _max[i],
                Kind.Pair => counterMips[_counter[i]] >= _min[i] && counterMips[_counter[i]] <= _max[i],
                Kind.EcalEnergy => ecalGeV >= _min[i],
                _ => Math.Abs(sumPull) < _max[i],
            };
            if (!pass) return i;
        }
        return _kinds.Length;
    }
}
