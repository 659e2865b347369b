using System.Buffers.Binary;
using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.ParquetWriting;

/// <summary>One page as found in a file: its header, where it starts and its decompressed body.</summary>
internal sealed record FoundPage(long Offset, int HeaderLength, PageHeader Header, byte[] Body);

/// <summary>
/// Decodes a written file with the reader's low-level pieces only (ParquetFooter, PageHeaderDecoder,
/// PageDecompressor, PlainValues, RleBitPackedHybrid), independently of the writer's code: the
/// round trip for the writer's tests. Checks on the way that each chunk's offsets point at page
/// headers and that its sizes add up to the pages' (headers included).
/// </summary>
internal static class PageLevelReader
{
    /// <summary>Every value of column <paramref name="name"/> across row groups: long, int, double, string or null.</summary>
    public static List<object?> Values(string path, string name) => [.. Chunks(path, name).SelectMany(c => c.Values)];

    /// <summary>Each row group's chunk of column <paramref name="name"/>: its metadata, its pages and its values.</summary>
    public static List<(ColumnMetaData Meta, List<FoundPage> Pages, List<object?> Values)> Chunks(string path, string name)
    {
        var footer = ParquetFooter.Read(path);
        var column = footer.Schema.Find(name) ?? throw new InvalidOperationException($"no column {name}");
        var bytes = File.ReadAllBytes(path);
        var result = new List<(ColumnMetaData, List<FoundPage>, List<object?>)>();
        foreach (var group in footer.MetaData.RowGroups)
        {
            var meta = group.Columns[column.Index].MetaData!;
            var pages = Pages(bytes, path, meta);
            var values = Decode(pages, column, meta.Type, path);
            Assert.Equal(meta.NumValues, values.Count);
            Assert.Equal(group.NumRows, values.Count);
            result.Add((meta, pages, values));
        }
        return result;
    }

    /// <summary>The pages of a chunk, walked from its first page header to its total_compressed_size.</summary>
    public static List<FoundPage> Pages(byte[] bytes, string path, ColumnMetaData meta)
    {
        var start = meta.DictionaryPageOffset ?? meta.DataPageOffset;
        var end = start + meta.TotalCompressedSize;
        var pages = new List<FoundPage>();
        long uncompressed = 0;
        for (var position = start; position < end;)
        {
            var reader = new ThriftCompactReader(bytes, (int)position, (int)(end - position), path, position);
            var header = PageHeaderDecoder.Read(reader);
            var bodyStart = position + reader.BytesRead;
            var body = PageDecompressor.Decompress(meta.Codec, bytes.AsSpan((int)bodyStart, header.CompressedPageSize),
                header.UncompressedPageSize, path, bodyStart);
            pages.Add(new FoundPage(position, reader.BytesRead, header, body));
            uncompressed += reader.BytesRead + header.UncompressedPageSize;
            position = bodyStart + header.CompressedPageSize;
            Assert.True(position <= end, "a page runs past the chunk's total_compressed_size");
        }
        Assert.Equal(meta.TotalUncompressedSize, uncompressed);
        // data_page_offset names the first data page's header; dictionary_page_offset the dictionary page's.
        Assert.Equal(meta.DataPageOffset, pages.First(p => p.Header.Type is PageType.DataPage or PageType.DataPageV2).Offset);
        if (meta.DictionaryPageOffset is { } dictionary)
        {
            Assert.Equal(PageType.DictionaryPage, pages[0].Header.Type);
            Assert.Equal(dictionary, pages[0].Offset);
        }
        return pages;
    }

    private static List<object?> Decode(List<FoundPage> pages, ParquetColumn column, PhysicalType type, string path)
    {
        var values = new List<object?>();
        List<object?>? dictionary = null;
        foreach (var page in pages)
        {
            var body = page.Body;
            if (page.Header.Type == PageType.DictionaryPage)
            {
                Assert.Equal(Encoding.Plain, page.Header.DictionaryPageHeader!.Encoding);
                dictionary = Plain(body, type, page.Header.DictionaryPageHeader.NumValues, path);
                continue;
            }
            var header = page.Header.DataPageHeader!;
            var levels = new int[header.NumValues];
            var position = 0;
            if (column.MaxDefinitionLevel > 0)
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(body);
                Assert.Equal(length, RleBitPackedHybrid.Decode(body.AsSpan(4, length), 1, levels, path, 0));
                position = 4 + length;
            }
            else Array.Fill(levels, 1);
            var present = levels.Count(l => l == 1);
            List<object?> decoded;
            if (header.Encoding == Encoding.RleDictionary)
            {
                var bitWidth = body[position];
                var indices = new int[present];
                RleBitPackedHybrid.Decode(body.AsSpan(position + 1), bitWidth, indices, path, 0);
                decoded = [.. indices.Select(i => dictionary![i])];
            }
            else
            {
                Assert.Equal(Encoding.Plain, header.Encoding);
                decoded = Plain(body.AsSpan(position).ToArray(), type, present, path, exact: true);
            }
            var next = 0;
            foreach (var level in levels) values.Add(level == 1 ? decoded[next++] : null);
        }
        return values;
    }

    private static List<object?> Plain(byte[] body, PhysicalType type, int count, string path, bool exact = true)
    {
        int read;
        List<object?> result;
        switch (type)
        {
            case PhysicalType.Int64:
                {
                    var v = new long[count];
                    read = PlainValues.Int64(body, v, path, 0);
                    result = [.. v.Select(x => (object?)x)];
                    break;
                }
            case PhysicalType.Int32:
                {
                    var v = new int[count];
                    read = PlainValues.Int32(body, v, path, 0);
                    result = [.. v.Select(x => (object?)x)];
                    break;
                }
            case PhysicalType.Double:
                {
                    var v = new double[count];
                    read = PlainValues.Double(body, v, path, 0);
                    result = [.. v.Select(x => (object?)x)];
                    break;
                }
            case PhysicalType.ByteArray:
                {
                    var v = new Range[count];
                    read = PlainValues.ByteArray(body, v, path, 0);
                    result = [.. v.Select(r => (object?)System.Text.Encoding.UTF8.GetString(body.AsSpan()[r]))];
                    break;
                }
            default:
                throw new InvalidOperationException($"unexpected type {type}");
        }
        // The page holds exactly the values: no trailing bytes.
        if (exact) Assert.Equal(body.Length, read);
        return result;
    }
}
