using ClvML.Data.Tables;

namespace ClvML.Tests.Data.RoundTrip;

/// <summary>Column-by-column equality of two tables: names, kinds and every value (doubles bit for bit).</summary>
internal static class ColumnTableAssert
{
    public static void Identical(ColumnTable expected, ColumnTable actual)
    {
        Assert.Equal(expected.Columns.Select(c => (c.Name, c.Kind)), actual.Columns.Select(c => (c.Name, c.Kind)));
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var c = 0; c < expected.Columns.Count; c++)
        {
            var (e, a) = (expected.Columns[c], actual.Columns[c]);
            switch (e.Kind)
            {
                case TableColumnKind.Text:
                    Assert.Equal(e.Text!, a.Text!);
                    break;
                case TableColumnKind.Integer:
                    Assert.Equal(e.Integers.ToArray(), a.Integers.ToArray());
                    break;
                case TableColumnKind.Real:
                    // Bit patterns, so -0.0 and NaN payloads count too.
                    Assert.Equal(e.Reals.ToArray().Select(BitConverter.DoubleToInt64Bits), a.Reals.ToArray().Select(BitConverter.DoubleToInt64Bits));
                    break;
                case TableColumnKind.Date:
                    Assert.Equal(e.Dates.ToArray(), a.Dates.ToArray());
                    break;
                default:
                    Assert.Equal(e.Timestamps.ToArray(), a.Timestamps.ToArray());
                    break;
            }
        }
    }
}
