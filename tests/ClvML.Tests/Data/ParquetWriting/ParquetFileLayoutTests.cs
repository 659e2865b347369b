using ClvML.Data.Parquet;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Tables;

namespace ClvML.Tests.Data.ParquetWriting;

/// <summary>
/// How the writer lays a file out: row groups and pages, dictionary pages and the fall back to
/// PLAIN, the footer fields other readers rely on, and the atomic replacement of the target.
/// </summary>
public sealed class ParquetFileLayoutTests(TemporaryFolder folder) : IClassFixture<TemporaryFolder>
{
    private static readonly string[] Channels = ["organic", "paid_search", "referral"];

    private static ColumnTable Transactions(int rows) => new("tx",
    [
        TableColumn.OfIntegers("customer_id", Enumerable.Range(0, rows).Select(i => (long)i * 7919 % 1000).ToArray()),
        TableColumn.OfDates("date", Enumerable.Range(0, rows).Select(i => new DateOnly(2024, 1, 1).AddDays(i % 700)).ToArray()),
        TableColumn.OfReals("amount", Enumerable.Range(0, rows).Select(i => Math.Round(i * 0.37 % 100, 2)).ToArray()),
        TableColumn.OfText("channel", Enumerable.Range(0, rows).Select(i => i % 7 == 3 ? null : Channels[i % 3]).ToArray()),
    ]);

    [Fact]
    public void Rows_are_split_into_row_groups_and_pages_laid_end_to_end()
    {
        var path = folder.File("groups.parquet");
        var table = Transactions(2500);
        ParquetTableWriter.Write(table, path, new ParquetWriterOptions { RowGroupRows = 1000, DataPageSize = 800 });
        var footer = ParquetFooter.Read(path);
        Assert.Equal(2500, footer.MetaData.NumRows);
        Assert.Equal([1000L, 1000L, 500L], footer.MetaData.RowGroups.Select(g => g.NumRows));
        // The first page follows the leading magic, every chunk starts where the one before ended,
        // and the footer follows the last chunk.
        long expected = 4;
        foreach (var chunk in footer.MetaData.RowGroups.SelectMany(g => g.Columns))
        {
            var meta = chunk.MetaData!;
            Assert.Equal(expected, meta.DictionaryPageOffset ?? meta.DataPageOffset);
            Assert.Equal(meta.DataPageOffset, chunk.FileOffset);
            expected += meta.TotalCompressedSize;
        }
        Assert.Equal(expected, footer.MetaDataOffset);

        // 800-byte pages hold 100 INT64 values or 200 INT32 days.
        var ids = PageLevelReader.Chunks(path, "customer_id");
        Assert.Equal([10, 10, 5], ids.Select(c => c.Pages.Count));
        Assert.All(ids.SelectMany(c => c.Pages), p => Assert.True(p.Header.DataPageHeader!.NumValues <= 100));
        Assert.Equal([5, 5, 3], PageLevelReader.Chunks(path, "date").Select(c => c.Pages.Count));

        Assert.Equal(table["customer_id"].Integers.ToArray(), PageLevelReader.Values(path, "customer_id").Cast<long>());
        Assert.Equal(table["amount"].Reals.ToArray(), PageLevelReader.Values(path, "amount").Cast<double>());
        Assert.Equal(table["channel"].Text!, PageLevelReader.Values(path, "channel").Cast<string?>());
    }

    [Fact]
    public void Repetitive_text_is_dictionary_encoded_and_optional_text_has_definition_levels()
    {
        var path = folder.File("dictionary.parquet");
        var table = Transactions(1000);
        ParquetTableWriter.Write(table, path);
        var (meta, pages, values) = Assert.Single(PageLevelReader.Chunks(path, "channel"));
        Assert.Equal(table["channel"].Text!, values.Cast<string?>());
        Assert.Equal(PageType.DictionaryPage, pages[0].Header.Type);
        Assert.Equal(3, pages[0].Header.DictionaryPageHeader!.NumValues);
        Assert.All(pages.Skip(1), p => Assert.Equal(Encoding.RleDictionary, p.Header.DataPageHeader!.Encoding));
        // PLAIN for the dictionary page, RLE for the definition levels, RLE_DICTIONARY for the indices.
        Assert.Equal([Encoding.Plain, Encoding.Rle, Encoding.RleDictionary], meta.Encodings);
        Assert.True(meta.DictionaryPageOffset < meta.DataPageOffset);
        Assert.Equal(143, meta.Statistics!.NullCount);
        // Three entries need 2 bits per index.
        Assert.Equal(2, pages[1].Body[4 + BitConverter.ToInt32(pages[1].Body)]);
        // A REQUIRED column has no levels and lists no RLE.
        var ids = Assert.Single(PageLevelReader.Chunks(path, "customer_id"));
        Assert.Equal([Encoding.Plain], ids.Meta.Encodings);
        Assert.Null(ids.Meta.DictionaryPageOffset);
    }

