using NA64.Reco.Actors.Campaign;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Tests.Support;

/// <summary>
/// A finished MC campaign made by hand: a beam sample of 10¹¹ EOT with 2 events in the signal box and an (E_ECAL, E_HCAL)
/// plane of N_A = 2, N_B = 2, N_C = 1, N_D = 8 (ABCD: 2·1/8 = 0.25), and signal samples at three masses whose weighted
/// cut-flows give Y = Σw/EOT and efficiencies 0.6, 0.5, 0.4. With <c>emptyBeam</c> the beam sample has no event in
/// the box or the side-bands (ABCD undefined, the MC truth a zero count).
/// </summary>
internal static class SyntheticCampaign
{
    public static readonly double[] Masses = [1, 16.7, 100];
    public const long BeamEot = 100_000_000_000;
    public const long SignalEot = 10_000;

    public static CampaignPlan Plan() => CampaignPlan.Expand(new CampaignSpec
    {
        Id = "synthetic",
        Samples =
        [
            new SampleSpec(SampleKind.Beam, 0, 0, 100, 10_000, 1, 1),
            .. Masses.Select((m, i) => new SampleSpec(SampleKind.Signal, m, 1e-4, 1, (int)SignalEot, 2 + (ulong)i, 1)),
        ],
    }, Directory.GetCurrentDirectory());

    public static CampaignFinished Result(bool emptyBeam = false)
    {
        var plan = Plan();
        var samples = new SortedDictionary<string, EventSummary>(StringComparer.Ordinal);
        var beam = new EventSummary { Eot = BeamEot, Events = BeamEot, Spills = 100 };
        var one = FixedPointWeight.FromDouble(1);
        beam.CutFlow[(int)Cut.All] = BeamEot;
        beam.WeightedCutFlow[(int)Cut.All] = BeamEot * one;
        beam.WeightedSquaredCutFlow[(int)Cut.All] = BeamEot * one;
        if (!emptyBeam)
        {
            beam.CutFlow[(int)Cut.SignalBox] = 2;
            beam.WeightedCutFlow[(int)Cut.SignalBox] = 2 * one;
            beam.WeightedSquaredCutFlow[(int)Cut.SignalBox] = 2 * one;
            Fill(beam.EcalVsHcal, 20.5, 0.5, 2);   // A
            Fill(beam.EcalVsHcal, 20.5, 5.5, 2);   // B
            Fill(beam.EcalVsHcal, 60.5, 0.5, 1);   // C
            Fill(beam.EcalVsHcal, 60.5, 5.5, 8);   // D
            foreach (var slot in new[] { 4, EventSummary.SourceSlots - 1 }) // hadron-interaction, none
            {
                beam.SourceInSignalBox[slot] = 1;
                beam.WeightedSourceInSignalBox[slot] = one;
                beam.WeightedSquaredSourceInSignalBox[slot] = one;
                beam.SourceEvents[slot] = 1;
                beam.WeightedSourceEvents[slot] = one;
            }
        }
        samples[plan.Spec.Samples[0].Name] = beam;
        for (var i = 0; i < Masses.Length; i++)
        {
            var s = new EventSummary { Eot = SignalEot, Events = SignalEot, Spills = 1 };
            var w = 0.005 / (i + 1);
            var pass = (long)(SignalEot * (0.6 - 0.1 * i));
            for (var c = 0; c < CutNames.Count; c++)
            {
                // Every cut keeps all events but the last, which keeps `pass` of them.
                var n = c == CutNames.Count - 1 ? pass : SignalEot;
                s.CutFlow[c] = n;
                s.WeightedCutFlow[c] = FixedPointWeight.FromDouble(n * w);
                s.WeightedSquaredCutFlow[c] = FixedPointWeight.FromDouble(n * w * w);
            }
            samples[plan.Spec.Samples[1 + i].Name] = s;
        }
        return new CampaignFinished(plan.CampaignId, plan.SpecHash, samples, [], 100 + Masses.Length, 100 + Masses.Length, 0,
            plan.Spec.Samples.Select(s => new SampleIdentity(s.Name, s.Descriptor, FromFiles: false)).ToArray());
    }

    private static void Fill(Histogram2D h, double x, double y, int n)
    {
        for (var i = 0; i < n; i++) h.Fill(x, y);
    }
}
