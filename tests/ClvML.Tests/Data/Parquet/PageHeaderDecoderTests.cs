using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// Page headers of the parquet-testing files, walked from each chunk's first page: headers chain
/// exactly (header bytes + compressed_page_size reach the next page and, in total, the chunk's
/// total_compressed_size) and the data pages' value counts add up to the chunk's num_values.
/// Page kinds, CRCs and level encodings are the ones ../shared/data/README.md lists.
/// </summary>
public sealed class PageHeaderDecoderTests
{
    internal sealed record Page(long Offset, int HeaderLength, PageHeader Header);

    internal static List<Page> Pages(string file, byte[] bytes, ColumnMetaData chunk)
    {
        var start = chunk.DictionaryPageOffset is > 0 and var d && d < chunk.DataPageOffset ? d : chunk.DataPageOffset;
        var pages = new List<Page>();
        var offset = start;
        while (offset < start + chunk.TotalCompressedSize)
        {
            var reader = new ThriftCompactReader(bytes, (int)offset, bytes.Length - (int)offset, file, offset);
            var header = PageHeaderDecoder.Read(reader);
            pages.Add(new Page(offset, reader.BytesRead, header));
            offset += reader.BytesRead + header.CompressedPageSize;
        }
        Assert.Equal(start + chunk.TotalCompressedSize, offset);
        return pages;
    }

    private static (byte[] Bytes, FileMetaData MetaData, string Path) Open(string file)
    {
        var path = SharedData.File("parquet-testing", file);
        return (File.ReadAllBytes(path), ParquetFooter.Read(path).MetaData, path);
    }

