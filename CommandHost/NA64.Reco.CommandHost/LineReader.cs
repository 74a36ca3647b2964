using System.Text;

namespace NA64.Reco.CommandHost;

/// <summary>
/// Reads UTF-8 lines (LF, optional CR) from a stream with a bound on their length: a longer line is skipped up to its
/// end and reported as too long, so that the connection stays in step and usable.
/// </summary>
public sealed class LineReader
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private readonly int _capacity;
    private readonly int _maxLineBytes;
    private int _start, _end;

    public LineReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _capacity = Math.Max(4096, maxLineBytes + 2);
        // Grown as long lines come: a connection that sends short requests (or none) costs 4 KiB, not the bound.
        _buffer = new byte[Math.Min(4096, _capacity)];
    }

    /// <summary>The next line; <see cref="LineResult.TooLong"/> for a line over the bound; null at end of stream.</summary>
    public async Task<LineResult?> ReadLineAsync(CancellationToken ct)
    {
        var skipping = false;
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                var line = skipping ? null : Decode(_start, length);
                _start = newline + 1;
                if (skipping || length > _maxLineBytes + 1) return LineResult.TooLong;
                return new LineResult(line!);
            }
            if (_end - _start > _maxLineBytes + 1)
            {
                // Too long already: forget what was read, keep reading until the end of the line.
                skipping = true;
                _start = _end = 0;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length && _buffer.Length < _capacity) Array.Resize(ref _buffer, Math.Min(_capacity, _buffer.Length * 2));
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0)
            {
                if (_end == _start) return null;
                // A last line without a newline still counts.
                var length = _end - _start;
                var line = skipping || length > _maxLineBytes ? null : Decode(_start, length);
                _start = _end = 0;
                return line is null ? LineResult.TooLong : new LineResult(line);
            }
            _end += read;
        }
    }

    private string Decode(int start, int length)
    {
        if (length > 0 && _buffer[start + length - 1] == '\r') length--;
        // Invalid UTF-8 becomes U+FFFD: a garbled request is then just an unknown command.
        return Encoding.UTF8.GetString(_buffer, start, length);
    }
}
