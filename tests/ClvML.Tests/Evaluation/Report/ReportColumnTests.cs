using ClvML.Evaluation.Report;

namespace ClvML.Tests.Evaluation.Report;

/// <summary>Cells are formatted by their column, the same in every writer and on every machine.</summary>
public sealed class ReportColumnTests
{
    [Fact]
    public void Numbers_use_the_column_format_in_the_invariant_culture()
    {
        Assert.Equal("1,234.57", ReportColumn.Number("x", "N2").FormatCell(1234.5678));
        Assert.Equal("12.5%", ReportColumn.Number("x", "P1").FormatCell(0.125));
        Assert.Equal("0.000", ReportColumn.Number("x", "0.000").FormatCell(-0.0001));
        Assert.Equal("1,234", ReportColumn.Number("x").FormatCell(1234));
        Assert.Equal("3.142", ReportColumn.Number("x").FormatCell(Math.PI));
        Assert.Equal("123,457", ReportColumn.Number("x").FormatCell(123456.7));
        Assert.Equal("17", ReportColumn.Number("x", "P1").FormatCell(17)); // a count in a share column stays a count
    }

    [Fact]
    public void Missing_values_read_as_a_dash_not_nan()
    {
        var column = ReportColumn.Number("x", "N2");
        Assert.Equal(ReportColumn.MissingValue, column.FormatCell(double.NaN));
        Assert.Equal(ReportColumn.MissingValue, column.FormatCell(double.NegativeInfinity));
        Assert.Equal("", column.FormatCell(null));
    }

    [Fact]
    public void Other_values_have_one_spelling()
    {
        var column = ReportColumn.Text("x");
        Assert.Equal("1997-10-01", column.FormatCell(new DateOnly(1997, 10, 1)));
        Assert.Equal("1997-10-01 13:05", column.FormatCell(new DateTime(1997, 10, 1, 13, 5, 0)));
        Assert.Equal("yes", column.FormatCell(true));
        Assert.Equal(ColumnAlignment.Right, ReportColumn.Number("n").Alignment);
        Assert.Equal(ColumnAlignment.Left, column.Alignment);
    }

    [Fact]
    public void Rows_must_match_the_columns()
    {
        var table = new ReportTable([ReportColumn.Text("a"), ReportColumn.Text("b")], "Pairs");
        var e = Assert.Throws<ArgumentException>(() => table.AddRow("only one"));
        Assert.Contains("Pairs", e.Message);
        Assert.Throws<ArgumentException>(() => new ReportTable([]));
    }
}