    public static TheoryData<string> AllFiles => new(ParquetTestingFilesTests.Files.Select(row => row.Data.Item1));

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Pages_chain_and_count_the_chunk_values(string file)
    {
        var (bytes, metaData, path) = Open(file);
        foreach (var chunk in metaData.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!))
        {
            var pages = Pages(path, bytes, chunk);
            var values = pages.Sum(p => (long)(p.Header.DataPageHeader?.NumValues ?? p.Header.DataPageHeaderV2?.NumValues ?? 0));
            Assert.Equal(chunk.NumValues, values);
            Assert.All(pages.Skip(1), p => Assert.NotEqual(PageType.DictionaryPage, p.Header.Type));
        }
    }

    [Fact]
    public void Alltypes_plain_has_a_dictionary_page_then_a_v1_data_page()
    {
        var (bytes, metaData, path) = Open("alltypes_plain.parquet");
        var pages = Pages(path, bytes, metaData.RowGroups[0].Columns[0].MetaData!);
        Assert.Equal([PageType.DictionaryPage, PageType.DataPage], pages.Select(p => p.Header.Type));
        Assert.Equal(8, pages[0].Header.DictionaryPageHeader!.NumValues);
        var data = pages[1].Header.DataPageHeader!;
        Assert.Equal(8, data.NumValues);
        Assert.Equal(Encoding.PlainDictionary, data.Encoding);
        Assert.Equal(Encoding.Rle, data.DefinitionLevelEncoding);
        Assert.Equal(49, pages[1].Offset);
    }

    [Fact]
    public void Concatenated_gzip_members_is_one_v2_page()
    {
        var (bytes, metaData, path) = Open("concatenated_gzip_members.parquet");
        var page = Assert.Single(Pages(path, bytes, metaData.RowGroups[0].Columns[0].MetaData!)).Header;
        Assert.Equal(PageType.DataPageV2, page.Type);
        var v2 = page.DataPageHeaderV2!;
        Assert.Equal(513, v2.NumValues);
        Assert.Equal(513, v2.NumRows);
        Assert.Equal(Encoding.Plain, v2.Encoding);
        Assert.Equal(0, v2.RepetitionLevelsByteLength);
    }

    [Fact]
    public void Page_v2_empty_compressed_is_all_nulls()
    {
        var (bytes, metaData, path) = Open("page_v2_empty_compressed.parquet");
        var pages = Pages(path, bytes, metaData.RowGroups[0].Columns[0].MetaData!);
        Assert.Equal([PageType.DictionaryPage, PageType.DataPageV2], pages.Select(p => p.Header.Type));
        var v2 = pages[1].Header.DataPageHeaderV2!;
        Assert.Equal(10, v2.NumNulls);
        Assert.Equal(10, v2.NumValues);
        Assert.Equal(Encoding.RleDictionary, v2.Encoding);
    }

    /// <summary>
    /// The README lists a page CRC for these files. In rle-dict-snappy-checksum only the dictionary
    /// pages carry one: its DATA_PAGE_V2 headers have no field 4 (checked in the raw bytes at offset 33:
    /// 15 06 15 06 15 0a 5c, i.e. type, sizes, then field 8), so the expectation is per page type.
    /// </summary>
    [Theory]
    [InlineData("datapage_v1-snappy-compressed-checksum.parquet", true)]
    [InlineData("plain-dict-uncompressed-checksum.parquet", true)]
    [InlineData("rle-dict-snappy-checksum.parquet", false)]
    public void Checksum_files_carry_a_crc_on_v1_and_dictionary_pages(string file, bool v2PagesHaveCrc)
    {
        var (bytes, metaData, path) = Open(file);
        foreach (var chunk in metaData.RowGroups[0].Columns)
            foreach (var page in Pages(path, bytes, chunk.MetaData!))
                Assert.True((page.Header.Crc is not null) == (page.Header.Type != PageType.DataPageV2 || v2PagesHaveCrc),
                    $"{page.Header.Type} at {page.Offset}: crc {page.Header.Crc}");
    }

    [Fact]
    public void Plain_dict_uncompressed_declares_bit_packed_levels()
    {
        var (bytes, metaData, path) = Open("plain-dict-uncompressed-checksum.parquet");
        var data = Pages(path, bytes, metaData.RowGroups[0].Columns[0].MetaData!).Select(p => p.Header.DataPageHeader).OfType<DataPageHeader>();
        Assert.All(data, d => Assert.Equal(Encoding.BitPacked, d.DefinitionLevelEncoding));
    }

    [Fact]
    public void Int32_with_null_pages_has_ten_v1_pages()
    {
        var (bytes, metaData, path) = Open("int32_with_null_pages.parquet");
        var pages = Pages(path, bytes, metaData.RowGroups[0].Columns[0].MetaData!);
        Assert.Equal(10, pages.Count);
        Assert.All(pages, p => Assert.Equal(PageType.DataPage, p.Header.Type));
    }

    [Fact]
    public void A_data_page_header_without_its_data_page_header_is_refused()
    {
        // type DATA_PAGE, sizes 0 and 0, no field 5.
        var error = Assert.Throws<ParquetFormatException>(() => PageHeaderDecoder.Read(new ThriftCompactReader([0x15, 0x00, 0x15, 0x00, 0x15, 0x00, 0x00], "p.parquet")));
        Assert.Equal("p.parquet: byte 0: DataPage page header is missing its 'data_page_header'", error.Message);
    }

    /// <summary>
    /// Seeded bit flips and byte overwrites in each chunk's first page header: every mutant decodes or
    /// is refused with a ParquetFormatException naming the file.
    /// </summary>
    [Fact]
    public void Mutated_page_headers_decode_or_are_refused()
    {
        var random = new Random(7);
        var mutants = 0;
        foreach (var file in ParquetTestingFilesTests.Files.Select(row => row.Data.Item1))
        {
            var (original, metaData, path) = Open(file);
            foreach (var chunk in metaData.RowGroups.SelectMany(g => g.Columns).Select(c => c.MetaData!).Take(4))
            {
                var offset = (int)(chunk.DictionaryPageOffset is > 0 and var d && d < chunk.DataPageOffset ? d : chunk.DataPageOffset);
                var headerLength = Pages(path, original, chunk)[0].HeaderLength;
                for (var i = 0; i < 200; i++, mutants++)
                {
                    var bytes = (byte[])original.Clone();
                    for (var f = random.Next(1, 4); f > 0; f--)
                    {
                        var at = offset + random.Next(headerLength);
                        if (random.Next(3) == 0) bytes[at] = (byte)random.Next(256);
                        else bytes[at] ^= (byte)(1 << random.Next(8));
                    }
                    // Also cut the buffer short sometimes, as a truncated file would.
                    var length = random.Next(4) == 0 ? random.Next(headerLength) : bytes.Length - offset;
                    try
                    {
                        PageHeaderDecoder.Read(new ThriftCompactReader(bytes, offset, length, path, offset));
                    }
                    catch (ParquetFormatException error)
                    {
                        Assert.StartsWith(path + ": byte ", error.Message);
                    }
                }
            }
        }
        Assert.True(mutants >= 10_000, $"{mutants} mutants");
    }
}
