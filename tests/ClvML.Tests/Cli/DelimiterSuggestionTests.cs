namespace ClvML.Tests.Cli;

/// <summary>
/// A file separated by ';', tabs or '|' read with the default comma is one column: the error says
/// which delimiter splits it into the mapped columns and the exact YAML line to write, and that
/// line, written under data:, reads it.
/// </summary>
public sealed class DelimiterSuggestionTests
{
    [Theory]
    [InlineData(";", "';'", "delimiter: \";\"")]
    [InlineData("\t", "tabs", "delimiter: \"\\t\"")]
    [InlineData("|", "'|'", "delimiter: \"|\"")]
    public void A_header_that_splits_at_another_delimiter_names_the_yaml_that_reads_it(string delimiter, string name, string yaml)
    {
        using var run = new CliRun();
        run.Write("tx.csv", string.Join(delimiter, "customer_id", "date", "amount") + "\n"
            + string.Join(delimiter, "c1", "2024-01-01", "5.00") + "\n" + string.Join(delimiter, "\"c;2\"", "2024-01-02", "6.00") + "\n");
        Assert.Equal(2, run.Features("tx.csv"));
        Assert.Contains($"The header splits into the mapped columns at {name}: write  {yaml}  under data: in the config.", run.Stderr);

        Assert.True(run.Features("tx.csv", yaml) == 0, run.Stderr);
        Assert.Contains("rows read 2 = accepted 2 + rejected 0", run.Stdout);
    }

    [Fact]
    public void A_header_that_fits_no_delimiter_gets_the_general_advice()
    {
        using var run = new CliRun();
        run.Write("tx.csv", "id;day;value\nc1;2024-01-01;5\n");
        Assert.Equal(2, run.Features("tx.csv"));
        Assert.Contains("Fix data.columns in the config (or data.delimiter if the header looks like one column).", run.Stderr);
    }

    [Fact]
    public void Rows_without_a_header_that_split_at_another_delimiter_name_it_in_the_error_and_the_rejects()
    {
        using var run = new CliRun();
        run.Write("tx.txt", "c1;2024-01-01;5.00\nc2;2024-01-02;6.00\nc3;2024-01-03;7.00\n");
        const string names = "header: false\ncolumn_names: [customer_id, date, amount]";
        Assert.Equal(2, run.Features("tx.txt", names));
        Assert.Contains("most rows were rejected as wrong_field_count (3 of 3 rows); line 1 splits into the 3 columns at ';': write  delimiter: \";\"  under data: in the config.", run.Stderr);

        // Whitespace-separated (CDNOW_sample.txt style) with the default comma: half the rows are enough for the warning.
        run.Write("tx.txt", "c1  2024-01-01  5.00\nc2 2024-01-02 6.00\nc3,2024-01-03,7.00\n");
        Assert.Equal(0, run.Features("tx.txt", names));
        Assert.Contains("rows read 3 = accepted 1 + rejected 2", run.Stdout);
        Assert.Contains("warning: most rows were rejected as wrong_field_count (2 of 3 rows); line 1 splits into the 3 columns at runs of spaces and tabs: write  delimiter: whitespace", run.Stdout);
        Assert.Contains("expected 3 fields, found 1; split at runs of spaces and tabs it has 3", File.ReadAllText(run.Path_("features.rejects.csv")));
    }
}
