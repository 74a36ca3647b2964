using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// Reads a raw spill file of format v2 or v1 (docs/raw-format.md): random access to event N through the index, or
/// sequential streaming that also works without index and footer. Blocks are read in large chunks into one
/// reusable buffer and decoded from spans: no allocation per event. Anything that is not a well-formed file
/// is reported as a <see cref="RawFormatException"/> naming the file, the byte offset and the reason.
/// Not thread-safe: one reader per thread (readers of the same file are independent).
/// </summary>
public sealed class SpillFileReader : IDisposable
{
    private const int MinBufferBytes = 256 * 1024;
    private static readonly UTF8Encoding s_strictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string _file;
    private readonly long _headerLength;
    private readonly ushort _version;
    private readonly int _minBody;
    private readonly int _maxBody;
    private readonly long[]? _offsets; // may be longer than the index (reused buffers): _eventCount entries are valid
    private readonly long _eventCount;
    private readonly SpillReadBuffers? _buffers;
    private readonly long _indexOffset;
    private readonly long[] _scalers;
    // Invariant: _buffer[0.._bufferLength) holds the file bytes [_bufferStart, _bufferStart + _bufferLength) and the
    // stream is positioned at _bufferStart + _bufferLength, so sequential reads never seek.
    private byte[] _buffer;
    // The last event found to fit the layout: a caller decodes into one event again and again, so the layout
    // comparison is made once per event object, not per block.
    private RawEvent? _fitted;
    private long _bufferStart;
    private int _bufferLength;
    private long _next;
    private long _nextIndex;
    private bool _ended;

    /// <summary>Opens a file, validates header, footer and index; throws <see cref="RawFormatException"/> if any is bad or missing.</summary>
    public static SpillFileReader Open(string path) => OpenFile(path, useIndex: true, buffers: null);

