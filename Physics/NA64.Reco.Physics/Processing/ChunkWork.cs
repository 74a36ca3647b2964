using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Processing;

/// <summary>
/// A descriptor of work, not the events themselves: a range of a raw spill file, or a range of a
/// simulated spill (sample + seed). Whoever receives it reads or generates its own events.
/// </summary>
public abstract record ChunkWork(int Spill, int Chunk, long FirstEvent, int Count);

/// <summary>
/// Events [FirstEvent, FirstEvent + Count) of a raw spill file. With <paramref name="ExpectedSize"/> (≥ 0) and
/// <paramref name="ExpectedHeaderDigest"/>, the file must still be the one a campaign recorded at submission: a file
/// rewritten since is an I/O condition (<see cref="RawData.SpillFileChangedException"/>), not corrupt data.
/// </summary>
public sealed record RawFileChunk(string Path, int Spill, int Chunk, long FirstEvent, int Count, long ExpectedSize = -1, string? ExpectedHeaderDigest = null)
    : ChunkWork(Spill, Chunk, FirstEvent, Count);

/// <summary>
/// Events [FirstEvent, FirstEvent + Count) of simulated spill <paramref name="Spill"/> of a sample. Each
/// event's random stream derives from (sample seed, spill, event number) alone, so any chunking of a
/// spill, on any node, produces the same events as <c>na64 generate</c> writes.
/// </summary>
public sealed record SimulatedChunk(SampleDescriptor Sample, int Run, int Spill, int Chunk, long FirstEvent, int Count)
    : ChunkWork(Spill, Chunk, FirstEvent, Count);
