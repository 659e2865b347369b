using System.Globalization;
using ClvML.Data.Tables;

namespace ClvML.Tests.Data.ParquetInterop;

/// <summary>
/// Value-by-value comparison of what two readers give for the same file, in one neutral form: null,
/// string, long, the bits of a double (so -0.0 and NaN payloads count), DateOnly, DateTime ticks,
/// decimal, bool. The first disagreement names the column and the row.
/// </summary>
internal static class ParquetAgreement
{
    /// <summary>A ParquetSharp value in the neutral form.</summary>
    public static object? FromParquetSharp(object? value) => value switch
    {
        null => null,
        ParquetSharp.Date date => DateOnly.FromDateTime(date.DateTime),
        DateTime time => time.Ticks,
        ParquetSharp.DateTimeNanos nanos => nanos.Ticks,
        double d => BitConverter.DoubleToInt64Bits(d),
        float f => BitConverter.DoubleToInt64Bits(f),
        int i => (long)i,
        uint u => (long)u,
        short s => (long)s,
        sbyte b => (long)b,
        _ => value,
    };

    /// <summary>Row <paramref name="row"/> of a ClvML table column in the neutral form.</summary>
    public static object? FromTable(TableColumn column, int row) => column.IsNull(row) ? null : column.Kind switch
    {
        TableColumnKind.Text => column.Text![row],
        TableColumnKind.Integer => column.Integers.Span[row],
        TableColumnKind.Real => BitConverter.DoubleToInt64Bits(column.Reals.Span[row]),
        TableColumnKind.Date => column.Dates.Span[row],
        _ => column.Timestamps.Span[row].Ticks,
    };

    /// <summary>Every column of <paramref name="expected"/>, in order, equals the ParquetSharp column of the same name, row by row.</summary>
    public static void SameValues(ColumnTable expected, IReadOnlyList<ParquetSharpColumn> actual)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Select(c => c.Name));
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            var column = expected.Columns[c];
            Assert.Equal(column.HasNulls, actual[c].IsOptional);
            SameValues(column.Name, Enumerable.Range(0, column.Length).Select(i => FromTable(column, i)).ToList(),
                [.. actual[c].Values.Select(FromParquetSharp)]);
        }
    }

    /// <summary>Equal lists, or a failure naming the column, the row and both values.</summary>
    public static void SameValues(string column, IReadOnlyList<object?> expected, IReadOnlyList<object?> actual)
    {
        Assert.True(expected.Count == actual.Count, $"column {column}: {expected.Count} rows expected, {actual.Count} read");
        for (var i = 0; i < expected.Count; i++)
            if (!Equals(expected[i], actual[i]))
                Assert.Fail($"column {column} row {i}: expected {Show(expected[i])}, read {Show(actual[i])}");
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + " (" + value.GetType().Name + ")",
        _ => value.ToString() + " (" + value.GetType().Name + ")",
    };
}