    /// <summary><see cref="Open(string)"/> with the block buffer and index taken from (and left in) <paramref name="buffers"/>.</summary>
    public static SpillFileReader Open(string path, SpillReadBuffers buffers)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        return OpenFile(path, useIndex: true, buffers);
    }

    /// <summary>
    /// Opens a file for sequential reading only, ignoring index and footer: for files still being written or cut
    /// short. Only the header is validated here; a missing end is reported by <see cref="TryReadNext"/>.
    /// </summary>
    public static SpillFileReader OpenStreaming(string path) => OpenFile(path, useIndex: false, buffers: null);

    private static SpillFileReader OpenFile(string path, bool useIndex, SpillReadBuffers? buffers)
    {
        // FileShare.ReadWrite: a file may be read while its writer still has it open. No FileStream buffer: ours is bigger.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        try
        {
            return new SpillFileReader(stream, path, useIndex, leaveOpen: false, buffers);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads from a stream whose position 0 (or, if not seekable, current position) is the start of the file.
    /// <paramref name="useIndex"/> needs a seekable stream; <paramref name="file"/> names the stream in errors.
    /// </summary>
    public SpillFileReader(Stream stream, string file, bool useIndex = true, bool leaveOpen = false)
        : this(stream, file, useIndex, leaveOpen, buffers: null)
    {
    }

    private SpillFileReader(Stream stream, string file, bool useIndex, bool leaveOpen, SpillReadBuffers? buffers)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(file);
        if (useIndex && !stream.CanSeek) throw new ArgumentException("reading through the index needs a seekable stream", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffers = buffers;
        _buffer = buffers?.Block is { Length: >= MinBufferBytes } reused ? reused : new byte[MinBufferBytes];
        _file = file;
        _bufferStart = stream.CanSeek ? stream.Position : 0;
        (_version, Header, Layout, _scalers, _headerLength, HeaderDigest) = ReadHeader();
        _minBody = SpillFormat.MinBodyBytes(_version);
        _maxBody = _version == SpillFormat.Version1 ? Layout.MaxBodyBytesV1 : Layout.MaxBodyBytes;
        var needed = 2 * (SpillFormat.BlockPrefixBytes + _maxBody);
        if (needed > _buffer.Length)
        {
            // The header is already in the buffer, and Fill's invariant describes it: the bytes move with it.
            var grown = new byte[needed];
            Buffer.BlockCopy(_buffer, 0, grown, 0, _bufferLength);
            _buffer = grown;
        }
        if (buffers is not null) buffers.Block = _buffer;
        if (useIndex) (_offsets, _eventCount, _indexOffset) = ReadIndex();
        _next = _headerLength;
    }

    public string File => _file;

    /// <summary>The file's format version: 2, or 1 for the files of the first writer.</summary>
    public int FormatVersion => _version;

    public SpillHeader Header { get; }

    /// <summary>SHA-256 (hex) of the header block: the file's identity as a campaign records it at submission.</summary>
    public string HeaderDigest { get; }

    /// <summary>The detectors of the header: use <see cref="SpillFileLayout.CreateEvent"/> for a fitting event.</summary>
    public SpillFileLayout Layout { get; }

    /// <summary>All spill scalers: [0] EOT, [1] triggers, further ones (if a writer stored any) in file order.</summary>
    public IReadOnlyList<long> Scalers => _scalers;

    /// <summary>True when opened with <see cref="Open"/>: the index is loaded and <see cref="ReadEvent"/> works.</summary>
    public bool HasIndex => _offsets is not null;

    /// <summary>Number of events from the index; only when <see cref="HasIndex"/>.</summary>
    public long EventCount => _offsets is not null ? _eventCount
        : throw new InvalidOperationException($"{_file} was opened for streaming: the event count is known only from the index");

    /// <summary>
    /// Throws <see cref="RawFormatError.OtherDetector"/> unless the file's detectors are <paramref name="expected"/>:
    /// those of the conditions (<paramref name="conditionsId"/>) that are to reconstruct it. A file of another setup is
    /// well formed, but no reconstruction of these conditions can read it.
    /// </summary>
    public void RequireLayout(SpillFileLayout expected, string conditionsId)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (!Layout.Equals(expected))
            throw Error(33, RawFormatError.OtherDetector, $"the file's detectors ({Layout}) are not those of conditions {conditionsId} ({expected})");
    }

    /// <summary>A new event sized for this file.</summary>
    public RawEvent CreateEvent() => Layout.CreateEvent();

    /// <summary>
    /// Decodes event <paramref name="n"/> (0-based) through the index into <paramref name="into"/>; streaming with
    /// <see cref="TryReadNext"/> continues with event n + 1. On error, <paramref name="into"/> holds partial data.
    /// </summary>
    public void ReadEvent(long n, RawEvent into)
    {
        SeekToEvent(n);
        var end = n + 1 < _eventCount ? _offsets![n + 1] : _indexOffset;
        ReadBlock(into, expectedLength: end - _next - SpillFormat.BlockPrefixBytes);
    }

    /// <summary>Positions streaming so that the next <see cref="TryReadNext"/> returns event <paramref name="n"/> (n = EventCount: at the end).</summary>
    public void SeekToEvent(long n)
    {
        if (_offsets is null) throw new InvalidOperationException($"{_file} was opened for streaming: random access needs the index (use Open)");
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, _eventCount);
        _next = n < _eventCount ? _offsets[n] : _indexOffset;
        _nextIndex = n;
        _ended = false;
    }

    /// <summary>
    /// Decodes the next event in file order; false after the last one (at the end-of-events marker). A file that
    /// ends without that marker (truncated, or still being written) throws <see cref="RawFormatError.Truncated"/>
    /// once the complete blocks have been returned: the end of a file is never taken silently as the end of the spill.
    /// </summary>
    public bool TryReadNext(RawEvent into)
    {
        if (_ended) return false;
        return ReadBlock(into, expectedLength: -1);
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }

    private bool ReadBlock(RawEvent into, long expectedLength)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (!ReferenceEquals(into, _fitted))
        {
            if (!Layout.Fits(into)) throw new ArgumentException($"the event's buffers do not match the layout of {_file}: {Layout}", nameof(into));
            _fitted = into;
        }
        var offset = _next;
        var available = Fill(offset, SpillFormat.BlockPrefixBytes, out var at);
        if (available == 0)
            throw Error(offset, RawFormatError.Truncated,
                $"the file ends after {_nextIndex} event blocks without the end-of-events marker (truncated, or still being written)");
        if (available < 4) throw Error(offset, RawFormatError.Truncated, "the file ends inside an event block length");
        var length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(at));
        if (length == SpillFormat.EndOfEvents)
        {
            if (expectedLength >= 0) throw Error(offset, RawFormatError.CorruptIndex, $"the index points at the end-of-events marker for event {_nextIndex}");
            EndOfEvents(offset);
            return false;
        }
        if (available < SpillFormat.BlockPrefixBytes) throw Error(offset, RawFormatError.Truncated, "the file ends inside an event block prefix");
        if (expectedLength >= 0 && length != expectedLength)
            throw Error(offset, RawFormatError.BadLength, $"event {_nextIndex}: block length {length} disagrees with the index ({expectedLength})");
        if (length < _minBody)
            throw Error(offset, RawFormatError.BadLength, $"event block length {length} is below the minimum body of {_minBody} bytes");
        if (length > _maxBody)
            throw Error(offset, RawFormatError.AbsurdLength, $"event block length {length} exceeds the largest body possible for this detector ({_maxBody} bytes)");
        var total = SpillFormat.BlockPrefixBytes + (int)length;
        available = Fill(offset, total, out at);
        if (available < total)
            throw Error(offset, RawFormatError.Truncated, $"event block {_nextIndex} of {total} bytes is cut short: the file ends at {offset + available}");
        var body = _buffer.AsSpan(at + SpillFormat.BlockPrefixBytes, (int)length);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(at + 4));
        var actual = Crc32C.Compute(body);
        if (stored != actual)
            throw Error(offset, RawFormatError.ChecksumMismatch, $"event block {_nextIndex}: CRC-32C of the body is 0x{actual:X8}, stored 0x{stored:X8}");
        if (_version == SpillFormat.Version1) EventBlockDecoder.DecodeV1(body, offset + SpillFormat.BlockPrefixBytes, _file, Layout, into);
        else EventBlockDecoder.Decode(body, offset + SpillFormat.BlockPrefixBytes, _file, Layout, into);
        _next = offset + total;
        _nextIndex++;
        return true;
    }

    private void EndOfEvents(long offset)
    {
        // The index that follows the marker must count exactly the blocks that precede it; checked without the index CRC
        // (which Open verifies) so that streaming stays a single forward pass.
        var available = Fill(offset, SpillFormat.IndexPrefixBytes, out var at);
        if (available < SpillFormat.IndexPrefixBytes) throw Error(offset, RawFormatError.Truncated, "the file ends inside the index");
        var count = BinaryPrimitives.ReadInt64LittleEndian(_buffer.AsSpan(at + 8));
        if (count != _nextIndex) throw Error(offset, RawFormatError.CorruptIndex, $"the index counts {count} events but {_nextIndex} blocks precede it");
        _ended = true;
    }

    private (ushort, SpillHeader, SpillFileLayout, long[], long, string) ReadHeader()
    {
        var available = Fill(0, SpillFormat.FixedHeaderBytes, out var at);
        if (available == 0) throw Error(0, RawFormatError.Empty, "the file is empty");
        var h = _buffer.AsSpan(at, Math.Min(available, SpillFormat.FixedHeaderBytes));
        var magicBytes = Math.Min(h.Length, SpillFormat.Magic.Length);
        if (!h[..magicBytes].SequenceEqual(SpillFormat.Magic[..magicBytes]))
            throw Error(0, RawFormatError.BadMagic, $"the file does not start with the NA64 raw magic \"NA64RAW\\x1A\" (found {Convert.ToHexString(h[..magicBytes])})");
        if (h.Length < 12) throw Error(0, RawFormatError.Truncated, $"the file ends at {h.Length}, inside the header");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(h[8..]);
        if (version is not (SpillFormat.Version1 or SpillFormat.Version))
            throw Error(8, RawFormatError.UnsupportedVersion, $"format version {version}; this reader knows versions {SpillFormat.Version1} and {SpillFormat.Version}");
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]);
        if (flags != 0) throw Error(10, RawFormatError.UnsupportedVersion, $"header flags 0x{flags:X4}: features unknown to a version {version} reader");
        if (h.Length < SpillFormat.FixedHeaderBytes) throw Error(0, RawFormatError.Truncated, $"the file ends at {h.Length}, inside the {SpillFormat.FixedHeaderBytes}-byte fixed header");

        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(h[12..]);
        int scalerAt = version == SpillFormat.Version1 ? 42 : 34, idLengthAt = scalerAt + 2;
        var scalerCount = BinaryPrimitives.ReadUInt16LittleEndian(h[scalerAt..]);
        var idLength = BinaryPrimitives.ReadUInt16LittleEndian(h[idLengthAt..]);
        if (scalerCount is < SpillFormat.MinScalers or > SpillFormat.MaxScalers)
            throw Error(scalerAt, RawFormatError.CorruptHeader, $"{scalerCount} scalers, outside {SpillFormat.MinScalers}..{SpillFormat.MaxScalers}");
        if (idLength > SpillFormat.MaxConditionsIdBytes)
            throw Error(idLengthAt, RawFormatError.CorruptHeader, $"conditions id of {idLength} bytes, more than {SpillFormat.MaxConditionsIdBytes}");
        var idAt = SpillFormat.FixedHeaderBytes + 8 * scalerCount;
        var tableAt = idAt + idLength;
        int expected;
        if (version == SpillFormat.Version1)
        {
            expected = SpillFormat.HeaderOverheadBytes + 8 * scalerCount + idLength;
            if (headerLength != expected)
                throw Error(12, RawFormatError.CorruptHeader, $"header length {headerLength} disagrees with {scalerCount} scalers and a {idLength}-byte conditions id ({expected})");
        }
        else
        {
            // The detector table's length is known only by walking it: the header length is bounded first, then the
            // walk must end exactly at the CRC.
            int detectors = h[33];
            var least = tableAt + 8 * detectors + 4;
            if (detectors is < 1 or > RawDetector.MaxDetectors)
                throw Error(33, RawFormatError.CorruptHeader, $"{detectors} detectors, outside 1..{RawDetector.MaxDetectors}");
            if (headerLength < least || headerLength > SpillFormat.MaxHeaderBytes)
                throw Error(12, RawFormatError.CorruptHeader, $"header length {headerLength} cannot hold {scalerCount} scalers, a {idLength}-byte conditions id and {detectors} detectors ({least}..{SpillFormat.MaxHeaderBytes})");
            expected = (int)headerLength;
        }
        available = Fill(0, expected, out at);
        if (available < expected) throw Error(0, RawFormatError.Truncated, $"the file ends at {available}, inside the {expected}-byte header");

        var s = _buffer.AsSpan(at, expected);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(s[^4..]);
        var actual = Crc32C.Compute(s[..^4]);
        if (stored != actual) throw Error(0, RawFormatError.ChecksumMismatch, $"header CRC-32C is 0x{actual:X8}, stored 0x{stored:X8}");
        var reservedAt = version == SpillFormat.Version1 ? 46 : 38;
        if (BinaryPrimitives.ReadUInt16LittleEndian(s[reservedAt..]) != 0) throw Error(reservedAt, RawFormatError.CorruptHeader, $"reserved header bytes {reservedAt}..{reservedAt + 1} are not zero");
        var kind = s[32];
        if (kind is (byte)SampleKind.Muon or (byte)SampleKind.ZPrime)
            throw Error(32, RawFormatError.CorruptHeader, $"sample kind {kind} ({((SampleKind)kind).ToString().ToLowerInvariant()}) is of the muon programme, which has no raw events");
        if (kind is (byte)SampleKind.X or (byte)SampleKind.KaonShortNeutral or (byte)SampleKind.KaonShortCharged)
            throw Error(32, RawFormatError.CorruptHeader, $"sample kind {kind} ({SampleDescriptor.KindName((SampleKind)kind)}) is of the visible programme, which has no raw events");
        if (kind > (byte)SampleKind.KaonShortCharged) throw Error(32, RawFormatError.CorruptHeader, $"unknown sample kind {kind}");
        SpillFileLayout layout;
        double mass, epsilon, bias = 1;
        ulong seed;
        if (version == SpillFormat.Version1)
        {
            int srd = s[33], veto = s[34], hcalModules = s[35], hcalCells = s[36], planes = s[37];
            int ecal = BinaryPrimitives.ReadUInt16LittleEndian(s[38..]), channels = BinaryPrimitives.ReadUInt16LittleEndian(s[40..]);
            if (SpillFileLayout.V1Problem(srd, ecal, hcalModules, hcalCells, veto, planes, channels) is { } problem)
                throw Error(32, RawFormatError.CorruptHeader, $"detector layout {problem}");
            layout = SpillFileLayout.Standard(srd, ecal, hcalModules, hcalCells, veto, planes, channels);
            mass = BinaryPrimitives.ReadDoubleLittleEndian(s[48..]);
            epsilon = BinaryPrimitives.ReadDoubleLittleEndian(s[56..]);
            seed = BinaryPrimitives.ReadUInt64LittleEndian(s[64..]);
        }
        else
        {
            mass = BinaryPrimitives.ReadDoubleLittleEndian(s[40..]);
            epsilon = BinaryPrimitives.ReadDoubleLittleEndian(s[48..]);
            seed = BinaryPrimitives.ReadUInt64LittleEndian(s[56..]);
            bias = BinaryPrimitives.ReadDoubleLittleEndian(s[64..]);
            if (bias != 1 && SampleDescriptor.BiasProblem((SampleKind)kind, bias) is { } biasProblem)
                throw Error(64, RawFormatError.CorruptHeader, $"bias {bias}: {biasProblem}");
            layout = ReadDetectorTable(s, tableAt, s[33]);
        }
        var scalers = new long[scalerCount];
        for (var i = 0; i < scalers.Length; i++)
        {
            var valueAt = SpillFormat.FixedHeaderBytes + 8 * i;
            scalers[i] = BinaryPrimitives.ReadInt64LittleEndian(s[valueAt..]);
            // Counters count: a negative one is corruption, and one beyond MaxScalerCount would overflow a campaign's sum.
            if (scalers[i] is < 0 or > SpillFormat.MaxScalerCount)
                throw Error(valueAt, RawFormatError.CorruptHeader, $"scaler {i} ({(i == 0 ? "EOT" : i == 1 ? "triggers" : "extra")}) is {scalers[i]}, outside 0..{SpillFormat.MaxScalerCount}");
        }
        string conditionsId;
        try
        {
            conditionsId = s_strictUtf8.GetString(s.Slice(idAt, idLength));
        }
        catch (DecoderFallbackException)
        {
            throw Error(idAt, RawFormatError.CorruptHeader, "the conditions id is not valid UTF-8");
        }
        var header = new SpillHeader
        {
            Run = BinaryPrimitives.ReadInt32LittleEndian(s[16..]),
            Spill = BinaryPrimitives.ReadInt32LittleEndian(s[20..]),
            StartUnixMs = BinaryPrimitives.ReadInt64LittleEndian(s[24..]),
            ConditionsId = conditionsId,
            Sample = new SampleDescriptor((SampleKind)kind, mass, epsilon, seed) { Bias = bias },
            Eot = scalers[0],
            Triggers = scalers[1],
        };
        return (version, header, layout, scalers, expected, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s)));
    }

    /// <summary>Parses the v2 detector table at <paramref name="at"/>; it must end exactly at the header CRC.</summary>
    private SpillFileLayout ReadDetectorTable(ReadOnlySpan<byte> s, int at, int count)
    {
        var detectors = new RawDetector[count];
        var end = s.Length - 4;
        var tableStart = at;
        for (var i = 0; i < count; i++)
        {
            if (at + 7 > end) throw Error(at, RawFormatError.CorruptHeader, $"detector {i} of {count} runs past the header's end at {end}");
            var nameLength = s[at + 6];
            if (nameLength is < 1 or > RawDetector.MaxNameBytes)
                throw Error(at + 6, RawFormatError.CorruptHeader, $"detector {i}: a name of {nameLength} bytes, outside 1..{RawDetector.MaxNameBytes}");
            if (at + 7 + nameLength > end) throw Error(at, RawFormatError.CorruptHeader, $"detector {i} of {count} runs past the header's end at {end}");
            var name = s.Slice(at + 7, nameLength);
            for (var k = 0; k < name.Length; k++)
                if (!RawDetector.IsNameByte(name[k]))
                    throw Error(at + 7 + k, RawFormatError.CorruptHeader, $"detector {i}: name byte 0x{name[k]:X2} is not one of [a-z0-9.-]");
            var d = new RawDetector(RawDetector.NameOf(name), (RawEncoding)s[at], (RawUnit)s[at + 1],
                BinaryPrimitives.ReadUInt16LittleEndian(s[(at + 2)..]), BinaryPrimitives.ReadUInt16LittleEndian(s[(at + 4)..]));
            if (d.Problem() is { } problem) throw Error(at, RawFormatError.CorruptHeader, $"detector {i}: {problem}");
            detectors[i] = d;
            at += 7 + nameLength;
        }
        if (at != end) throw Error(at, RawFormatError.CorruptHeader, $"{end - at} bytes between the detector table and the header CRC");
        if (SpillFileLayout.ProblemOf(detectors) is { } tableProblem) throw Error(tableStart, RawFormatError.CorruptHeader, $"detector table: {tableProblem}");
        return new SpillFileLayout(detectors);
    }

    private (long[], long, long) ReadIndex()
    {
        var fileLength = _stream.Length;
        var footerAt = fileLength - SpillFormat.FooterBytes;
        var available = footerAt >= _headerLength ? Fill(footerAt, SpillFormat.FooterBytes, out var at) : (at = 0);
        if (available < SpillFormat.FooterBytes || !_buffer.AsSpan(at + 24, 8).SequenceEqual(SpillFormat.FooterMagic))
            throw Error(fileLength, RawFormatError.Truncated,
                $"no footer: the file ends at {fileLength} without \"NA64END\\x1A\" (truncated or still being written; OpenStreaming reads the complete blocks)");
        var footer = _buffer.AsSpan(at, SpillFormat.FooterBytes);
        if (BinaryPrimitives.ReadUInt32LittleEndian(footer[20..]) != Crc32C.Compute(footer[..20]))
            throw Error(footerAt, RawFormatError.CorruptIndex, "footer CRC-32C mismatch");
        var indexOffset = BinaryPrimitives.ReadInt64LittleEndian(footer);
        var count = BinaryPrimitives.ReadInt64LittleEndian(footer[8..]);
        if (BinaryPrimitives.ReadUInt32LittleEndian(footer[16..]) != 0) throw Error(footerAt + 16, RawFormatError.CorruptIndex, "reserved footer bytes are not zero");
        // Checked before allocating: count is bounded by the bytes actually present.
        var room = footerAt - SpillFormat.IndexPrefixBytes - _headerLength;
        if (indexOffset < _headerLength || count < 0 || count > room / 8 || indexOffset + SpillFormat.IndexPrefixBytes + 8 * count != footerAt)
            throw Error(footerAt, RawFormatError.CorruptIndex, $"footer locates an index of {count} events at {indexOffset}, inconsistent with a file of {fileLength} bytes");

        Span<byte> prefix = stackalloc byte[SpillFormat.IndexPrefixBytes];
        ReadDirect(indexOffset, prefix);
        if (BinaryPrimitives.ReadUInt32LittleEndian(prefix) != SpillFormat.EndOfEvents)
            throw Error(indexOffset, RawFormatError.CorruptIndex, "no end-of-events marker where the footer locates the index");
        if (BinaryPrimitives.ReadInt64LittleEndian(prefix[8..]) != count)
            throw Error(indexOffset + 8, RawFormatError.CorruptIndex, $"the index counts {BinaryPrimitives.ReadInt64LittleEndian(prefix[8..])} events, the footer {count}");
        var offsets = _buffers?.Offsets is { } reused && reused.LongLength >= count ? reused : new long[count];
        if (_buffers is not null) _buffers.Offsets = offsets;
        var raw = MemoryMarshal.AsBytes(offsets.AsSpan(0, (int)count));
        ReadDirect(indexOffset + SpillFormat.IndexPrefixBytes, raw);
        var crc = ~Crc32C.Update(Crc32C.Update(Crc32C.Initial, prefix[8..]), raw);
        if (BinaryPrimitives.ReadUInt32LittleEndian(prefix[4..]) != crc)
            throw Error(indexOffset, RawFormatError.CorruptIndex, "index CRC-32C mismatch");
        if (!BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(offsets.AsSpan(0, (int)count), offsets.AsSpan(0, (int)count));
        // Each entry must follow the previous one (or the header) by a block length a writer can produce, and the
        // last block must end where the index begins: then no offset can point outside the event blocks.
        var previous = _headerLength;
        for (long i = 0; i <= count; i++)
        {
            var o = i < count ? offsets[i] : indexOffset;
            var gap = o - previous;
            var possible = i == 0 ? gap == 0 : gap >= SpillFormat.BlockPrefixBytes + _minBody && gap <= SpillFormat.BlockPrefixBytes + _maxBody;
            if (!possible)
                throw Error(i < count ? indexOffset + SpillFormat.IndexPrefixBytes + 8 * i : indexOffset, RawFormatError.CorruptIndex,
                    i < count ? $"index entry {i} ({o}) is not a possible block start after {previous}" : $"the last event block (at {previous}) does not end where the index begins ({indexOffset})");
            previous = o;
        }
        return (offsets, count, indexOffset);
    }

    /// <summary>Makes file bytes [offset, offset + count) available in the buffer at <paramref name="at"/>; returns how many are (fewer only at end of file).</summary>
    private int Fill(long offset, int count, out int at)
    {
        var relative = offset - _bufferStart;
        if (relative >= 0 && relative + count <= _bufferLength)
        {
            at = (int)relative;
            return _bufferLength - at;
        }
        if (relative >= 0 && relative <= _bufferLength)
        {
            var keep = _bufferLength - (int)relative;
            Buffer.BlockCopy(_buffer, (int)relative, _buffer, 0, keep);
            _bufferLength = keep;
        }
        else
        {
            _stream.Position = offset;
            _bufferLength = 0;
        }
        _bufferStart = offset;
        while (_bufferLength < count)
        {
            var n = _stream.Read(_buffer, _bufferLength, _buffer.Length - _bufferLength);
            if (n == 0) break;
            _bufferLength += n;
        }
        at = 0;
        return _bufferLength;
    }

    /// <summary>Reads around the buffer (for the index, which may be larger than it); the buffer is emptied.</summary>
    private void ReadDirect(long offset, Span<byte> destination)
    {
        _stream.Position = offset;
        var n = _stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        _bufferStart = offset + n;
        _bufferLength = 0;
        if (n < destination.Length) throw Error(offset, RawFormatError.Truncated, $"the file ends at {offset + n}, inside the index");
    }

    private RawFormatException Error(long offset, RawFormatError reason, string detail) => new(_file, offset, reason, detail);
}
