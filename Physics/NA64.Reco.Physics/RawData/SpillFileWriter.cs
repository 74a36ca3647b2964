using System.Buffers.Binary;
using System.Text;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// Writes one spill as a raw file of format v1 (docs/raw-format.md): header at once, one block per
/// <see cref="Write"/>, the end-of-events marker, index and footer on <see cref="Dispose"/>. Same input, same bytes.
/// </summary>
public sealed class SpillFileWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _name;
    private readonly SpillFileLayout _layout;
    // One reusable block: prefix + largest possible body, so Write never allocates.
    private readonly byte[] _block;
    private long[] _offsets = new long[1024];
    private long _count;
    private long _position;
    private bool _disposed;

    /// <summary>Creates (or overwrites) the file at <paramref name="path"/> and writes its header.</summary>
    public static SpillFileWriter Create(string path, SpillHeader header, DetectorConditions conditions)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        try
        {
            return new SpillFileWriter(stream, header, SpillFileLayout.From(conditions), leaveOpen: false, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes to a stream (which need not be seekable) for the detector of <paramref name="conditions"/>.</summary>
    public SpillFileWriter(Stream stream, SpillHeader header, DetectorConditions conditions, bool leaveOpen = false)
        : this(stream, header, SpillFileLayout.From(conditions), leaveOpen, "(stream)")
    {
    }

    /// <summary>Writes to a stream with an explicit detector layout.</summary>
    public SpillFileWriter(Stream stream, SpillHeader header, SpillFileLayout layout, bool leaveOpen = false, string name = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(layout);
        layout.Validate((field, why) => throw new ArgumentException($"layout {field}: {why}", nameof(layout)));
        _stream = stream;
        _leaveOpen = leaveOpen;
        _name = name;
        _layout = layout;
        _block = new byte[SpillFormat.BlockPrefixBytes + layout.MaxBodyBytes];
        var bytes = EncodeHeader(header, layout);
        _stream.Write(bytes);
        _position = bytes.Length;
    }

    public SpillFileLayout Layout => _layout;

    /// <summary>Events written so far.</summary>
    public long EventCount => _count;

    /// <summary>Appends one event block. The event must have this file's layout and in-range Micromegas hits.</summary>
    public void Write(RawEvent e)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(e);
        Check(e);
        var bodyLength = EventBlockEncoder.Encode(e, _block.AsSpan(SpillFormat.BlockPrefixBytes));
        var body = _block.AsSpan(SpillFormat.BlockPrefixBytes, bodyLength);
        BinaryPrimitives.WriteUInt32LittleEndian(_block, (uint)bodyLength);
        BinaryPrimitives.WriteUInt32LittleEndian(_block.AsSpan(4), Crc32C.Compute(body));
        if (_count == _offsets.Length) Array.Resize(ref _offsets, _offsets.Length * 2);
        _offsets[_count++] = _position;
        _stream.Write(_block, 0, SpillFormat.BlockPrefixBytes + bodyLength);
        _position += SpillFormat.BlockPrefixBytes + bodyLength;
    }

    /// <summary>Writes the end-of-events marker, the index and the footer, then closes the stream (unless left open).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            WriteIndexAndFooter();
            _stream.Flush();
        }
        finally
        {
            if (!_leaveOpen) _stream.Dispose();
        }
    }

    private void Check(RawEvent e)
    {
        if (!_layout.Fits(e)) throw new ArgumentException($"{_name}: the event's buffers do not match the file layout {_layout}", nameof(e));
        if ((uint)e.MicromegasHitCount > RawEvent.MaxMicromegasHits)
            throw new ArgumentException($"{_name}: MicromegasHitCount {e.MicromegasHitCount} is outside 0..{RawEvent.MaxMicromegasHits}", nameof(e));
        for (var i = 0; i < e.MicromegasHitCount; i++)
        {
            if (e.MicromegasPlane[i] >= _layout.MicromegasPlanes || e.MicromegasChannel[i] >= _layout.MicromegasChannels)
                throw new ArgumentException(
                    $"{_name}: Micromegas hit {i} (plane {e.MicromegasPlane[i]}, channel {e.MicromegasChannel[i]}) is outside "
                    + $"{_layout.MicromegasPlanes} planes × {_layout.MicromegasChannels} channels", nameof(e));
        }
    }

    private void WriteIndexAndFooter()
    {
        var indexOffset = _position;
        var index = new byte[SpillFormat.IndexPrefixBytes + 8 * _count];
        BinaryPrimitives.WriteUInt32LittleEndian(index, SpillFormat.EndOfEvents);
        BinaryPrimitives.WriteInt64LittleEndian(index.AsSpan(8), _count);
        for (long i = 0; i < _count; i++) BinaryPrimitives.WriteInt64LittleEndian(index.AsSpan((int)(SpillFormat.IndexPrefixBytes + 8 * i)), _offsets[i]);
        BinaryPrimitives.WriteUInt32LittleEndian(index.AsSpan(4), Crc32C.Compute(index.AsSpan(8)));
        _stream.Write(index);

        Span<byte> footer = stackalloc byte[SpillFormat.FooterBytes];
        footer.Clear();
        BinaryPrimitives.WriteInt64LittleEndian(footer, indexOffset);
        BinaryPrimitives.WriteInt64LittleEndian(footer[8..], _count);
        BinaryPrimitives.WriteUInt32LittleEndian(footer[20..], Crc32C.Compute(footer[..20]));
        SpillFormat.FooterMagic.CopyTo(footer[24..]);
        _stream.Write(footer);
        _position += index.Length + footer.Length;
    }

    private static byte[] EncodeHeader(SpillHeader h, SpillFileLayout layout)
    {
        ArgumentNullException.ThrowIfNull(h.Sample);
        if (!Enum.IsDefined(h.Sample.Kind)) throw new ArgumentException($"unknown sample kind {h.Sample.Kind}", nameof(h));
        if (h.Sample.IsBiased)
            throw new ArgumentException($"sample '{h.Sample.Name}' is biased (bias {h.Sample.Bias}): raw format v1 has no field for a bias, so its files could not be regenerated", nameof(h));
        var id = Encoding.UTF8.GetBytes(h.ConditionsId ?? "");
        if (id.Length > SpillFormat.MaxConditionsIdBytes)
            throw new ArgumentException($"conditions id is {id.Length} UTF-8 bytes, more than {SpillFormat.MaxConditionsIdBytes}", nameof(h));
        const int scalers = SpillFormat.MinScalers;
        var b = new byte[SpillFormat.HeaderOverheadBytes + 8 * scalers + id.Length];
        var s = b.AsSpan();
        SpillFormat.Magic.CopyTo(s);
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], SpillFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)b.Length);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], h.Run);
        BinaryPrimitives.WriteInt32LittleEndian(s[20..], h.Spill);
        BinaryPrimitives.WriteInt64LittleEndian(s[24..], h.StartUnixMs);
        s[32] = (byte)h.Sample.Kind;
        s[33] = (byte)layout.SrdModules;
        s[34] = (byte)layout.VetoCounters;
        s[35] = (byte)layout.HcalModules;
        s[36] = (byte)layout.HcalCellsPerModule;
        s[37] = (byte)layout.MicromegasPlanes;
        BinaryPrimitives.WriteUInt16LittleEndian(s[38..], (ushort)layout.EcalCells);
        BinaryPrimitives.WriteUInt16LittleEndian(s[40..], (ushort)layout.MicromegasChannels);
        BinaryPrimitives.WriteUInt16LittleEndian(s[42..], scalers);
        BinaryPrimitives.WriteUInt16LittleEndian(s[44..], (ushort)id.Length);
        BinaryPrimitives.WriteDoubleLittleEndian(s[48..], h.Sample.MassAPrimeMeV);
        BinaryPrimitives.WriteDoubleLittleEndian(s[56..], h.Sample.Epsilon);
        BinaryPrimitives.WriteUInt64LittleEndian(s[64..], h.Sample.Seed);
        BinaryPrimitives.WriteInt64LittleEndian(s[72..], h.Eot);
        BinaryPrimitives.WriteInt64LittleEndian(s[80..], h.Triggers);
        id.CopyTo(s[(72 + 8 * scalers)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[^4..], Crc32C.Compute(s[..^4]));
        return b;
    }
}
