using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ClvML.Data.Parquet;

/// <summary>
/// Value decoding for one data page (parquet-format Encodings.md): the page's non-null values are
/// decoded densely into the chunk's arrays at the page's first row, then moved out to their rows
/// from the back, leaving nulls behind, so no value is decoded twice or boxed.
/// </summary>
internal sealed partial class ColumnChunkReader
{
    private void DecodeValues(Encoding encoding, ReadOnlySpan<byte> data, ParquetColumnValues values, ParquetColumnValues? dictionary,
        int start, int count, int nonNull, long offset, string source)
    {
        var column = values.Column;
        if (nonNull > 0)
        {
            switch (encoding)
            {
                case Encoding.Plain:
                    DecodePlain(data, values, start, nonNull, offset, source);
                    break;
                case Encoding.PlainDictionary or Encoding.RleDictionary:
                    if (dictionary is null) throw Fail(source, offset, column, $"a {encoding} page without a dictionary page");
                    DecodeDictionaryIndices(data, values, dictionary, start, nonNull, offset, source);
                    break;
                case Encoding.Rle when column.PhysicalType == PhysicalType.Boolean:
                    DecodeRleBooleans(data, values.Booleans.AsSpan(start, nonNull), column, offset, source);
                    break;
                case Encoding.DeltaBinaryPacked when column.PhysicalType is PhysicalType.Int32 or PhysicalType.Int64:
                    DecodeDeltaIntegers(data, values, start, nonNull, offset, source);
                    break;
                case Encoding.DeltaLengthByteArray when column.PhysicalType == PhysicalType.ByteArray:
                    DeltaLengthByteArray.Decode(data, Ranges(nonNull), source, offset);
                    StoreRanges(data, values, start, nonNull);
                    break;
                case Encoding.DeltaByteArray when column.PhysicalType is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray:
                    DecodeDeltaByteArray(data, values, start, nonNull, offset, source);
                    break;
                case Encoding.ByteStreamSplit when column.PhysicalType == PhysicalType.Float:
                    ByteStreamSplit.Float(data, values.Floats.AsSpan(start, nonNull), source, offset);
                    break;
                case Encoding.ByteStreamSplit when column.PhysicalType == PhysicalType.Double:
                    ByteStreamSplit.Double(data, values.Doubles.AsSpan(start, nonNull), source, offset);
                    break;
                case Encoding.ByteStreamSplit when column.PhysicalType == PhysicalType.Int32:
                    ByteStreamSplit.Int32(data, values.Int32s.AsSpan(start, nonNull), source, offset);
                    break;
                case Encoding.ByteStreamSplit when column.PhysicalType == PhysicalType.Int64:
                    ByteStreamSplit.Int64(data, values.Int64s.AsSpan(start, nonNull), source, offset);
                    break;
                case Encoding.ByteStreamSplit when column.PhysicalType == PhysicalType.FixedLenByteArray:
                    DecodeSplitFixedBytes(data, values, start, nonNull, offset, source);
                    break;
                default:
                    throw Fail(source, offset, column, $"unsupported: {encoding} encoding of {column.PhysicalType} values");
            }
        }
        if (nonNull < count) PlaceNulls(values, start, count, nonNull);
    }

    /// <summary>PLAIN (Encodings.md, "Plain"): fixed-width values little-endian, booleans bit-packed, byte arrays behind a 4-byte length.</summary>
    private int DecodePlain(ReadOnlySpan<byte> data, ParquetColumnValues values, int start, int count, long offset, string source)
    {
        switch (values.Column.PhysicalType)
        {
            case PhysicalType.Boolean: return PlainValues.Boolean(data, values.Booleans.AsSpan(start, count), source, offset);
            case PhysicalType.Int32: return CopyLittleEndian(data, values.Int32s.AsSpan(start, count), source, offset);
            case PhysicalType.Int64: return CopyLittleEndian(data, values.Int64s.AsSpan(start, count), source, offset);
            case PhysicalType.Float: return CopyLittleEndian(data, values.Floats.AsSpan(start, count), source, offset);
            case PhysicalType.Double: return CopyLittleEndian(data, values.Doubles.AsSpan(start, count), source, offset);
            case PhysicalType.ByteArray:
                // Each value takes at least its 4-byte length, so the count is checked before the ranges are allocated.
                if (count > data.Length / 4)
                    throw Fail(source, offset, values.Column, $"{count} PLAIN byte arrays cannot fit in {data.Length} bytes");
                var read = PlainValues.ByteArray(data, Ranges(count), source, offset);
                StoreRanges(data, values, start, count);
                return read;
            default:
                var width = FixedWidth(values.Column);
                var bytes = (long)width * count;
                if (bytes > data.Length)
                    throw Fail(source, offset, values.Column, $"{count} PLAIN values of {width} bytes need {bytes} bytes, the page holds {data.Length}");
                var heapStart = values.Append(data[..(int)bytes]);
                for (var i = 0; i < count; i++)
                {
                    values.Starts![start + i] = heapStart + i * width;
                    values.Lengths![start + i] = width;
                }
                return (int)bytes;
        }
    }

