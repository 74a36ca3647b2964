using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Selection;

namespace NA64.Reco.Physics.Processing;

/// <summary>
/// Sees every event of a chunk as <see cref="ChunkProcessor"/> processed it, on the processor's thread: what an event
/// exporter needs, without a loop of its own over the chunk's events (the summary is the processor's, unchanged).
/// </summary>
public interface IChunkEventObserver
{
    /// <summary>Before the chunk's first event: its sample's name and run (from the file's header, or the simulated sample).</summary>
    void Begin(string sampleName, int run, ChunkWork work);

    /// <summary>One event: its raw hits, its reconstruction and the last cut it passed (all valid only during the call).</summary>
    void Event(long eventNumber, RawEvent raw, RecoEvent reco, Cut passed);

    /// <summary>After the chunk's last event.</summary>
    void End(string sampleName, int run, ChunkWork work);
}
