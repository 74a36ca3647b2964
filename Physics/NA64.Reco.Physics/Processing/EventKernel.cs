using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Processing;

/// <summary>
/// Reconstruct → select (the invisible cut-flow and the dimuon selection) → accumulate for one event: the bare kernel
/// that both <c>na64 reco</c> and the reconstruction actors run. Holds its reusable buffers; not thread-safe (one per worker).
/// </summary>
public sealed class EventKernel(DetectorConditions conditions)
{
    private readonly EventReconstructor _reconstructor = new(conditions);
    private readonly InvisibleSelection _selection = new(conditions);
    private readonly DimuonSelection _dimuons = new(conditions);
    private readonly SummaryAccumulator _accumulator = new(conditions);
    private readonly RecoEvent _reco = RecoEvent.For(conditions);

    public DetectorConditions Conditions { get; } = conditions;

    /// <summary>The last event's reconstructed quantities (valid until the next call).</summary>
    public RecoEvent Last => _reco;

    public Cut Process(RawEvent raw, EventSummary into)
    {
        _reconstructor.Reconstruct(raw, _reco);
        var passed = _selection.Apply(_reco);
        _accumulator.Add(raw, _reco, passed, into, _dimuons.Select(_reco, passed));
        return passed;
    }
}
