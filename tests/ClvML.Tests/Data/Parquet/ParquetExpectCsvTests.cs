using System.Globalization;
using ClvML.Data.Parquet;
using ClvML.Data.Tables;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// The two parquet-testing files that ship their expected contents as *_expect.csv, read through
/// <see cref="ParquetFileReader"/> (v2 pages, DELTA_BINARY_PACKED and DELTA_BYTE_ARRAY with nulls),
/// and the same files through <see cref="ParquetFileReader.ReadTable"/>.
/// </summary>
public sealed class ParquetExpectCsvTests
{
    [Fact]
    public void Delta_binary_packed_matches_its_expect_csv()
    {
        var lines = File.ReadAllLines(SharedData.File("parquet-testing", "delta_binary_packed_expect.csv"));
        var expected = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var table = ParquetFileReader.ReadTable(SharedData.File("parquet-testing", "delta_binary_packed.parquet"));
        Assert.Equal(expected.Length, table.RowCount);
        Assert.Equal(lines[0].Split(','), table.Columns.Select(c => c.Name));
        for (var c = 0; c < table.Columns.Count; c++)
        {
            Assert.Equal(TableColumnKind.Integer, table.Columns[c].Kind);
            var values = table.Columns[c].Integers.Span;
            for (var r = 0; r < expected.Length; r++)
                Assert.Equal(long.Parse(expected[r][c], CultureInfo.InvariantCulture), values[r]);
        }
    }

    [Fact]
    public void Delta_encoding_optional_column_matches_its_expect_csv_nulls_included()
    {
        // The CSV writes a null as an empty unquoted field and every value in quotes.
        var lines = File.ReadAllLines(SharedData.File("parquet-testing", "delta_encoding_optional_column_expect.csv"));
        var names = lines[0].Split(',').Select(n => n.Trim('"').Trim()).ToArray();
        var expected = lines.Skip(1).Select(Fields).ToArray();
        using var reader = ParquetFileReader.Open(SharedData.File("parquet-testing", "delta_encoding_optional_column.parquet"));
        var columns = names.Select(reader.Column).ToList();
        var values = reader.ReadRowGroup(0, columns);
        Assert.Equal(expected.Length, values[0].Count);
        var nulls = 0;
        for (var c = 0; c < columns.Count; c++)
            for (var r = 0; r < expected.Length; r++)
            {
                var actual = values[c].IsNull(r) ? null
                    : values[c].Type.Kind == ParquetValueKind.Integer ? values[c].GetInteger(r).ToString(CultureInfo.InvariantCulture) : values[c].GetString(r);
                Assert.True(expected[r][c] == actual, $"{names[c]} row {r + 1}: expected {expected[r][c] ?? "null"}, read {actual ?? "null"}");
                if (actual is null) nulls++;
            }
        Assert.True(nulls > 0);
    }

    /// <summary>Splits a line of the expect CSV: quoted fields may hold commas; an empty unquoted field is null.</summary>
    private static string?[] Fields(string line)
    {
        var fields = new List<string?>();
        var i = 0;
        while (i <= line.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                var end = line.IndexOf('"', i + 1);
                fields.Add(line[(i + 1)..end]);
                i = end + 2;
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                fields.Add(end == i ? null : line[i..end]);
                i = end + 1;
            }
        }
        return [.. fields];
    }

    [Fact]
    public void Read_table_maps_the_kinds_as_documented()
    {
        var table = ParquetFileReader.ReadTable(SharedData.File("parquet-testing", "alltypes_plain.parquet"));
        Assert.Equal("alltypes_plain", table.Name);
        Assert.Equal(8, table.RowCount);
        Assert.Equal(TableColumnKind.Integer, table["id"].Kind);
        Assert.Equal([4L, 5, 6, 7, 2, 3, 0, 1], table["id"].Integers.ToArray());
        Assert.Equal(TableColumnKind.Integer, table["bool_col"].Kind);
        Assert.Equal(TableColumnKind.Real, table["double_col"].Kind);
        Assert.Equal(TableColumnKind.Text, table["string_col"].Kind);
        Assert.Equal(TableColumnKind.Timestamp, table["timestamp_col"].Kind);
        Assert.Equal(new DateTime(2009, 3, 1, 0, 1, 0), table["timestamp_col"].Timestamps.Span[1]);

        var decimals = ParquetFileReader.ReadTable(SharedData.File("parquet-testing", "fixed_length_decimal.parquet"));
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (double)i), decimals["value"].Reals.ToArray());

        // Nulls: an integer column with nulls stays Integer with the missing rows marked; text keeps null.
        var optional = ParquetFileReader.ReadTable(SharedData.File("parquet-testing", "int32_with_null_pages.parquet"));
        Assert.Equal(TableColumnKind.Integer, optional["int32_field"].Kind);
        Assert.Equal(275, optional["int32_field"].Nulls.ToArray().Count(n => n));
        Assert.True(optional["int32_field"].HasNulls);
        var sorted = ParquetFileReader.ReadTable(SharedData.File("parquet-testing", "sort_columns.parquet"));
        Assert.Equal(6, sorted.RowCount);
        Assert.Equal(["a", "b", "c", "a", "b", "c"], sorted["b"].Text!);
    }

    [Fact]
    public void Read_table_refuses_a_timestamp_beyond_year_9999_naming_the_row()
    {
        var error = Assert.Throws<ParquetFormatException>(() => ParquetFileReader.ReadTable(SharedData.File("parquet-testing", "int96_from_spark.parquet")));
        Assert.Contains("unsupported: column a row 6", error.Message);
    }
}
