using System.Buffers.Binary;

namespace ClvML.Data.Parquet;

/// <summary>
/// Decodes one column chunk of a flat column into a <see cref="ParquetColumnValues"/>: walks its
/// pages (parquet-format README, "Column chunks": an optional dictionary page first, then data
/// pages), decompresses each, reads the definition levels and the values, and places the nulls.
/// v1 data pages compress levels and values together, the levels each behind a 4-byte length;
/// v2 pages keep the levels uncompressed in front and compress only the values, when
/// <c>is_compressed</c> says so. Every length read is checked against the bytes that remain, and
/// every count against the row group's, so corrupt input is a <see cref="ParquetFormatException"/>.
/// Scratch buffers are reused from chunk to chunk, so one reader serves a whole file.
/// </summary>
internal sealed partial class ColumnChunkReader
{
    private int[] _levels = [];
    private int[] _indices = [];
    private Range[] _ranges = [];

    /// <summary>Decodes <paramref name="rows"/> values of <paramref name="column"/> from <paramref name="chunk"/>.</summary>
    /// <param name="chunk">A buffer whose first <paramref name="length"/> bytes are the chunk's stored pages, headers included.
    /// Every value is copied out, so the caller may reuse the buffer for the next chunk.</param>
    /// <param name="length">Bytes of the chunk.</param>
    /// <param name="chunkOffset">File offset of <paramref name="chunk"/>, for messages.</param>
    /// <param name="column">The leaf column.</param>
    /// <param name="type">How the column is read.</param>
    /// <param name="codec">The chunk's compression codec.</param>
    /// <param name="rows">Rows in the row group.</param>
    /// <param name="source">The file named in errors.</param>
    public ParquetColumnValues Read(byte[] chunk, int length, long chunkOffset, ParquetColumn column, ParquetColumnType type, CompressionCodec codec, int rows, string source)
    {
        var values = new ParquetColumnValues(column, type, rows, source);
        ParquetColumnValues? dictionary = null;
        var done = 0;
        var position = 0;
        while (done < rows)
        {
            if (position >= length)
                throw Fail(source, chunkOffset + position, column, $"the column chunk ends after {done} of its {rows} values");
            var reader = new ThriftCompactReader(chunk, position, length - position, source, chunkOffset + position);
            var header = PageHeaderDecoder.Read(reader);
            var dataStart = position + reader.BytesRead;
            if (header.CompressedPageSize > length - dataStart)
                throw Fail(source, chunkOffset + position, column, $"a page of {header.CompressedPageSize} bytes overruns the column chunk ({length - dataStart} bytes left)");
            var page = new Page(chunk, dataStart, header.CompressedPageSize, chunkOffset + dataStart);
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    if (dictionary is not null || done > 0)
                        throw Fail(source, page.Offset, column, "a dictionary page that is not the chunk's first page");
                    dictionary = ReadDictionary(header, page, codec, column, type, source);
                    break;
                case PageType.DataPage:
                    done += ReadDataPageV1(header, page, codec, values, dictionary, done, source);
                    break;
                case PageType.DataPageV2:
                    done += ReadDataPageV2(header, page, codec, values, dictionary, done, source);
                    break;
                default:
                    break; // INDEX_PAGE and page types added later carry no values of this chunk.
            }
            position = dataStart + header.CompressedPageSize;
        }
        return values;
    }

    /// <summary>A page's stored bytes inside the chunk.</summary>
    private readonly record struct Page(byte[] Chunk, int Start, int Length, long Offset)
    {
        public ReadOnlySpan<byte> Bytes => Chunk.AsSpan(Start, Length);
    }

    private ParquetColumnValues ReadDictionary(PageHeader header, Page page, CompressionCodec codec, ParquetColumn column, ParquetColumnType type, string source)
    {
        var dictionaryHeader = header.DictionaryPageHeader!;
        if (dictionaryHeader.Encoding is not (Encoding.Plain or Encoding.PlainDictionary))
            throw Fail(source, page.Offset, column, $"unsupported: dictionary page encoding {dictionaryHeader.Encoding}");
        var data = Inflate(codec, page, page.Bytes, header.UncompressedPageSize, column, source);
        var count = dictionaryHeader.NumValues;
        // Every entry takes at least one byte except booleans (a bit), so a count beyond that is corrupt; checked before allocating.
        if (count < 0 || count > 8L * data.Length + 8)
            throw Fail(source, page.Offset, column, $"a dictionary of {count} entries in {data.Length} bytes");
        var entries = new ParquetColumnValues(column, type, count, source);
        DecodePlain(data, entries, 0, count, page.Offset, source);
        return entries;
    }

    private int ReadDataPageV1(PageHeader header, Page page, CompressionCodec codec, ParquetColumnValues values, ParquetColumnValues? dictionary, int done, string source)
    {
        var v1 = header.DataPageHeader!;
        var column = values.Column;
        var count = CheckCount(v1.NumValues, values.Count - done, page, column, source);
        var data = Inflate(codec, page, page.Bytes, header.UncompressedPageSize, column, source);
        var position = 0;
        var nonNull = count;
        if (column.MaxDefinitionLevel > 0)
        {
            if (v1.DefinitionLevelEncoding != Encoding.Rle)
                throw Fail(source, page.Offset, column, $"unsupported: definition levels encoded {v1.DefinitionLevelEncoding} (RLE is read)");
            if (data.Length < 4) throw Fail(source, page.Offset, column, "the definition levels' length is cut off");
            var length = BinaryPrimitives.ReadInt32LittleEndian(data);
            if (length < 0 || length > data.Length - 4)
                throw Fail(source, page.Offset, column, $"definition levels of {length} bytes where the page has {data.Length - 4} left");
            nonNull = DecodeLevels(data.Slice(4, length), count, page.Offset + 4, source);
            position = 4 + length;
        }
        DecodeValues(v1.Encoding, data[position..], values, dictionary, done, count, nonNull, page.Offset + position, source);
        return count;
    }

    private int ReadDataPageV2(PageHeader header, Page page, CompressionCodec codec, ParquetColumnValues values, ParquetColumnValues? dictionary, int done, string source)
    {
        var v2 = header.DataPageHeaderV2!;
        var column = values.Column;
        var count = CheckCount(v2.NumValues, values.Count - done, page, column, source);
        if (v2.RepetitionLevelsByteLength != 0)
            throw Fail(source, page.Offset, column, $"{v2.RepetitionLevelsByteLength} bytes of repetition levels in a column that is not repeated");
        var levelBytes = v2.DefinitionLevelsByteLength;
        if (levelBytes < 0 || levelBytes > page.Length)
            throw Fail(source, page.Offset, column, $"definition levels of {levelBytes} bytes in a page of {page.Length}");
        if (header.UncompressedPageSize < levelBytes)
            throw Fail(source, page.Offset, column, $"an uncompressed page size of {header.UncompressedPageSize} bytes, less than its {levelBytes} bytes of levels");
        var nonNull = count;
        if (column.MaxDefinitionLevel > 0) nonNull = DecodeLevels(page.Bytes[..levelBytes], count, page.Offset, source);
        else if (levelBytes != 0) throw Fail(source, page.Offset, column, $"{levelBytes} bytes of definition levels in a REQUIRED column");
        if (v2.NumNulls != count - nonNull)
            throw Fail(source, page.Offset, column, $"the page header counts {v2.NumNulls} nulls, its definition levels {count - nonNull}");
        var stored = page.Bytes[levelBytes..];
        var valueSize = header.UncompressedPageSize - levelBytes;
        var data = v2.IsCompressed ? Inflate(codec, page, stored, valueSize, column, source) : Inflate(CompressionCodec.Uncompressed, page, stored, valueSize, column, source);
        DecodeValues(v2.Encoding, data, values, dictionary, done, count, nonNull, page.Offset + levelBytes, source);
        return count;
    }

    private static int CheckCount(int count, int remaining, Page page, ParquetColumn column, string source)
    {
        if (count < 0 || count > remaining)
            throw Fail(source, page.Offset, column, $"a data page of {count} values where the row group has {remaining} left");
        return count;
    }

    /// <summary>Decodes definition levels (bit width 1: the column is flat and optional) into the scratch buffer; returns how many are defined.</summary>
    private int DecodeLevels(ReadOnlySpan<byte> data, int count, long offset, string source)
    {
        if (_levels.Length < count) _levels = new int[count];
        var levels = _levels.AsSpan(0, count);
        RleBitPackedHybrid.Decode(data, 1, levels, source, offset);
        // An RLE run stores its value in a whole byte, so a corrupt run can hold levels above the maximum of 1.
        var defined = 0;
        foreach (var level in levels)
        {
            if ((uint)level > 1) throw new ParquetFormatException(source, offset, $"a definition level of {level} where the maximum is 1");
            defined += level;
        }
        return defined;
    }

    private static ReadOnlySpan<byte> Inflate(CompressionCodec codec, Page page, ReadOnlySpan<byte> stored, int uncompressedSize, ParquetColumn column, string source)
    {
        // Some writers store an all-null v2 page's empty values as zero bytes even under a codec.
        if (stored.IsEmpty && uncompressedSize == 0) return [];
        if (codec != CompressionCodec.Uncompressed) return PageDecompressor.Decompress(codec, stored, uncompressedSize, source, page.Offset);
        if (stored.Length != uncompressedSize)
            throw Fail(source, page.Offset, column, $"an uncompressed page of {stored.Length} bytes whose header says {uncompressedSize}");
        return stored;
    }

    private static ParquetFormatException Fail(string source, long offset, ParquetColumn column, string problem) =>
        new(source, offset, problem.StartsWith("unsupported: ", StringComparison.Ordinal)
            ? $"unsupported: column {column.Name}: {problem["unsupported: ".Length..]}"
            : $"column {column.Name}: {problem}");
}
