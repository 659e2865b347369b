using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ClvML.Data.Csv;

/// <summary>
/// Finds the next field stop (the delimiter or a line feed) in a <see cref="CsvRecordReader"/>'s
/// buffer from a bitmask of the stops in a 64-byte block: one vector compare per block, then one
/// shift and a trailing-zero count per field. Transaction fields are short (a 6-field row is about
/// 48 bytes), so a search call per field (<c>IndexOfAny</c>) costs mostly its own setup; this is
/// the structural-index idea of simdjson (Langdale and Lemire 2019, "Parsing gigabytes of JSON per
/// second") and the Sep CSV reader, for the unquoted fields only: a quoted field is searched
/// byte-wise as before and scanning resumes after it. The mask describes the buffer as it was when
/// the block was loaded, so the reader calls <see cref="Invalidate"/> whenever it moves or refills the buffer.
/// </summary>
internal struct FieldStopMask
{
    private const int Block = 64;
    private readonly byte _delimiter;
    private int _blockStart;
    // Bit i: the byte at _blockStart + i is a stop. Bits past the buffer's end are clear.
    private ulong _bits;

    public FieldStopMask(byte delimiter)
    {
        _delimiter = delimiter;
        _blockStart = -Block;
    }

    /// <summary>Forgets the loaded block: the buffer's bytes moved or more were read.</summary>
    public void Invalidate() => _blockStart = -Block;

    /// <summary>The index of the first stop at or after <paramref name="p"/> in <paramref name="buffer"/>, or -1 when there is none.</summary>
    /// <param name="buffer">The buffer's filled part (from index 0, so indexes are buffer indexes).</param>
    /// <param name="p">Where to start; 0 &lt;= p.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(ReadOnlySpan<byte> buffer, int p)
    {
        // The common case, inlined into the reader's field loop: the next stop is in the loaded block.
        var offset = (uint)(p - _blockStart);
        if (offset < Block)
        {
            var bits = _bits & (ulong.MaxValue << (int)offset);
            if (bits != 0) return _blockStart + BitOperations.TrailingZeroCount(bits);
            return NextInLaterBlocks(buffer, _blockStart + Block);
        }
        return NextInLaterBlocks(buffer, p);
    }

    /// <summary>Loads blocks from <paramref name="start"/> on until one holds a stop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int NextInLaterBlocks(ReadOnlySpan<byte> buffer, int start)
    {
        if (start >= buffer.Length) return -1;
        Load(buffer, start);
        var bits = _bits;
        while (bits == 0)
        {
            var next = _blockStart + Block;
            if (next >= buffer.Length) return -1;
            Load(buffer, next);
            bits = _bits;
        }
        return _blockStart + BitOperations.TrailingZeroCount(bits);
    }

    private void Load(ReadOnlySpan<byte> buffer, int start)
    {
        _blockStart = start;
        if (buffer.Length - start < Block)
        {
            _bits = Scalar(buffer[start..]);
            return;
        }
        var block = buffer.Slice(start, Block);
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.Create(block);
            _bits = (Vector512.Equals(v, Vector512.Create(_delimiter)) | Vector512.Equals(v, Vector512.Create((byte)'\n'))).ExtractMostSignificantBits();
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            _bits = Stops256(Vector256.Create(block)) | ((ulong)Stops256(Vector256.Create(block[32..])) << 32);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            _bits = Stops128(Vector128.Create(block)) | ((ulong)Stops128(Vector128.Create(block[16..])) << 16)
                | ((ulong)Stops128(Vector128.Create(block[32..])) << 32) | ((ulong)Stops128(Vector128.Create(block[48..])) << 48);
        }
        else _bits = Scalar(block);
    }

    private readonly uint Stops256(Vector256<byte> v) =>
        (Vector256.Equals(v, Vector256.Create(_delimiter)) | Vector256.Equals(v, Vector256.Create((byte)'\n'))).ExtractMostSignificantBits();

    private readonly uint Stops128(Vector128<byte> v) =>
        (Vector128.Equals(v, Vector128.Create(_delimiter)) | Vector128.Equals(v, Vector128.Create((byte)'\n'))).ExtractMostSignificantBits();

    /// <summary>The stops of up to 64 bytes, byte by byte: the buffer's tail, or hardware without vectors.</summary>
    private readonly ulong Scalar(ReadOnlySpan<byte> bytes)
    {
        ulong bits = 0;
        for (var i = 0; i < bytes.Length && i < Block; i++)
            if (bytes[i] == _delimiter || bytes[i] == '\n') bits |= 1UL << i;
        return bits;
    }
}
