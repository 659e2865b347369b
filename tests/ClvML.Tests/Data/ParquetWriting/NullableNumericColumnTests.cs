using ClvML.Data.Parquet;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Sqlite;
using ClvML.Data.Tables;
using Microsoft.Data.Sqlite;

namespace ClvML.Tests.Data.ParquetWriting;

/// <summary>
/// Missing numbers, dates and timestamps (<see cref="TableColumn.WithNulls"/>): the column becomes
/// OPTIONAL with definition levels 0 where a value is missing and no value stored for it, its
/// statistics count the nulls and bound the values present, a REQUIRED declaration refuses them,
/// and the numeric dictionaries cover only the values present.
/// </summary>
public sealed class NullableNumericColumnTests(TemporaryFolder folder) : IClassFixture<TemporaryFolder>
{
    [Fact]
    public void Missing_numbers_become_definition_levels_and_the_statistics_count_them()
    {
        var nulls = Enumerable.Range(0, 1000).Select(i => i % 4 == 0).ToArray();
        var values = Enumerable.Range(0, 1000).Select(i => nulls[i] ? 1_000_000L : i % 10).ToArray();
        var column = TableColumn.OfIntegers("visits", values).WithNulls(nulls);
        Assert.True(column.HasNulls);
        Assert.True(column.IsNull(0));
        Assert.False(column.IsNull(1));
        Assert.True(ParquetColumnSpec.For(column).IsOptional);
        var path = folder.File("nullable.parquet");
        ParquetTableWriter.Write(new ColumnTable("t", [column]), path, new ParquetWriterOptions { DataPageSize = 400 });

        var footer = ParquetFooter.Read(path);
        Assert.Equal(FieldRepetitionType.Optional, footer.Schema.Columns[0].Repetition);
        var meta = footer.MetaData.RowGroups[0].Columns[0].MetaData!;
        Assert.Equal(1000, meta.NumValues);
        Assert.Equal(250, meta.Statistics!.NullCount);
        // The placeholder 1,000,000 stored at the missing rows is not a value: the bounds are 0..9.
        Assert.Equal(0L, BitConverter.ToInt64(meta.Statistics.MinValue));
        Assert.Equal(9L, BitConverter.ToInt64(meta.Statistics.MaxValue));
        // Ten distinct values: a dictionary of ten entries, not eleven.
        var chunk = PageLevelReader.Chunks(path, "visits")[0];
        Assert.Equal(10, chunk.Pages[0].Header.DictionaryPageHeader!.NumValues);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => nulls[i] ? null : (object?)(long)(i % 10)), chunk.Values);
        var read = ParquetFileReader.ReadTable(path)["visits"];
        Assert.Equal(nulls, Enumerable.Range(0, 1000).Select(read.IsNull));
    }

    [Fact]
    public void A_null_in_a_column_declared_required_or_a_mask_that_does_not_fit_is_refused()
    {
        var column = TableColumn.OfReals("x", new double[] { 1, 2, 3 }).WithNulls(new[] { false, true, false });
        using var writer = new ParquetFileWriter(folder.File("required.parquet"), [new ParquetColumnSpec("x", TableColumnKind.Real)]);
        var error = Assert.Throws<ArgumentException>(() => writer.WriteRowGroup([column], 0, 3));
        Assert.Contains("'x' has a null at row 1 but is declared REQUIRED", error.Message);
        writer.WriteRowGroup([column], 2, 1); // the row after the null is fine on its own

        Assert.Contains("has 3 values but the null mask has 2", Assert.Throws<ArgumentException>(() =>
            TableColumn.OfReals("x", new double[] { 1, 2, 3 }).WithNulls(new[] { false, true })).Message);
        Assert.Contains("null entries", Assert.Throws<ArgumentException>(() =>
            TableColumn.OfText("t", ["a"]).WithNulls(new[] { true })).Message);
    }

    [Fact]
    public void Sqlite_writes_a_missing_number_as_null_not_the_placeholder()
    {
        var path = folder.File("nullable.db");
        SqliteTableWriter.Write(path, [new ColumnTable("t",
        [
            TableColumn.OfIntegers("i", new long[] { 5, -1, 7 }).WithNulls(new[] { false, true, false }),
            TableColumn.OfDates("d", new[] { new DateOnly(2024, 1, 1), default, default }).WithNulls(new[] { false, true, true }),
        ])]);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT i, d FROM t ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var rows = new List<(object I, object D)>();
        while (reader.Read()) rows.Add((reader.GetValue(0), reader.GetValue(1)));
        Assert.Equal([(5L, "2024-01-01"), (DBNull.Value, DBNull.Value), (7L, DBNull.Value)], rows);
    }
}
