using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// The footer and flat schema of every file in ../shared/data/parquet-testing (apache/parquet-testing).
/// None of them is nested or encrypted, so every one must decode; none is refused at this layer.
///
/// Where each expectation comes from:
/// - Row counts, codecs and row-group counts: the table in ../shared/data/README.md (read there from
///   the footers with another tool), for every file.
/// - alltypes_plain / alltypes_dictionary / alltypes_plain.snappy: the well-known Impala all-types
///   schema (id, bool_col, tinyint_col, smallint_col, int_col, bigint_col, float_col, double_col,
///   date_string_col, string_col, timestamp_col; all OPTIONAL, INT96 timestamps, BYTE_ARRAY without a
///   UTF8 annotation), which the README describes. alltypes_tiny_pages adds year and month (parquet-mr
///   writes the INT_8/INT_16 and UTF8 annotations the README mentions).
/// - delta_binary_packed, delta_encoding_optional_column: column names and order from the
///   *_expect.csv headers (the second file's header spells " c_customer_id" with a stray leading
///   space; the file's own column has none) and the types from their .md files ("OPTIONAL INT64",
///   "OPTIONAL BINARY L:STRING").
/// - int32_with_null_pages: schema "optional int32 int32_field" and 275 nulls, from its .md.
/// - The decimal files: DECIMAL(4,2), DECIMAL(10,2), DECIMAL(25,2) (FIXED_LEN_BYTE_ARRAY of 11 bytes,
///   the smallest width holding 25 digits) and DECIMAL(4,2) over BYTE_ARRAY, as the README says.
/// - int96_from_spark: one OPTIONAL INT96 column with one null (README: six values, one null).
/// - page_v2_empty_compressed: one OPTIONAL INT32, all 10 values null (README).
/// - The remaining column names (binary.parquet "foo", byte_stream_split "f32"/"f64", "long_col",
///   "String", "a"/"b", "c0"/"c1"/"v11", "FRUIT", "integer_column", "long_field"/"binary_field")
///   were read by this reader and checked to agree with the README's descriptions of their types,
///   annotations and nullability; they are not independently documented in the folder.
/// </summary>
public sealed class ParquetTestingFilesTests
{
    private static readonly string[] AllTypes =
    [
        "id:Int32:Optional", "bool_col:Boolean:Optional", "tinyint_col:Int32:Optional", "smallint_col:Int32:Optional",
        "int_col:Int32:Optional", "bigint_col:Int64:Optional", "float_col:Float:Optional", "double_col:Double:Optional",
        "date_string_col:ByteArray:Optional", "string_col:ByteArray:Optional", "timestamp_col:Int96:Optional",
    ];

    private static readonly string[] AllTypesTinyPages =
    [
        "id:Int32:Optional", "bool_col:Boolean:Optional", "tinyint_col:Int32:Optional:INTEGER(8,signed)",
        "smallint_col:Int32:Optional:INTEGER(16,signed)", "int_col:Int32:Optional", "bigint_col:Int64:Optional",
        "float_col:Float:Optional", "double_col:Double:Optional", "date_string_col:ByteArray:Optional:STRING",
        "string_col:ByteArray:Optional:STRING", "timestamp_col:Int96:Optional", "year:Int32:Optional", "month:Int32:Optional",
    ];

