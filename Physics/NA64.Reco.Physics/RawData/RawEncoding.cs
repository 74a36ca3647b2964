namespace NA64.Reco.Physics.RawData;

/// <summary>How a detector's data are stored in an event block (docs/raw-format.md, "Detector table").</summary>
public enum RawEncoding : byte
{
    /// <summary>A list of hits, each (u8 plane, u8 channel, u16 amplitude), in the order they were recorded.</summary>
    Hits = 0,
    /// <summary>Zero-suppressed cells: the nonzero ones, each (index, i32 value), in increasing index order.</summary>
    Cells = 1,
}
