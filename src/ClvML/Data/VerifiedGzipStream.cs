using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;

namespace ClvML.Data;

/// <summary>
/// Decompresses a gzip file (RFC 1952), one or more concatenated members, and refuses with an
/// <see cref="InputException"/> anything that is not whole: a stream that ends inside a member,
/// a member whose CRC-32 or length (ISIZE) does not match what it decompressed to, a damaged
/// header, or bytes after the last member that are no member. <see cref="GZipStream"/> returns a
/// silent end of data for a truncated file, and ignores a missing trailer and trailing bytes, so
/// half a file would be read as if it were all of it.
/// The header is parsed here; the deflate data goes to a raw <see cref="DeflateStream"/>, which
/// reads ahead and does not say where its data ended. Its end lies in the last slice it was handed,
/// so the trailer is found there as the eight bytes that equal the member's CRC-32 and length.
/// </summary>
internal sealed class VerifiedGzipStream : Stream
{
    private const int InputSize = 1 << 16;
    private const byte FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10, FlagsReserved = 0xE0;

    private readonly Stream _compressed;
    private readonly string _name;
    private readonly long? _compressedLength;
    private byte[] _in = new byte[InputSize];
    private int _inPos, _inEnd;
    private long _inBase;                 // offset in the file of _in[0]
    private bool _inEof;
    private int _givenStart, _givenEnd;   // the slice last handed to the deflater
    private bool _deflaterSawEnd;
    private DeflateStream? _deflater;
    private readonly Crc32 _crc = new();
    private long _memberLength, _memberStart, _decompressed;
    private int _members;
    private bool _done;

    /// <param name="compressed">The gzip bytes.</param>
    /// <param name="name">The file, for messages.</param>
    /// <param name="compressedLength">Its size in bytes when known, for messages.</param>
    public VerifiedGzipStream(Stream compressed, string name, long? compressedLength = null)
    {
        _compressed = compressed;
        _name = name;
        _compressedLength = compressedLength;
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (!_done)
        {
            if (_deflater is null && !StartMember())
            {
                _done = true;
                break;
            }
            int n;
            try
            {
                n = _deflater!.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw Refused($"the deflate data of gzip member {_members + 1} is corrupt ({e.Message})");
            }
            if (n > 0)
            {
                _crc.Append(buffer[..n]);
                _memberLength += n;
                _decompressed += n;
                return n;
            }
            FinishMember();
        }
        return 0;
    }

    /// <summary>Parses a member's header; false at a clean end of the file after a member.</summary>
    private bool StartMember()
    {
        // The last member's slice is done with: the buffer need not keep it any more.
        _givenStart = _givenEnd = _inPos;
        if (!Available(1))
        {
            if (_members == 0) throw Refused("it holds no gzip data");
            return false;
        }
        _memberStart = Offset;
        if (!Available(2) && _in[_inPos] == 0x1F && _members > 0)
            throw Refused($"the file ends inside the header of gzip member {_members + 1}");
        if (!Available(2) || _in[_inPos] != 0x1F || _in[_inPos + 1] != 0x8B)
        {
            if (_members == 0) throw Refused("it does not start with the gzip signature 1F 8B");
            throw Refused($"{Remaining()} after gzip member {_members} are not a gzip member");
        }
        var header = new Crc32();
        var fixedPart = Take(10, header, "header");
        if (fixedPart[2] != 8) throw Refused($"gzip member {_members + 1} uses compression method {fixedPart[2]}, not deflate (8)");
        var flags = fixedPart[3];
        if ((flags & FlagsReserved) != 0) throw Refused($"the header of gzip member {_members + 1} has reserved flag bits set (damaged)");
        if ((flags & FlagExtra) != 0)
        {
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(Take(2, header, "header"));
            for (var i = 0; i < extraLength; i++) Take(1, header, "header");
        }
        if ((flags & FlagName) != 0) SkipZeroTerminated(header);
        if ((flags & FlagComment) != 0) SkipZeroTerminated(header);
        if ((flags & FlagHeaderCrc) != 0)
        {
            var expected = (ushort)header.GetCurrentHashAsUInt32();
            if (BinaryPrimitives.ReadUInt16LittleEndian(Take(2, null, "header")) != expected)
                throw Refused($"the header of gzip member {_members + 1} fails its CRC-16 check (damaged)");
        }
        _crc.Reset();
        _memberLength = 0;
        _deflaterSawEnd = false;
        _givenStart = _givenEnd = _inPos;
        _deflater = new DeflateStream(new DeflaterInput(this), CompressionMode.Decompress);
        return true;
    }

