using ClvML.Data.Tables;

namespace ClvML.Tests.Data.RoundTrip;

/// <summary>
/// Column-by-column equality of two tables: names, kinds, which rows are missing and every value
/// that is not (doubles bit for bit; what a missing row stores is not compared).
/// </summary>
internal static class ColumnTableAssert
{
    public static void Identical(ColumnTable expected, ColumnTable actual)
    {
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Kind)), actual.Columns.Select(c => (c.Name, c.Kind)));
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            var (e, a) = (expected.Columns[c], actual.Columns[c]);
            Assert.Equal(Enumerable.Range(0, e.Length).Select(e.IsNull), Enumerable.Range(0, a.Length).Select(a.IsNull));
            switch (e.Kind)
            {
                case TableColumnKind.Text:
                    Assert.Equal(e.Text!, a.Text!);
                    break;
                case TableColumnKind.Integer:
                    Assert.Equal(Present(e, e.Integers), Present(a, a.Integers));
                    break;
                case TableColumnKind.Real:
                    // Bit patterns, so -0.0 and NaN payloads count too.
                    Assert.Equal(Present(e, e.Reals).Select(BitConverter.DoubleToInt64Bits), Present(a, a.Reals).Select(BitConverter.DoubleToInt64Bits));
                    break;
                case TableColumnKind.Date:
                    Assert.Equal(Present(e, e.Dates), Present(a, a.Dates));
                    break;
                default:
                    Assert.Equal(Present(e, e.Timestamps), Present(a, a.Timestamps));
                    break;
            }
        }
    }

    private static T[] Present<T>(TableColumn column, ReadOnlyMemory<T> values) =>
        [.. values.ToArray().Where((_, i) => !column.IsNull(i))];
}