    [Fact]
    public void A_dictionary_that_outgrows_its_limit_falls_back_to_plain_for_the_remaining_pages()
    {
        // 600 rows of three values, then 600 distinct ids: the 200-byte dictionary fills up in the
        // ids and the pages from there on are PLAIN.
        string?[] text = [.. Enumerable.Range(0, 600).Select(i => Channels[i % 3]), .. Enumerable.Range(0, 600).Select(i => $"id-{i:D6}")];
        text[5] = null;
        var path = folder.File("fallback.parquet");
        ParquetTableWriter.Write(new ColumnTable("t", [TableColumn.OfText("s", text)]), path,
            new ParquetWriterOptions { DataPageSize = 500, DictionaryPageSizeLimit = 200, Codec = CompressionCodec.Uncompressed });
        var (meta, pages, values) = Assert.Single(PageLevelReader.Chunks(path, "s"));
        Assert.Equal(text, values.Cast<string?>());
        Assert.Equal(PageType.DictionaryPage, pages[0].Header.Type);
        Assert.True(pages[0].Header.UncompressedPageSize <= 200);
        var encodings = pages.Skip(1).Select(p => p.Header.DataPageHeader!.Encoding).ToList();
        var firstPlain = encodings.IndexOf(Encoding.Plain);
        Assert.True(firstPlain > 0, "some pages are dictionary encoded before the fall back");
        Assert.All(encodings[..firstPlain], e => Assert.Equal(Encoding.RleDictionary, e));
        Assert.All(encodings[firstPlain..], e => Assert.Equal(Encoding.Plain, e));
        Assert.Equal([Encoding.Plain, Encoding.Rle, Encoding.RleDictionary], meta.Encodings);
    }

    [Fact]
    public void Distinct_ids_are_written_plain_without_a_dictionary_page()
    {
        var path = folder.File("distinct.parquet");
        string?[] ids = [.. Enumerable.Range(0, 5000).Select(i => $"C{i:D7}")];
        ParquetTableWriter.Write(new ColumnTable("t", [TableColumn.OfText("customer_id", ids)]), path);
        var (meta, pages, values) = Assert.Single(PageLevelReader.Chunks(path, "customer_id"));
        Assert.Null(meta.DictionaryPageOffset);
        Assert.Equal([Encoding.Plain], meta.Encodings);
        Assert.All(pages, p => Assert.Equal(PageType.DataPage, p.Header.Type));
        Assert.Equal(ids, values.Cast<string?>());
        Assert.Equal("C0000000"u8.ToArray(), meta.Statistics!.MinValue);
        Assert.Equal("C0004999"u8.ToArray(), meta.Statistics.MaxValue);
    }

    [Fact]
    public void A_dictionary_chunk_is_laid_out_as_parquet_mr_lays_out_the_reference_file()
    {
        // parquet-testing's rle-dict-snappy-checksum.parquet (parquet-mr 1.13): a REQUIRED INT64 and
        // a REQUIRED BYTE_ARRAY, each a PLAIN dictionary page then RLE_DICTIONARY data pages (v2 there,
        // v1 here). The layout rules the page-level reader checks (offsets at page headers, sizes
        // counting the headers) hold for it, and a ClvML chunk of the same shape has the same conventions.
        var reference = SharedData.File("parquet-testing", "rle-dict-snappy-checksum.parquet");
        var referenceChunk = ParquetFooter.Read(reference).MetaData.RowGroups[0].Columns[1];
        var referencePages = PageLevelReader.Pages(File.ReadAllBytes(reference), reference, referenceChunk.MetaData!);

        var path = folder.File("like-parquet-mr.parquet");
        ParquetTableWriter.Write(new ColumnTable("t", [TableColumn.OfText("binary_field", Enumerable.Range(0, 1000).Select(i => Channels[i % 3]).ToArray())]), path);
        var chunk = ParquetFooter.Read(path).MetaData.RowGroups[0].Columns[0];
        var pages = PageLevelReader.Pages(File.ReadAllBytes(path), path, chunk.MetaData!);
        Assert.Equal(PageType.DataPageV2, referencePages[1].Header.Type);
        Assert.Equal(PageType.DataPage, pages[1].Header.Type);

        foreach (var (c, p) in new[] { (referenceChunk, referencePages), (chunk, pages) })
        {
            Assert.Equal([Encoding.Plain, Encoding.RleDictionary], c.MetaData!.Encodings.Order());
            Assert.Equal(c.MetaData.DataPageOffset, c.FileOffset);
            Assert.Equal((PageType.DictionaryPage, Encoding.Plain), (p[0].Header.Type, p[0].Header.DictionaryPageHeader!.Encoding));
            Assert.All(p.Skip(1), page => Assert.Equal(Encoding.RleDictionary,
                page.Header.DataPageHeader?.Encoding ?? page.Header.DataPageHeaderV2!.Encoding));
        }
    }