    /// <summary>File, rows, row groups, codec of every chunk, leaf columns as name:type:repetition[:annotation].</summary>
    public static TheoryData<string, long, int, CompressionCodec, string[]> Files => new()
    {
        { "alltypes_plain.parquet", 8, 1, CompressionCodec.Uncompressed, AllTypes },
        { "alltypes_dictionary.parquet", 2, 1, CompressionCodec.Uncompressed, AllTypes },
        { "alltypes_plain.snappy.parquet", 2, 1, CompressionCodec.Snappy, AllTypes },
        { "alltypes_tiny_pages.parquet", 7300, 1, CompressionCodec.Uncompressed, AllTypesTinyPages },
        { "int96_from_spark.parquet", 6, 1, CompressionCodec.Snappy, ["a:Int96:Optional"] },
        { "data_index_bloom_encoding_stats.parquet", 14, 1, CompressionCodec.Gzip, ["String:ByteArray:Optional:STRING"] },
        { "concatenated_gzip_members.parquet", 513, 1, CompressionCodec.Gzip, ["long_col:Int64:Optional:INTEGER(64,unsigned)"] },
        { "byte_stream_split.zstd.parquet", 300, 1, CompressionCodec.Zstd, ["f32:Float:Optional", "f64:Double:Optional"] },
        { "delta_length_byte_array.parquet", 1000, 1, CompressionCodec.Zstd, ["FRUIT:ByteArray:Optional:STRING"] },
        { "page_v2_empty_compressed.parquet", 10, 1, CompressionCodec.Zstd, ["integer_column:Int32:Optional"] },
        { "int32_with_null_pages.parquet", 1000, 1, CompressionCodec.Uncompressed, ["int32_field:Int32:Optional"] },
        { "delta_encoding_optional_column.parquet", 100, 1, CompressionCodec.Uncompressed, DeltaEncodingOptionalColumn().Split('|') },
        { "delta_binary_packed.parquet", 200, 1, CompressionCodec.Uncompressed,
            [.. Enumerable.Range(0, 65).Select(b => $"bitwidth{b}:Int64:Optional"), "int_value:Int32:Optional"] },
        { "datapage_v1-snappy-compressed-checksum.parquet", 5120, 1, CompressionCodec.Snappy, ["a:Int32:Required", "b:Int32:Required"] },
        { "rle-dict-snappy-checksum.parquet", 1000, 1, CompressionCodec.Snappy, ["long_field:Int64:Required", "binary_field:ByteArray:Required"] },
        { "plain-dict-uncompressed-checksum.parquet", 1000, 1, CompressionCodec.Uncompressed, ["long_field:Int64:Required", "binary_field:ByteArray:Required"] },
        { "sort_columns.parquet", 6, 2, CompressionCodec.Snappy, ["a:Int64:Optional", "b:ByteArray:Optional:STRING"] },
        { "lz4_raw_compressed.parquet", 4, 1, CompressionCodec.Lz4Raw, ["c0:Int64:Required", "c1:ByteArray:Required", "v11:Double:Optional"] },
        { "int32_decimal.parquet", 24, 1, CompressionCodec.Uncompressed, ["value:Int32:Optional:DECIMAL(4,2)"] },
        { "int64_decimal.parquet", 24, 1, CompressionCodec.Uncompressed, ["value:Int64:Optional:DECIMAL(10,2)"] },
        { "fixed_length_decimal.parquet", 24, 1, CompressionCodec.Uncompressed, ["value:FixedLenByteArray(11):Optional:DECIMAL(25,2)"] },
        { "byte_array_decimal.parquet", 24, 1, CompressionCodec.Uncompressed, ["value:ByteArray:Optional:DECIMAL(4,2)"] },
        { "binary.parquet", 12, 1, CompressionCodec.Uncompressed, ["foo:ByteArray:Optional"] },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Footer_matches_the_documented_rows_codec_and_columns(string file, long rows, int rowGroups, CompressionCodec codec, string[] columns)
    {
        var footer = ParquetFooter.Read(SharedData.File("parquet-testing", file));

        Assert.Equal(rows, footer.MetaData.NumRows);
        Assert.Equal(rowGroups, footer.MetaData.RowGroups.Count);
        Assert.Equal(rows, footer.MetaData.RowGroups.Sum(g => g.NumRows));
        Assert.Equal(columns, footer.Schema.Columns.Select(Describe));
        Assert.Empty(footer.Schema.Unsupported);
        foreach (var group in footer.MetaData.RowGroups)
        {
            Assert.Equal(columns.Length, group.Columns.Count);
            for (var i = 0; i < group.Columns.Count; i++)
            {
                var chunk = group.Columns[i].MetaData!;
                Assert.Equal(codec, chunk.Codec);
                Assert.Equal(footer.Schema.Columns[i].Path, chunk.PathInSchema);
                Assert.Equal(footer.Schema.Columns[i].PhysicalType, chunk.Type);
                Assert.Equal(group.NumRows, chunk.NumValues);
            }
        }
    }

    [Fact]
    public void Every_parquet_file_in_the_folder_has_an_expectation()
    {
        var folder = Path.GetDirectoryName(SharedData.File("parquet-testing", "binary.parquet"))!;
        var expected = Files.Select(row => row.Data.Item1).Order(StringComparer.Ordinal);
        var present = Directory.GetFiles(folder, "*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(expected, present);
    }

    [Fact]
    public void Expect_csv_headers_name_the_same_columns()
    {
        foreach (var name in new[] { "delta_binary_packed", "delta_encoding_optional_column" })
        {
            var header = File.ReadLines(SharedData.File("parquet-testing", name + "_expect.csv")).First();
            var names = header.Split(',').Select(n => n.Trim().Trim('"').Trim());
            var footer = ParquetFooter.Read(SharedData.File("parquet-testing", name + ".parquet"));
            Assert.Equal(names, footer.Schema.Columns.Select(c => c.Name));
        }
    }

    [Theory]
    [InlineData("int32_with_null_pages.parquet", 275)]
    [InlineData("page_v2_empty_compressed.parquet", 10)]
    [InlineData("int96_from_spark.parquet", 1)]
    public void Chunk_statistics_count_the_documented_nulls(string file, long nulls)
    {
        var footer = ParquetFooter.Read(SharedData.File("parquet-testing", file));
        Assert.Equal(nulls, footer.MetaData.RowGroups[0].Columns[0].MetaData!.Statistics!.NullCount);
    }

    [Fact]
    public void Optional_columns_have_definition_level_one_and_required_zero()
    {
        var footer = ParquetFooter.Read(SharedData.File("parquet-testing", "lz4_raw_compressed.parquet"));
        Assert.Equal([0, 0, 1], footer.Schema.Columns.Select(c => c.MaxDefinitionLevel));
        Assert.All(footer.Schema.Columns, c => Assert.Equal(0, c.MaxRepetitionLevel));
        Assert.Equal("parquet-cpp version 1.5.1-SNAPSHOT", footer.MetaData.CreatedBy);
    }

    private static string DeltaEncodingOptionalColumn()
    {
        string[] ints = ["c_customer_sk", "c_current_cdemo_sk", "c_current_hdemo_sk", "c_current_addr_sk",
            "c_first_shipto_date_sk", "c_first_sales_date_sk", "c_birth_day", "c_birth_month", "c_birth_year"];
        string[] strings = ["c_customer_id", "c_salutation", "c_first_name", "c_last_name", "c_preferred_cust_flag",
            "c_birth_country", "c_email_address", "c_last_review_date"];
        return string.Join('|', ints.Select(n => n + ":Int64:Optional").Concat(strings.Select(n => n + ":ByteArray:Optional:UTF8")));
    }

    private static string Describe(ParquetColumn c)
    {
        var type = c.PhysicalType == PhysicalType.FixedLenByteArray ? $"{c.PhysicalType}({c.TypeLength})" : c.PhysicalType.ToString();
        var annotation = c.LogicalType switch
        {
            LogicalType.IntegerType i => $"INTEGER({i.BitWidth},{(i.IsSigned ? "signed" : "unsigned")})",
            LogicalType.DecimalType d => $"DECIMAL({d.Precision},{d.Scale})",
            { } other => other.Name,
            null => c.ConvertedType switch
            {
                ConvertedType.Decimal => $"DECIMAL({c.Precision},{c.Scale})",
                { } converted => converted == ConvertedType.Utf8 ? "UTF8" : converted.ToString(),
                null => null,
            },
        };
        return annotation is null ? $"{c.Name}:{type}:{c.Repetition}" : $"{c.Name}:{type}:{c.Repetition}:{annotation}";
    }
}
