using System.Globalization;
using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// The values of every file in ../shared/data/parquet-testing, read through <see cref="ParquetFileReader"/>.
/// Where each expectation comes from is said beside it: the folder's README and .md files, the
/// Impala "alltypes" test table these files were cut from (id i holds i % 2 or i % 10 in its number
/// columns), numpy's standard normals for seed 0, or the file's own footer (see
/// <see cref="ParquetStatisticsAgreementTests"/> for min/max/null counts of every column). The two
/// *_expect.csv files are compared in <see cref="ParquetExpectCsvTests"/>.
/// </summary>
public sealed class ParquetFileReaderTests
{
    internal static ParquetColumnValues Column(string file, string column, int rowGroup = 0)
    {
        using var reader = ParquetFileReader.Open(SharedData.File("parquet-testing", file));
        return reader.ReadRowGroup(rowGroup, [reader.Column(column)])[0];
    }

    private static T[] Rows<T>(ParquetColumnValues values, Func<ParquetColumnValues, int, T> read) =>
        [.. Enumerable.Range(0, values.Count).Select(i => read(values, i))];

    private static DateTime At(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public void Alltypes_plain_holds_the_eight_impala_rows_with_int96_timestamps()
    {
        // Impala's alltypes table: rows of March, April, February, January 2009 in that order; id i has
        // bool i % 2 == 0, tinyint/smallint/int i % 2, bigint 10 (i % 2), float 1.1 (i % 2), double 10.1 (i % 2),
        // string_col "i % 2", date_string_col MM/01/09 and timestamp_col 2009-MM-01 00:0(i % 2).
        int[] ids = [4, 5, 6, 7, 2, 3, 0, 1];
        Assert.Equal(ids, Rows(Column("alltypes_plain.parquet", "id"), (v, i) => (int)v.GetInteger(i)));
        Assert.Equal(ids.Select(i => i % 2 == 0), Rows(Column("alltypes_plain.parquet", "bool_col"), (v, i) => v.Booleans![i]));
        foreach (var name in (string[])["tinyint_col", "smallint_col", "int_col"])
            Assert.Equal(ids.Select(i => (long)(i % 2)), Rows(Column("alltypes_plain.parquet", name), (v, i) => v.GetInteger(i)));
        Assert.Equal(ids.Select(i => 10L * (i % 2)), Rows(Column("alltypes_plain.parquet", "bigint_col"), (v, i) => v.GetInteger(i)));
        Assert.Equal(ids.Select(i => 1.1f * (i % 2)), Rows(Column("alltypes_plain.parquet", "float_col"), (v, i) => v.Floats![i]));
        Assert.Equal(ids.Select(i => 10.1 * (i % 2)), Rows(Column("alltypes_plain.parquet", "double_col"), (v, i) => v.GetReal(i)));
        Assert.Equal(ids.Select(i => (i % 2).ToString(CultureInfo.InvariantCulture)), Rows(Column("alltypes_plain.parquet", "string_col"), (v, i) => v.GetString(i)));
        Assert.Equal(["03/01/09", "03/01/09", "04/01/09", "04/01/09", "02/01/09", "02/01/09", "01/01/09", "01/01/09"],
            Rows(Column("alltypes_plain.parquet", "date_string_col"), (v, i) => v.GetString(i)));
        Assert.Equal([At("2009-03-01 00:00"), At("2009-03-01 00:01"), At("2009-04-01 00:00"), At("2009-04-01 00:01"),
                At("2009-02-01 00:00"), At("2009-02-01 00:01"), At("2009-01-01 00:00"), At("2009-01-01 00:01")],
            Rows(Column("alltypes_plain.parquet", "timestamp_col"), (v, i) => v.GetDateTime(i)));
    }

    [Theory]
    [InlineData("alltypes_dictionary.parquet", new[] { 0, 1 }, "2009-01-01")]
    [InlineData("alltypes_plain.snappy.parquet", new[] { 6, 7 }, "2009-04-01")]
    public void Two_row_alltypes_files_hold_their_impala_rows(string file, int[] ids, string day)
    {
        Assert.Equal(ids, Rows(Column(file, "id"), (v, i) => (int)v.GetInteger(i)));
        Assert.Equal(ids.Select(i => 10.1 * (i % 2)), Rows(Column(file, "double_col"), (v, i) => v.GetReal(i)));
        Assert.Equal([At(day + " 00:00"), At(day + " 00:01")], Rows(Column(file, "timestamp_col"), (v, i) => v.GetDateTime(i)));
        Assert.False(Column(file, "string_col").HasNulls);
    }

    [Fact]
    public void Alltypes_tiny_pages_satisfies_the_impala_table_invariants_across_its_many_pages()
    {
        // The full alltypes table: ids 0..7299 once each; number columns follow id % 10; year and month
        // agree with the date string, and the timestamp lies on that date or the day before (Impala stored
        // local times shifted to UTC, so late-evening rows cross midnight).
        var id = Rows(Column("alltypes_tiny_pages.parquet", "id"), (v, i) => (int)v.GetInteger(i));
        Assert.Equal(Enumerable.Range(0, 7300), id.Order());
        Assert.Equal(id.Select(i => (long)(i % 10)), Rows(Column("alltypes_tiny_pages.parquet", "tinyint_col"), (v, i) => v.GetInteger(i)));
        Assert.Equal(id.Select(i => 10L * (i % 10)), Rows(Column("alltypes_tiny_pages.parquet", "bigint_col"), (v, i) => v.GetInteger(i)));
        Assert.Equal(id.Select(i => 10.1 * (i % 10)), Rows(Column("alltypes_tiny_pages.parquet", "double_col"), (v, i) => v.GetReal(i)));
        Assert.Equal(id.Select(i => i % 2 == 0), Rows(Column("alltypes_tiny_pages.parquet", "bool_col"), (v, i) => v.Booleans![i]));
        Assert.Equal(id.Select(i => (i % 10).ToString(CultureInfo.InvariantCulture)), Rows(Column("alltypes_tiny_pages.parquet", "string_col"), (v, i) => v.GetString(i)));
        var when = Rows(Column("alltypes_tiny_pages.parquet", "timestamp_col"), (v, i) => v.GetDateTime(i));
        var dates = Rows(Column("alltypes_tiny_pages.parquet", "date_string_col"), (v, i) => DateTime.ParseExact(v.GetString(i), "MM/dd/yy", CultureInfo.InvariantCulture));
        Assert.All(when.Zip(dates), p => Assert.InRange((p.Second - p.First.Date).TotalDays, 0, 1));
        Assert.Equal(dates.Select(t => (long)t.Year), Rows(Column("alltypes_tiny_pages.parquet", "year"), (v, i) => v.GetInteger(i)));
        Assert.Equal(dates.Select(t => (long)t.Month), Rows(Column("alltypes_tiny_pages.parquet", "month"), (v, i) => v.GetInteger(i)));
    }

    [Fact]
    public void Int96_from_spark_gives_the_readme_microseconds_and_refuses_the_value_beyond_year_9999()
    {
        var a = Column("int96_from_spark.parquet", "a");
        long[] micros = [1704141296123456, 1704070800000000, 253402225200000000, 1735599600000000];
        for (var i = 0; i < micros.Length; i++)
        {
            Assert.Equal(micros[i], (long)(a.GetEpochNanoseconds(i) / 1000));
            Assert.Equal(DateTime.UnixEpoch.AddTicks(micros[i] * 10), DateTime.SpecifyKind(a.GetDateTime(i), DateTimeKind.Utc));
        }
        Assert.True(a.IsNull(4));
        // The README's last value, 9089380393200000000 us, is what 64-bit microsecond arithmetic gives for the
        // stored Julian day and nanoseconds after it wraps: the same bits. The true instant is outside DateTime.
        var nanos = a.GetEpochNanoseconds(5);
        Assert.Equal(9089380393200000000, unchecked((long)(ulong)(UInt128)(nanos / 1000 + (Int128.One << 64) * 1024)));
        Assert.False(a.TryGetDateTime(5, out _));
        var error = Assert.Throws<ParquetFormatException>(() => a.GetDateTime(5));
        Assert.StartsWith("unsupported: column a row 6", error.Problem);
    }

    [Fact]
    public void Data_index_bloom_encoding_stats_holds_fourteen_strings_without_nulls()
    {
        var values = Column("data_index_bloom_encoding_stats.parquet", "String");
        Assert.Equal(14, values.Count);
        Assert.False(values.HasNulls);
        Assert.Equal(["Hello", "This is", "a", "test"], Rows(values, (v, i) => v.GetString(i)).Take(4));
    }

    [Fact]
    public void Concatenated_gzip_members_holds_1_to_513()
    {
        Assert.Equal(Enumerable.Range(1, 513).Select(i => (long)i), Rows(Column("concatenated_gzip_members.parquet", "long_col"), (v, i) => v.GetInteger(i)));
    }

    [Fact]
    public void Byte_stream_split_floats_are_numpy_seed_0_standard_normals()
    {
        // numpy.random.seed(0); numpy.random.randn(): the first six draws.
        double[] draws = [1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675, -0.977277879876411];
        var f32 = Column("byte_stream_split.zstd.parquet", "f32");
        Assert.Equal(draws.Select(d => (float)d), Rows(f32, (v, i) => v.Floats![i]).Take(6));
        var f64 = Rows(Column("byte_stream_split.zstd.parquet", "f64"), (v, i) => v.GetReal(i));
        Assert.Equal(300, f64.Length);
        Assert.InRange(f64.Average(), -0.3, 0.3);
    }

    [Fact]
    public void Delta_length_byte_array_holds_fruit_names_numbered_by_squares()
    {
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => "apple_banana_mango" + (i * i).ToString(CultureInfo.InvariantCulture)),
            Rows(Column("delta_length_byte_array.parquet", "FRUIT"), (v, i) => v.GetString(i)));
    }

    [Fact]
    public void Page_v2_empty_compressed_is_ten_nulls()
    {
        var values = Column("page_v2_empty_compressed.parquet", "integer_column");
        Assert.Equal(10, values.Count);
        Assert.All(Enumerable.Range(0, 10), i => Assert.True(values.IsNull(i)));
    }

    [Fact]
    public void Int32_with_null_pages_has_275_nulls_over_1000_rows()
    {
        var values = Column("int32_with_null_pages.parquet", "int32_field");
        Assert.Equal(1000, values.Count);
        Assert.Equal(275, Enumerable.Range(0, 1000).Count(values.IsNull));
    }

    [Fact]
    public void Datapage_v1_checksum_file_holds_two_required_int32_columns_of_5120_rows()
    {
        // The README gives the shape; ParquetStatisticsAgreementTests checks the values against the footer's min/max.
        foreach (var name in (string[])["a", "b"])
        {
            var values = Column("datapage_v1-snappy-compressed-checksum.parquet", name);
            Assert.Equal(5120, values.Count);
            Assert.False(values.HasNulls);
        }
    }

    [Theory]
    [InlineData("rle-dict-snappy-checksum.parquet")]
    [InlineData("plain-dict-uncompressed-checksum.parquet")]
    public void Dictionary_checksum_files_hold_1000_required_rows(string file)
    {
        var longs = Column(file, "long_field");
        var text = Column(file, "binary_field");
        Assert.Equal(1000, longs.Count);
        Assert.False(longs.HasNulls || text.HasNulls);
        Assert.All(Rows(text, (v, i) => v.GetString(i)), s => Assert.True(Guid.TryParse(s, out _)));
    }

    [Fact]
    public void Sort_columns_has_two_row_groups_with_a_null_first()
    {
        for (var group = 0; group < 2; group++)
        {
            var a = Column("sort_columns.parquet", "a", group);
            Assert.True(a.IsNull(0));
            Assert.Equal([2L, 1L], new[] { a.GetInteger(1), a.GetInteger(2) });
            Assert.Equal(["a", "b", "c"], Rows(Column("sort_columns.parquet", "b", group), (v, i) => v.GetString(i)));
        }
    }

    [Fact]
    public void Lz4_raw_compressed_holds_its_four_rows()
    {
        Assert.Equal([1593604800L, 1593604800, 1593604801, 1593604801], Rows(Column("lz4_raw_compressed.parquet", "c0"), (v, i) => v.GetInteger(i)));
        Assert.Equal(["abc", "def", "abc", "def"], Rows(Column("lz4_raw_compressed.parquet", "c1"), (v, i) => v.GetString(i)));
        Assert.Equal([42.0, 7.7, 42.125, 7.7], Rows(Column("lz4_raw_compressed.parquet", "v11"), (v, i) => v.GetReal(i)));
    }

    [Theory]
    [InlineData("int32_decimal.parquet")]
    [InlineData("int64_decimal.parquet")]
    [InlineData("fixed_length_decimal.parquet")]
    [InlineData("byte_array_decimal.parquet")]
    public void Decimal_files_hold_1_00_to_24_00_exactly(string file)
    {
        var values = Column(file, "value");
        Assert.Equal(ParquetValueKind.Decimal, values.Type.Kind);
        Assert.Equal(Enumerable.Range(1, 24).Select(i => i + 0.00m), Rows(values, (v, i) => v.GetDecimal(i)));
        Assert.Equal(Enumerable.Range(1, 24).Select(i => "" + i + ".00"), Rows(values, (v, i) => v.GetDecimal(i).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (double)i), Rows(values, (v, i) => v.GetReal(i)));
    }

    [Fact]
    public void Binary_holds_the_bytes_0_to_11()
    {
        var values = Column("binary.parquet", "foo");
        Assert.Equal(ParquetValueKind.Binary, values.Type.Kind);
        Assert.Equal(Enumerable.Range(0, 12).Select(b => new[] { (byte)b }), Rows(values, (v, i) => v.GetBytes(i).ToArray()));
    }
}