    /// <summary>After the deflater's end of data: the trailer must follow it and match, or the file ended early.</summary>
    private void FinishMember()
    {
        _deflater!.Dispose();
        _deflater = null;
        if (_deflaterSawEnd)
            throw Refused($"the file ends inside gzip member {_members + 1} (which starts at byte {Number(_memberStart)})");
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_memberLength));
        bool cutShort = false, crcOnly = false, lengthOnly = false, reachedEnd = false;
        int? firstMatch = null;
        for (var end = 0; end <= _givenEnd - _givenStart; end++)
        {
            // Available may move the buffered bytes; positions relative to the slice stay right.
            var whole = Available(_givenStart + end + 8 - _inPos);
            var candidate = _in.AsSpan(_givenStart + end, Math.Min(8, _inEnd - _givenStart - end));
            if (whole && candidate.SequenceEqual(trailer))
            {
                // An empty member's trailer is eight zero bytes, which also match one byte early, where
                // the deflate data ends in a zero: the true trailer is followed by the end or a member.
                if (EndOrMemberAt(end + 8))
                {
                    AcceptTrailer(end);
                    return;
                }
                firstMatch ??= end;
                continue;
            }
            reachedEnd |= !whole;
            var crcMatches = candidate.Length >= 4 && candidate[..4].SequenceEqual(trailer[..4]);
            cutShort |= !whole && crcMatches;
            lengthOnly |= whole && crcMatches;
            crcOnly |= whole && !crcMatches && candidate[4..].SequenceEqual(trailer[4..]);
        }
        if (firstMatch is { } match)
        {
            // Bytes that are no member follow: the next member's start says so.
            AcceptTrailer(match);
            return;
        }
        var member = $"gzip member {_members + 1}";
        throw Refused(
            cutShort ? $"the file ends inside the trailer of {member}"
            : crcOnly ? $"{member} fails its CRC-32 check (its {Number(_memberLength)} bytes are not the ones written)"
            : lengthOnly ? $"{member} fails its length check (it decompressed to {Number(_memberLength)} bytes, not the length in its trailer)"
            : reachedEnd ? $"the file ends after the deflate data of {member}, without a whole trailer (CRC-32 and length)"
            : $"{member} fails its CRC-32 and length checks");
    }

    private void AcceptTrailer(int end)
    {
        _inPos = _givenStart + end + 8;
        _members++;
    }

    /// <summary>Whether the file ends, or a gzip signature starts, <paramref name="offset"/> bytes into the deflater's last slice.</summary>
    private bool EndOrMemberAt(int offset)
    {
        if (!Available(_givenStart + offset + 2 - _inPos)) return _inEnd == _givenStart + offset;
        return _in[_givenStart + offset] == 0x1F && _in[_givenStart + offset + 1] == 0x8B;
    }

    private void SkipZeroTerminated(Crc32 header)
    {
        while (Take(1, header, "header")[0] != 0) { }
    }

    /// <summary>The next <paramref name="count"/> bytes (at most 8), consumed and added to <paramref name="crc"/>; the file must have them.</summary>
    private ReadOnlySpan<byte> Take(int count, Crc32? crc, string part)
    {
        if (!Available(count)) throw Refused($"the file ends inside the {part} of gzip member {_members + 1}");
        var bytes = _in.AsSpan(_inPos, count);
        _inPos += count;
        crc?.Append(bytes);
        return bytes;
    }

    /// <summary>
    /// Whether <paramref name="count"/> bytes from <c>_inPos</c> are buffered, reading more if needed.
    /// Bytes from the start of the deflater's last slice are kept, since the trailer is looked for there.
    /// </summary>
    private bool Available(int count)
    {
        while (_inEnd - _inPos < count)
        {
            if (_inEof) return false;
            var keep = Math.Min(_inPos, _givenStart);
            if (keep > 0)
            {
                Buffer.BlockCopy(_in, keep, _in, 0, _inEnd - keep);
                _inBase += keep;
                _inPos -= keep;
                _inEnd -= keep;
                _givenStart -= keep;
                _givenEnd -= keep;
            }
            if (_inEnd == _in.Length) Array.Resize(ref _in, _in.Length * 2);
            var n = _compressed.Read(_in, _inEnd, _in.Length - _inEnd);
            if (n == 0) _inEof = true;
            _inEnd += n;
        }
        return true;
    }

    /// <summary>Hands buffered bytes to the deflater and remembers which, so the trailer can be found after its end.</summary>
    private int GiveDeflater(Span<byte> buffer)
    {
        _givenStart = _givenEnd = _inPos;
        if (!Available(1))
        {
            _deflaterSawEnd = true;
            return 0;
        }
        var n = Math.Min(buffer.Length, _inEnd - _inPos);
        _in.AsSpan(_inPos, n).CopyTo(buffer);
        _givenStart = _inPos;
        _inPos += n;
        _givenEnd = _inPos;
        return n;
    }

    private long Offset => _inBase + _inPos;

    private string Remaining()
    {
        var known = _compressedLength is { } length ? $"the {Number(length - Offset)} bytes" : "the bytes";
        return $"{known} from byte {Number(Offset)}";
    }

    private InputException Refused(string what)
    {
        var of = _compressedLength is { } length ? $" of {Number(length)}" : "";
        return new InputException($"{_name}: not a valid gzip file: {what}; read {Number(Offset)}{of} compressed bytes "
            + $"and {Number(_decompressed)} decompressed. The file is truncated or damaged, and no part of it is used: copy or download it again.");
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _deflater?.Dispose();
            _compressed.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override bool CanRead => true;
    /// <inheritdoc />
    public override bool CanSeek => false;
    /// <inheritdoc />
    public override bool CanWrite => false;
    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();
    /// <inheritdoc />
    public override long Position { get => _decompressed; set => throw new NotSupportedException(); }
    /// <inheritdoc />
    public override void Flush() { }
    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>What the deflater reads: the member's bytes from the shared buffer.</summary>
    private sealed class DeflaterInput(VerifiedGzipStream owner) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => owner.GiveDeflater(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer) => owner.GiveDeflater(buffer);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
