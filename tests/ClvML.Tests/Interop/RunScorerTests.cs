using ClvML.Configuration;
using ClvML.Features;
using ClvML.Interop;
using Microsoft.Data.Analysis;

namespace ClvML.Tests.Interop;

/// <summary>Scoring a saved run on a feature table, a DataFrame or an IDataView gives the DataFrame of what <c>clvml score</c> writes.</summary>
public sealed class RunScorerTests(TrainedSampleRun run) : IClassFixture<TrainedSampleRun>
{
    [Fact]
    public void The_score_columns_are_the_scores_files_and_known_before_scoring()
    {
        var scorer = RunScorer.Open(run.RunPath);
        Assert.Equal(run.Header.Skip(1), scorer.ScoreColumnNames);
        Assert.Equal(["p_alive", "expected_purchases", "expected_spend", "clv", "net_clv", "cluster", "cluster_label", "rfm_code", "rfm_segment", "predicted_spend"],
            scorer.ScoreColumnNames);
        Assert.Equal(TimeUnit.Week, scorer.TimeUnit);
    }

    [Fact]
    public void Scores_of_the_table_its_DataFrame_and_its_IDataView_equal_the_scores_file()
    {
        var scorer = RunScorer.Open(run.RunPath);
        var fromTable = scorer.Score(run.Features);
        Assert.Equal(run.Header, fromTable.Columns.Select(c => c.Name));
        Assert.IsType<DoubleDataFrameColumn>(fromTable["p_alive"]);
        Assert.IsType<StringDataFrameColumn>(fromTable["cluster_label"]);
        run.AssertScoresEqualFile(Read(fromTable));
        run.AssertScoresEqualFile(Read(scorer.Score(run.Features.ToDataFrame())));
        run.AssertScoresEqualFile(Read(scorer.Score(run.Features.ToDataView())));
    }

    [Fact]
    public void Features_in_another_time_unit_or_without_the_RFM_columns_the_run_reads_are_refused()
    {
        var scorer = RunScorer.Open(run.RunPath);
        var t = run.Features;
        var days = new CustomerFeatureTable(t.CustomerIds, t.Frequency, t.Recency, t.T, t.MonetaryValue, TimeUnit.Day, t.Window, t.Rfm);
        Assert.Contains("is in Day units but the run", Assert.Throws<InputException>(() => scorer.Score(days)).Message);

        var frame = t.ToDataFrame();
        frame.Columns.Remove("tenure_days");
        var message = Assert.Throws<InputException>(() => scorer.Score(frame)).Message;
        Assert.StartsWith("DataFrame of customer features: it lacks the column 'tenure_days'; the run", message);
        Assert.Contains("was trained on transactions, so its models read the RFM columns (recency_days, orders, total_spend, avg_order_value, tenure_days, first_purchase, last_purchase)", message);
    }

    [Fact]
    public void A_single_customer_is_scored_alone()
    {
        // RFM quintiles rank within the scored rows, so one customer alone gets the top code; the other scores are its own.
        var scorer = RunScorer.Open(run.RunPath);
        var one = scorer.Score(run.Features.ToDataFrame().Head(1));
        Assert.Equal(1, one.Rows.Count);
        Assert.Equal(run.Rows[0][0], one["customer_id"][0]);
        var file = run.Rows[0];
        Assert.Equal(double.Parse(file[run.Header.ToList().IndexOf("clv")], System.Globalization.CultureInfo.InvariantCulture), one["clv"][0]);
        Assert.Equal(double.Parse(file[run.Header.ToList().IndexOf("predicted_spend")], System.Globalization.CultureInfo.InvariantCulture), one["predicted_spend"][0]);
    }

    internal static List<(string Id, IReadOnlyDictionary<string, object> Scores)> Read(DataFrame frame) =>
        [.. Enumerable.Range(0, (int)frame.Rows.Count).Select(i => ((string)frame["customer_id"][i],
            (IReadOnlyDictionary<string, object>)frame.Columns.Skip(1).ToDictionary(c => c.Name, c => c[i]!)))];
}
