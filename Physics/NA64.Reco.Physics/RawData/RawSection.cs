namespace NA64.Reco.Physics.RawData;

/// <summary>
/// One detector's data in a <see cref="RawEvent"/>, in buffers allocated once: the cells of a cell detector (0 where
/// nothing was stored), or the hit list of a hit detector.
/// </summary>
public sealed class RawSection
{
    internal RawSection(RawDetector detector, int hitCapacity = RawDetector.MaxHits)
    {
        Detector = detector;
        if (detector.Encoding == RawEncoding.Cells)
        {
            Values = new int[detector.Cells];
            Plane = Channel = [];
            Amplitude = [];
        }
        else
        {
            Values = [];
            Plane = new byte[hitCapacity];
            Channel = new byte[hitCapacity];
            Amplitude = new ushort[hitCapacity];
        }
    }

    public RawDetector Detector { get; }

    /// <summary>The cells of a cell detector (empty for a hit detector).</summary>
    public int[] Values { get; }

    /// <summary>Hits stored (hit detector): 0 up to the list's capacity.</summary>
    public int HitCount
    {
        get => _hitCount;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Plane.Length);
            _hitCount = value;
        }
    }

    private int _hitCount;
    public byte[] Plane { get; }
    public byte[] Channel { get; }
    public ushort[] Amplitude { get; }

    /// <summary>Appends a hit, its amplitude clamped to 0..65535; false when the list is full.</summary>
    public bool AddHit(int plane, int channel, int amplitude)
    {
        if (_hitCount >= Plane.Length) return false;
        Plane[_hitCount] = (byte)plane;
        Channel[_hitCount] = (byte)channel;
        Amplitude[_hitCount] = (ushort)Math.Clamp(amplitude, 0, ushort.MaxValue);
        _hitCount++;
        return true;
    }

    /// <summary>Every cell 0, no hit.</summary>
    public void Clear()
    {
        Array.Clear(Values);
        _hitCount = 0;
    }
}
