using System.Data.Common;
using System.Globalization;
using ClvML.Data.Tables;

namespace ClvML.Tests.Data.Sqlite;

/// <summary>Checks a table read back from a database against the in-memory <see cref="ColumnTable"/> it was written from, value by value.</summary>
internal static class TableReadBack
{
    /// <summary>
    /// Reads every row of <paramref name="reader"/> and asserts it holds exactly the rows of
    /// <paramref name="expected"/>, matched on the first column: the same column names and order,
    /// equal text, integers and dates, and doubles equal bit for bit.
    /// </summary>
    public static void AssertSame(ColumnTable expected, DbDataReader reader)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < expected.RowCount; i++) rowOf[Key(expected.Columns[0], i)] = i;
        var seen = 0;
        while (reader.Read())
        {
            var row = rowOf[KeyOf(reader, expected.Columns[0])];
            for (var c = 0; c < expected.Columns.Count; c++)
            {
                var column = expected.Columns[c];
                switch (column.Kind)
                {
                    case TableColumnKind.Text:
                        Assert.Equal(column.Text![row], reader.IsDBNull(c) ? null : reader.GetString(c));
                        break;
                    case TableColumnKind.Integer:
                        Assert.Equal(column.Integers.Span[row], reader.GetInt64(c));
                        break;
                    case TableColumnKind.Real:
                        var want = column.Reals.Span[row];
                        var got = reader.GetDouble(c);
                        if (BitConverter.DoubleToInt64Bits(want) != BitConverter.DoubleToInt64Bits(got))
                            Assert.Fail($"{column.Name} row {row}: wrote {want:R}, read {got:R}");
                        break;
                    default:
                        var date = reader.GetValue(c) switch
                        {
                            string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                            DateTime t => DateOnly.FromDateTime(t),
                            DateOnly d => d,
                            var other => throw new InvalidOperationException($"{column.Name}: a date read back as {other.GetType().Name}"),
                        };
                        Assert.Equal(column.Dates.Span[row], date);
                        break;
                }
            }
            seen++;
        }
        Assert.Equal(expected.RowCount, seen);
    }

    private static string Key(TableColumn column, int row) => column.Kind == TableColumnKind.Text ? column.Text![row]!
        : column.Integers.Span[row].ToString(CultureInfo.InvariantCulture);

    private static string KeyOf(DbDataReader reader, TableColumn column) => column.Kind == TableColumnKind.Text ? reader.GetString(0)
        : reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
}
