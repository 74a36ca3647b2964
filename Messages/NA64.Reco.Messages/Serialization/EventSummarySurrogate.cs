namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// A <see cref="Physics.Summary.EventSummary"/> on the wire: its <see cref="SummaryCodec"/> bytes. A summary's
/// histograms are ~250 kB of mostly-zero longs; deflated they fit easily in a remoting frame.
/// </summary>
public sealed record EventSummarySurrogate(byte[] Bytes);