    /// <summary>BYTE_STREAM_SPLIT FIXED_LEN_BYTE_ARRAY values, gathered straight into the chunk's buffer.</summary>
    private static void DecodeSplitFixedBytes(ReadOnlySpan<byte> data, ParquetColumnValues values, int start, int count, long offset, string source)
    {
        var width = FixedWidth(values.Column);
        if ((long)width * count != data.Length)
            throw Fail(source, offset, values.Column, $"BYTE_STREAM_SPLIT data of {data.Length} bytes cannot hold {count} values of {width} bytes");
        var gathered = new byte[data.Length];
        ByteStreamSplit.Bytes(data, count, width, gathered, source, offset);
        var heapStart = values.Append(gathered);
        for (var i = 0; i < count; i++)
        {
            values.Starts![start + i] = heapStart + i * width;
            values.Lengths![start + i] = width;
        }
    }

    private static int FixedWidth(ParquetColumn column) => column.PhysicalType == PhysicalType.Int96 ? 12 : column.TypeLength ?? 0;

    private static int CopyLittleEndian<T>(ReadOnlySpan<byte> data, Span<T> values, string source, long offset) where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        var bytes = (long)size * values.Length;
        if (bytes > data.Length)
            throw new ParquetFormatException(source, offset, $"PLAIN values need {bytes} bytes but the page holds {data.Length}");
        var stored = data[..(int)bytes];
        MemoryMarshal.Cast<byte, T>(stored).CopyTo(values);
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ClvML's Parquet reader needs a little-endian machine.");
        return (int)bytes;
    }

    /// <summary>
    /// Dictionary indices (Encodings.md, "Dictionary Encoding"): one byte of bit width, then the
    /// RLE/bit-packed hybrid without a length prefix. Every index is checked against the dictionary.
    /// </summary>
    private void DecodeDictionaryIndices(ReadOnlySpan<byte> data, ParquetColumnValues values, ParquetColumnValues dictionary, int start, int count, long offset, string source)
    {
        if (data.IsEmpty) throw Fail(source, offset, values.Column, "the dictionary indices' bit width is missing");
        int bitWidth = data[0];
        if (bitWidth > 32) throw Fail(source, offset, values.Column, $"dictionary indices of bit width {bitWidth}");
        if (_indices.Length < count) _indices = new int[count];
        var indices = _indices.AsSpan(0, count);
        RleBitPackedHybrid.Decode(data[1..], bitWidth, indices, source, offset + 1);
        var size = dictionary.Count;
        foreach (var index in indices)
            if ((uint)index >= (uint)size)
                throw Fail(source, offset, values.Column, $"dictionary index {index} where the dictionary has {size} entries");
        switch (values.Column.PhysicalType)
        {
            case PhysicalType.Boolean: Gather(dictionary.Booleans!, indices, values.Booleans.AsSpan(start, count)); break;
            case PhysicalType.Int32: Gather(dictionary.Int32s!, indices, values.Int32s.AsSpan(start, count)); break;
            case PhysicalType.Int64: Gather(dictionary.Int64s!, indices, values.Int64s.AsSpan(start, count)); break;
            case PhysicalType.Float: Gather(dictionary.Floats!, indices, values.Floats.AsSpan(start, count)); break;
            case PhysicalType.Double: Gather(dictionary.Doubles!, indices, values.Doubles.AsSpan(start, count)); break;
            default:
                // The dictionary's bytes are copied into this chunk's buffer once; rows point at them.
                if (!ReferenceEquals(values.DictionaryHeapOwner, dictionary))
                {
                    dictionary.TakeHeap(out var heap, out var used);
                    values.DictionaryHeapStart = values.Append(heap.AsSpan(0, used));
                    values.DictionaryHeapOwner = dictionary;
                }
                var shift = values.DictionaryHeapStart;
                for (var i = 0; i < count; i++)
                {
                    values.Starts![start + i] = dictionary.Starts![indices[i]] + shift;
                    values.Lengths![start + i] = dictionary.Lengths![indices[i]];
                }
                break;
        }
    }

    private static void Gather<T>(T[] dictionary, ReadOnlySpan<int> indices, Span<T> values)
    {
        for (var i = 0; i < indices.Length; i++) values[i] = dictionary[indices[i]];
    }

    /// <summary>RLE booleans (Encodings.md, "Run Length Encoding / Bit-Packing Hybrid"): a 4-byte length, then runs of bit width 1.</summary>
    private void DecodeRleBooleans(ReadOnlySpan<byte> data, Span<bool> values, ParquetColumn column, long offset, string source)
    {
        if (data.Length < 4) throw Fail(source, offset, column, "the RLE booleans' length is cut off");
        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4) throw Fail(source, offset, column, $"RLE booleans of {length} bytes where the page has {data.Length - 4}");
        if (_indices.Length < values.Length) _indices = new int[values.Length];
        var bits = _indices.AsSpan(0, values.Length);
        RleBitPackedHybrid.Decode(data.Slice(4, length), 1, bits, source, offset + 4);
        for (var i = 0; i < values.Length; i++) values[i] = bits[i] != 0;
    }

    /// <summary>DELTA_BINARY_PACKED (Encodings.md, "Delta Encoding"); the block must hold exactly the page's non-null values.</summary>
    private static void DecodeDeltaIntegers(ReadOnlySpan<byte> data, ParquetColumnValues values, int start, int count, long offset, string source)
    {
        int decoded;
        if (values.Int64s is { } longs) (decoded, _) = DeltaBinaryPacked.Decode(data, longs.AsSpan(start, count), source, offset);
        else (decoded, _) = DeltaBinaryPacked.DecodeInt32(data, values.Int32s.AsSpan(start, count), source, offset);
        if (decoded != count)
            throw Fail(source, offset, values.Column, $"DELTA_BINARY_PACKED holds {decoded} values where the page has {count}");
    }

    /// <summary>DELTA_BYTE_ARRAY (Encodings.md, "Delta Strings"): values rebuilt straight into the chunk's buffer.</summary>
    private void DecodeDeltaByteArray(ReadOnlySpan<byte> data, ParquetColumnValues values, int start, int count, long offset, string source)
    {
        var ranges = Ranges(count);
        values.TakeHeap(out var heap, out var used);
        DeltaByteArray.Decode(data, ranges, ref heap, ref used, source, offset);
        values.ReturnHeap(heap, used);
        var width = values.Column.PhysicalType == PhysicalType.FixedLenByteArray ? FixedWidth(values.Column) : -1;
        for (var i = 0; i < count; i++)
        {
            var length = ranges[i].End.Value - ranges[i].Start.Value;
            if (width >= 0 && length != width)
                throw Fail(source, offset, values.Column, $"a DELTA_BYTE_ARRAY value of {length} bytes in a FIXED_LEN_BYTE_ARRAY({width}) column");
            values.Starts![start + i] = ranges[i].Start.Value;
            values.Lengths![start + i] = length;
        }
    }

    private Span<Range> Ranges(int count)
    {
        if (_ranges.Length < count) _ranges = new Range[count];
        return _ranges.AsSpan(0, count);
    }

    /// <summary>Copies the region the ranges cover into the chunk's buffer once and points the rows at it.</summary>
    private void StoreRanges(ReadOnlySpan<byte> data, ParquetColumnValues values, int start, int count)
    {
        var ranges = _ranges.AsSpan(0, count);
        var first = count == 0 ? 0 : ranges[0].Start.Value;
        var end = count == 0 ? 0 : ranges[count - 1].End.Value;
        var heapStart = values.Append(data[first..end]) - first;
        for (var i = 0; i < count; i++)
        {
            values.Starts![start + i] = heapStart + ranges[i].Start.Value;
            values.Lengths![start + i] = ranges[i].End.Value - ranges[i].Start.Value;
        }
    }

    /// <summary>Moves the page's dense values out to their rows, back to front, marking the undefined rows null.</summary>
    private void PlaceNulls(ParquetColumnValues values, int start, int count, int nonNull)
    {
        var nulls = values.Nulls ??= new bool[values.Count];
        var levels = _levels.AsSpan(0, count);
        switch (values.Column.PhysicalType)
        {
            case PhysicalType.Boolean: Spread(values.Booleans!, nulls, levels, start, nonNull); break;
            case PhysicalType.Int32: Spread(values.Int32s!, nulls, levels, start, nonNull); break;
            case PhysicalType.Int64: Spread(values.Int64s!, nulls, levels, start, nonNull); break;
            case PhysicalType.Float: Spread(values.Floats!, nulls, levels, start, nonNull); break;
            case PhysicalType.Double: Spread(values.Doubles!, nulls, levels, start, nonNull); break;
            default:
                Spread(values.Starts!, nulls, levels, start, nonNull);
                Spread(values.Lengths!, nulls, levels, start, nonNull);
                break;
        }
    }

    private static void Spread<T>(T[] array, bool[] nulls, ReadOnlySpan<int> levels, int start, int nonNull)
    {
        var dense = start + nonNull;
        for (var i = levels.Length - 1; i >= 0; i--)
        {
            var row = start + i;
            if (levels[i] != 0) array[row] = array[--dense];
            else
            {
                array[row] = default!;
                nulls[row] = true;
            }
        }
    }
}
