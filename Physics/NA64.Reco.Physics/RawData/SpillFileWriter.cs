using System.Buffers.Binary;
using System.Text;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// Writes one spill as a raw file of format v2 (docs/raw-format.md): header at once, one block per
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
    // The last event found to fit the layout (see SpillFileReader): compared once per event object.
    private RawEvent? _fitted;

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
        if (e.HasTruth && e.Truth.Particle > ParticleKind.Muon)
            throw new ArgumentException($"{_name}: unknown particle kind {(byte)e.Truth.Particle} in the MC truth", nameof(e));
        if (!ReferenceEquals(e, _fitted))
        {
            if (!_layout.Fits(e)) throw new ArgumentException($"{_name}: the event's buffers do not match the file layout {_layout}", nameof(e));
            _fitted = e;
        }
        foreach (var s in e.Sections)
        {
            if (s.Detector.Encoding != RawEncoding.Hits) continue;
            // The hit count needs no check: RawSection holds it within its list's capacity, RawDetector.MaxHits.
            var d = s.Detector;
            for (var i = 0; i < s.HitCount; i++)
            {
                if (s.Plane[i] >= d.Groups || s.Channel[i] >= d.PerGroup)
                    throw new ArgumentException(
                        $"{_name}: {d.Label} hit {i} (plane {s.Plane[i]}, channel {s.Channel[i]}) is outside {d.Groups} planes × {d.PerGroup} channels", nameof(e));
            }
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
        if (h.Sample.IsMuonProgramme) throw new ArgumentException($"sample '{h.Sample.Name}' is of the muon programme: it has no raw events to write", nameof(h));
        if (h.Sample.IsVisibleProgramme) throw new ArgumentException($"sample '{h.Sample.Name}' is of the visible programme: it has no raw events to write", nameof(h));
        var bias = h.Sample.Bias;
        if (bias != 1 && SampleDescriptor.BiasProblem(h.Sample.Kind, bias) is { } biasProblem)
            throw new ArgumentException($"sample '{h.Sample.Name}': bias {bias}: {biasProblem}", nameof(h));
        if (h.Eot is < 0 or > SpillFormat.MaxScalerCount || h.Triggers is < 0 or > SpillFormat.MaxScalerCount)
            throw new ArgumentException($"EOT {h.Eot} and triggers {h.Triggers} must lie in 0..{SpillFormat.MaxScalerCount}", nameof(h));
        var id = Encoding.UTF8.GetBytes(h.ConditionsId ?? "");
        if (id.Length > SpillFormat.MaxConditionsIdBytes)
            throw new ArgumentException($"conditions id is {id.Length} UTF-8 bytes, more than {SpillFormat.MaxConditionsIdBytes}", nameof(h));
        const int scalers = SpillFormat.MinScalers;
        var table = 0;
        foreach (var d in layout.Detectors) table += d.DescriptorBytes;
        var b = new byte[SpillFormat.HeaderOverheadBytes + 8 * scalers + id.Length + table];
        var s = b.AsSpan();
        SpillFormat.Magic.CopyTo(s);
        BinaryPrimitives.WriteUInt16LittleEndian(s[8..], SpillFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], (uint)b.Length);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], h.Run);
        BinaryPrimitives.WriteInt32LittleEndian(s[20..], h.Spill);
        BinaryPrimitives.WriteInt64LittleEndian(s[24..], h.StartUnixMs);
        s[32] = (byte)h.Sample.Kind;
        s[33] = (byte)layout.Detectors.Count;
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], scalers);
        BinaryPrimitives.WriteUInt16LittleEndian(s[36..], (ushort)id.Length);
        BinaryPrimitives.WriteDoubleLittleEndian(s[40..], h.Sample.MassAPrimeMeV);
        BinaryPrimitives.WriteDoubleLittleEndian(s[48..], h.Sample.Epsilon);
        BinaryPrimitives.WriteUInt64LittleEndian(s[56..], h.Sample.Seed);
        BinaryPrimitives.WriteDoubleLittleEndian(s[64..], bias);
        BinaryPrimitives.WriteInt64LittleEndian(s[72..], h.Eot);
        BinaryPrimitives.WriteInt64LittleEndian(s[80..], h.Triggers);
        var p = SpillFormat.FixedHeaderBytes + 8 * scalers;
        id.CopyTo(s[p..]);
        p += id.Length;
        foreach (var d in layout.Detectors)
        {
            s[p] = (byte)d.Encoding;
            s[p + 1] = (byte)d.Unit;
            BinaryPrimitives.WriteUInt16LittleEndian(s[(p + 2)..], (ushort)d.Groups);
            BinaryPrimitives.WriteUInt16LittleEndian(s[(p + 4)..], (ushort)d.PerGroup);
            s[p + 6] = (byte)d.Name.Length;
            Encoding.ASCII.GetBytes(d.Name, s[(p + 7)..]);
            p += d.DescriptorBytes;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(s[^4..], Crc32C.Compute(s[..^4]));
        return b;
    }
}
