using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Reconstruction;

/// <summary>
/// Runs the whole reconstruction of one event: Micromegas clusters, tracks and momentum, SRD tag, ECAL, HCAL
/// and VETO. Holds every scratch buffer, so reconstructing an event allocates nothing; one instance per thread.
/// </summary>
public sealed class EventReconstructor
{
    private readonly MicromegasClusterer _clusterer;
    private readonly TrackFitter _tracks;
    private readonly SrdTagger _srd;
    private readonly CaloClusterer _calo;
    private readonly int _vetoCounters;

    public EventReconstructor(DetectorConditions conditions)
    {
        Conditions = conditions;
        _clusterer = new MicromegasClusterer(conditions);
        _tracks = new TrackFitter(conditions);
        _srd = new SrdTagger(conditions);
        _calo = new CaloClusterer(conditions);
        _vetoCounters = conditions.Veto.Counters;
    }

    public DetectorConditions Conditions { get; }

    /// <summary>Reconstructs <paramref name="raw"/> into <paramref name="into"/> (cleared first).</summary>
    public void Reconstruct(RawEvent raw, RecoEvent into)
    {
        into.Clear();
        _clusterer.Reconstruct(raw, into);
        _tracks.Fit(into);
        _srd.Tag(raw, into);
        _calo.ReconstructEcal(raw, into);
        _calo.ReconstructHcal(raw, into);
        double vetoMax = 0;
        for (var i = 0; i < _vetoCounters; i++)
        {
            var e = raw.VetoKeV[i] / 1000.0;
            into.VetoMeV[i] = e;
            if (e > vetoMax) vetoMax = e;
        }
        into.VetoMaxMeV = vetoMax;
    }
}