    [Fact]
    public void The_footer_carries_column_orders_row_group_offsets_and_encoding_stats()
    {
        var path = folder.File("footer.parquet");
        ParquetTableWriter.Write(Transactions(100), path);
        var footer = ParquetFooter.Read(path);
        var bytes = File.ReadAllBytes(path);
        var reader = new ThriftCompactReader(bytes, (int)footer.MetaDataOffset, footer.MetaDataLength, path, footer.MetaDataOffset);
        var fields = FooterFields.Read(reader);
        // column_orders (field 7): one TypeDefinedOrder (union member 1, an empty struct) per leaf.
        Assert.Equal(4, fields.ColumnOrders);
        Assert.Equal(4, fields.TypeDefinedOrders);
        // RowGroup.file_offset (5) is the first page, total_compressed_size (6) the chunks' sum, ordinal (7) 0.
        var group = footer.MetaData.RowGroups[0];
        Assert.Equal([4L], fields.RowGroupFileOffsets);
        Assert.Equal([group.Columns.Sum(c => c.MetaData!.TotalCompressedSize)], fields.RowGroupCompressedSizes);
        Assert.Equal([(short)0], fields.RowGroupOrdinals);
        // encoding_stats (13) for the channel chunk: one dictionary page PLAIN, one data page RLE_DICTIONARY.
        Assert.Equal([(PageType.DictionaryPage, Encoding.Plain, 1), (PageType.DataPage, Encoding.RleDictionary, 1)], fields.EncodingStats[3]);
        Assert.Equal([(PageType.DataPage, Encoding.Plain, 1)], fields.EncodingStats[0]);
    }

    [Fact]
    public void An_unfinished_file_leaves_the_target_untouched_and_no_temporary_file()
    {
        var path = folder.File("atomic.parquet");
        File.WriteAllText(path, "previous");
        var table = Transactions(10);
        using (var writer = new ParquetFileWriter(path, table.Columns.Select(ParquetColumnSpec.For).ToList()))
            writer.WriteRowGroup(table.Columns, 0, 10);
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path, "*atomic*"));
        ParquetTableWriter.Write(table, path);
        Assert.Equal(10, ParquetFooter.Read(path).MetaData.NumRows);
        Assert.Equal([path], Directory.GetFiles(folder.Path, "*atomic*"));
    }

    [Fact]
    public void Bad_options_and_a_null_in_a_required_column_are_refused_by_name()
    {
        var table = Transactions(10);
        var specs = table.Columns.Select(ParquetColumnSpec.For).ToList();
        var error = Assert.Throws<ArgumentException>(() => new ParquetFileWriter(folder.File("x.parquet"), specs, new ParquetWriterOptions { RowGroupRows = 0 }));
        Assert.Contains("RowGroupRows", error.Message);
        error = Assert.Throws<ArgumentException>(() => new ParquetFileWriter(folder.File("x.parquet"), specs, new ParquetWriterOptions { Codec = CompressionCodec.Lzo }));
        Assert.Contains("Codec", error.Message);
        var required = specs.Select(s => s with { IsOptional = false }).ToList();
        using var writer = new ParquetFileWriter(folder.File("required.parquet"), required);
        error = Assert.Throws<ArgumentException>(() => writer.WriteRowGroup(table.Columns, 0, 10));
        Assert.Contains("'channel' has a null at row 3", error.Message);
    }
}
