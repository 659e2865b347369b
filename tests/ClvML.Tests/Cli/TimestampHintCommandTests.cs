using System.Globalization;
using System.Text;

namespace ClvML.Tests.Cli;

/// <summary>
/// A European file read without data.timestamp_format: its rows are rejected, the run goes on with
/// the ISO rows, and at its end train, features and convert say once, as a warning line, which
/// timestamp_format reads the rejected rows (score is covered in ScoringTests, with its trained run).
/// </summary>
public sealed class TimestampHintCommandTests
{
    /// <summary>300 rows: the first 100 ISO 8601, then 200 day-first (days up to 28, so not ambiguous).</summary>
    internal static string MostlyDayFirst()
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        for (var i = 0; i < 300; i++)
        {
            var day = new DateTime(2024, 1, 1).AddDays(i);
            var date = i < 100 ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"c{i % 40},{date},{5 + i % 9}.25\n");
        }
        return text.ToString();
    }

    private const string Expected = "warning: most rows were rejected as unparseable_timestamp (200 of 300 rows), e.g. line 102: '10/04/2024'. They read with data.timestamp_format: \"d/M/yyyy\"";

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [Fact]
    public void Features_warns_once_at_the_end()
    {
        using var run = new CliRun();
        run.Write("tx.csv", MostlyDayFirst());
        Assert.Equal(0, run.Features("tx.csv"));
        Assert.Contains("rows read 300 = accepted 100 + rejected 200", run.Stdout);
        Assert.Equal(1, Count(run.Stdout, Expected));
    }

    [Fact]
    public void Convert_warns_once_at_the_end()
    {
        using var run = new CliRun();
        run.Write("tx.csv", MostlyDayFirst());
        var config = run.Write("train.yaml", "data:\n  source: csv\n  path: tx.csv\n");
        Assert.Equal(0, run.Run("convert", "--config", config, "--output", run.Path_("tx.parquet")));
        Assert.Equal(1, Count(run.Stdout, Expected));
    }

    [Fact]
    public void Train_warns_once_at_the_end_before_the_run_path()
    {
        using var run = new CliRun();
        run.Write("tx.csv", MostlyDayFirst());
        var config = run.Write("train.yaml", """
            data:
              source: csv
              path: tx.csv
            features:
              time_unit: day
            probabilistic:
              enabled: false
            segmentation:
              enabled: false
            regression:
              enabled: false
            evaluation:
              report: []
            """);
        Assert.True(run.Run("train", "--config", config) == 0, run.Stderr);
        Assert.Equal(1, Count(run.Stdout, Expected));
        var lines = run.Stdout.TrimEnd().Split('\n');
        Assert.True(Directory.Exists(lines[^1]), "the run path is still stdout's last line");
        Assert.StartsWith(Expected, lines[^2]);
    }

    [Fact]
    public void A_run_that_stops_for_lack_of_rows_says_it_in_its_error()
    {
        using var run = new CliRun();
        run.Write("tx.csv", "customer_id,date,amount\nc1,13/01/2024,5\nc2,14/01/2024,6\n");
        Assert.Equal(2, run.Features("tx.csv"));
        Assert.Contains("no usable transactions", run.Stderr);
        Assert.Contains("They read with data.timestamp_format: \"d/M/yyyy\"", run.Stderr);
        Assert.Equal(1, Count(run.Stderr, "most rows were rejected"));
    }
}
