namespace ClvML.Tests.Cli;

/// <summary>Every kind of bad input gets one clear message naming the place, and exit code 2.</summary>
public sealed class BadInputTests
{
    private const string Header = "customer_id,date,amount\n";

    [Theory]
    [InlineData(",2024-01-05,10.00", "column 'customer_id'", "customer id is empty", "missing_customer_id")]
    [InlineData("c1,2024-13-45,10.00", "column 'date'", "timestamp '2024-13-45'", "unparseable_timestamp")]
    [InlineData("c1,2024-01-05,ten", "column 'amount'", "amount 'ten' is not a number", "bad_amount")]
    [InlineData("c1,2024-01-05,NaN", "column 'amount'", "amount 'NaN' is not finite", "non_finite_amount")]
    [InlineData("c1,2024-01-05,1e400", "column 'amount'", "is not finite", "non_finite_amount")]
    [InlineData("c1,2024-01-05", null, "expected 3 fields, found 2", "wrong_field_count")]
    public void A_bad_row_is_rejected_with_line_and_reason_and_fails_in_fail_mode(string badRow, string? column, string detail, string reason)
    {
        using var run = new CliRun();
        run.Write("tx.csv", Header + "c1,2024-01-01,5.00\n" + badRow + "\nc2,2024-01-07,7.50\n");

        Assert.Equal(0, run.Features("tx.csv"));
        Assert.Contains("rows read 3 = accepted 2 + rejected 1", run.Stdout);
        var rejects = File.ReadAllLines(run.Path_("features.rejects.csv"));
        Assert.Equal(2, rejects.Length);
        Assert.StartsWith("3,", rejects[1]);
        Assert.Contains(reason, rejects[1]);
        Assert.Contains(detail, rejects[1]);

        Assert.Equal(2, run.Features("tx.csv", "bad_rows: fail"));
        Assert.Contains("tx.csv:3:", run.Stderr);
        if (column is not null) Assert.Contains(column, run.Stderr);
        Assert.Contains(detail, run.Stderr);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var run = new CliRun();
        Assert.Equal(2, run.Features("nowhere.csv"));
        Assert.Contains("nowhere.csv: file not found", run.Stderr);
    }

    [Fact]
    public void An_empty_file_is_named()
    {
        using var run = new CliRun();
        run.Write("empty.csv", "");
        Assert.Equal(2, run.Features("empty.csv"));
        Assert.Contains("empty.csv: the file is empty", run.Stderr);
    }

    [Fact]
    public void A_header_only_file_has_no_data_rows()
    {
        using var run = new CliRun();
        run.Write("header.csv", Header);
        Assert.Equal(2, run.Features("header.csv"));
        Assert.Contains("header.csv: no data rows", run.Stderr);
    }

    [Fact]
    public void A_header_without_the_mapped_columns_lists_the_header()
    {
        using var run = new CliRun();
        run.Write("tx.csv", "id,day,value\nc1,2024-01-01,5\n");
        Assert.Equal(2, run.Features("tx.csv"));
        Assert.Contains("column 'customer_id' (data.columns.customer_id) is not in the header", run.Stderr);
        Assert.Contains("column 'amount' (data.columns.amount) is not in the header", run.Stderr);
        Assert.Contains("[id, day, value]", run.Stderr);
    }

    [Fact]
    public void Utf16_text_is_refused_with_a_hint()
    {
        using var run = new CliRun();
        run.WriteBytes("tx.csv", System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(Header + "c1,2024-01-01,5\n")).ToArray());
        Assert.Equal(2, run.Features("tx.csv"));
        Assert.Contains("tx.csv: the file is UTF-16 text", run.Stderr);
    }

    [Fact]
    public void Invalid_utf8_names_line_and_column()
    {
        using var run = new CliRun();
        var bytes = System.Text.Encoding.ASCII.GetBytes(Header + "c1,2024-01-01,5\n").Concat(new byte[] { (byte)'c', 0xE9, (byte)',' })
            .Concat(System.Text.Encoding.ASCII.GetBytes("2024-01-02,6\n")).ToArray();
        run.WriteBytes("tx.csv", bytes);
        Assert.Equal(2, run.Features("tx.csv"));
        Assert.Contains("tx.csv:3: column 'customer_id': is not valid UTF-8", run.Stderr);
    }

    [Fact]
    public void A_corrupt_gzip_file_is_named()
    {
        using var run = new CliRun();
        run.WriteBytes("tx.csv.gz", [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]);
        Assert.Equal(2, run.Features("tx.csv.gz"));
        Assert.Contains("tx.csv.gz: not a valid gzip file", run.Stderr);
    }

    [Fact]
    public void Returns_net_drop_and_keep()
    {
        using var run = new CliRun();
        run.Write("tx.csv", Header + "c1,2024-01-01,10\nc1,2024-01-03,20\nc1,2024-01-04,-5\nc2,2024-01-02,-3\nc2,2024-01-05,4\n");

        Assert.Equal(0, run.Features("tx.csv"));
        Assert.Contains("rows read 5 = accepted 4 + rejected 1", run.Stdout);
        var net = File.ReadAllLines(run.Path_("features.csv"));
        Assert.StartsWith("c1,1,2,4,15,2,2,25,12.5,4,", net[1]); // repeat period 20 - 5; total 30 - 5
        Assert.Contains("return_before_first_purchase", File.ReadAllText(run.Path_("features.rejects.csv")));

        Assert.Equal(0, run.Features("tx.csv", "returns: drop"));
        Assert.Contains("rows read 5 = accepted 3 + rejected 2", run.Stdout);
        Assert.StartsWith("c1,1,2,4,20,2,2,30,15,4,", File.ReadAllLines(run.Path_("features.csv"))[1]);

        Assert.Equal(0, run.Features("tx.csv", "returns: keep"));
        Assert.Contains("rows read 5 = accepted 5 + rejected 0", run.Stdout);
        Assert.StartsWith("c1,2,3,4,7.5,", File.ReadAllLines(run.Path_("features.csv"))[1]);
    }

    [Fact]
    public void A_config_problem_names_the_yaml_key()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", "data:\n  sourc: csv\nfeatures:\n  time_unit: fortnight\n");
        Assert.Equal(2, run.Run("features", "--config", config, "--output", run.Path_("f.csv")));
        Assert.Contains("data.sourc", run.Stderr);
        Assert.Contains("features.time_unit", run.Stderr);
    }

    [Fact]
    public void Bad_usage_exits_2()
    {
        using var run = new CliRun();
        Assert.Equal(2, run.Run("train"));
        Assert.Contains("--config", run.Stderr);
        Assert.Equal(2, run.Run("no-such-command"));
    }
}
