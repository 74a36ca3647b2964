using System.Text;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// Just enough of the protobuf wire format to walk Akka's envelopes for the type names inside them: fields, varints,
/// length-delimited values. Malformed input throws <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class ProtoReader(byte[] data, int offset, int length)
{
    private readonly int _end = offset + length;
    private int _at = offset;

    public ProtoReader(byte[] data) : this(data, 0, data.Length)
    {
    }

    /// <summary>The next field's number and wire type; false at the end.</summary>
    public bool Next(out int field, out int wireType)
    {
        if (_at >= _end)
        {
            field = wireType = 0;
            return false;
        }
        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field <= 0) throw new InvalidDataException("protobuf field number 0");
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_at >= _end) throw new InvalidDataException("protobuf varint runs past the end");
            var b = data[_at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("protobuf varint longer than 10 bytes");
    }

    /// <summary>A length-delimited value as a reader of its own.</summary>
    public ProtoReader ReadMessage()
    {
        var (start, length) = Delimited();
        return new ProtoReader(data, start, length);
    }

    public string ReadString()
    {
        var (start, length) = Delimited();
        return Encoding.UTF8.GetString(data, start, length);
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Advance(8); break;
            case 2: Delimited(); break;
            case 5: Advance(4); break;
            default: throw new InvalidDataException($"protobuf wire type {wireType} is not read here");
        }
    }

    private (int Start, int Length) Delimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(_end - _at)) throw new InvalidDataException("protobuf value runs past the end");
        var start = _at;
        _at += (int)length;
        return (start, (int)length);
    }

    private void Advance(int n)
    {
        if (n > _end - _at) throw new InvalidDataException("protobuf value runs past the end");
        _at += n;
    }
}
