using ClvML.Configuration;
using ClvML.Data;
using ClvML.Evaluation.Diagnostics;
using ClvML.Features;
using ClvML.Probabilistic;
using ClvML.Tests.Cli;
using ClvML.Training;

namespace ClvML.Tests.Evaluation.Diagnostics;

/// <summary>The BTYD diagnostics data: the distribution's totals and the tracking's agreement with the features.</summary>
public sealed class BtydDiagnosticsTests
{
    // CDNOW's BG/NBD parameters (Fader, Hardie & Lee 2005), in weeks.
    private static readonly BgNbdModel CdnowBgNbd = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void Repeat_purchase_distribution_model_column_sums_to_the_customer_count()
    {
        var table = Table([0, 0, 1, 3, 9, 2], [0, 0, 5, 20, 30, 12], [10, 39, 39, 39, 39, 20]);
        var distribution = RepeatPurchaseDistribution.Compute(table, [CdnowBgNbd]);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7+"], distribution.Categories);
        Assert.Equal([2.0, 1, 1, 1, 0, 0, 0, 1], distribution.Actual);
        var model = Assert.Single(distribution.Models).Values;
        Assert.Equal(table.Count, model.Sum(), 9);
        Assert.All(model, v => Assert.InRange(v, 0, table.Count));
    }

    [Fact]
    public void Conditional_expectations_average_per_calibration_frequency()
    {
        var result = ConditionalExpectations.Compute([0, 0, 1, 8], [1, 0, 2, 5], [new NamedValues("m", [0.5, 0.5, 1, 4])]);
        Assert.Equal([2.0, 1, 0, 0, 0, 0, 0, 1], result.Customers);
        Assert.Equal(0.5, result.Actual[0]);
        Assert.Equal(5, result.Actual[7]);
        Assert.True(double.IsNaN(result.Actual[3]));
        Assert.Equal(4, result.Models[0].Values[7]);
    }

    /// <summary>
    /// The tracked actual repeat transactions up to the last period equal sum(frequency + holdout_frequency) over the
    /// table's customers. This holds exactly because the counter counts what the features count: distinct purchase
    /// periods after the first, calibration and holdout separately (so a week straddling the calibration end counts
    /// once on each side, as in the features), returns not purchases, customers first seen in the holdout left out.
    /// </summary>
    [Fact]
    public void Tracking_actual_total_equals_calibration_plus_holdout_repeat_purchases_on_edge_cases()
    {
        using var run = new CliRun();
        run.Write("tx.csv", """
            customer_id,date,amount
            d,2024-03-06,12
            a,2024-01-01,10
            a,2024-01-01,5
            a,2024-01-03,7
            a,2024-01-10,8
            a,2024-03-04,6
            a,2024-03-08,4
            a,2024-03-20,3
            a,2024-03-21,-2
            b,2024-02-01,20
            b,2024-02-01,-5
            b,2024-04-15,9
            c,2024-03-15,30
            """);
        var (table, tracking) = BuildTracking(run, """
            data:
              source: csv
              path: tx.csv
            features:
              time_unit: week
              purchase_period: week
              calibration_end: 2024-03-06
              observation_end: 2024-04-30
            """);
        Assert.Equal(3, table.Count); // c is first seen in the holdout
        Assert.Equal(5, table.Frequency.Sum() + table.Holdout!.Frequency.Sum()); // a: 2 + 2, b: 0 + 1, d: 0 + 0
        Assert.Equal(5, tracking.ActualIncremental.Sum());
    }

    [Fact]
    public void Tracking_actual_total_equals_calibration_plus_holdout_repeat_purchases_on_the_sample()
    {
        using var run = new CliRun();
        var (table, tracking) = BuildTracking(run, """
            data:
              source: sample
              sample:
                customers: 1500
            features:
              time_unit: week
              purchase_period: day
              calibration_end: 2025-06-30
              observation_end: 2025-12-31
            """);
        Assert.Equal(table.Frequency.Sum() + table.Holdout!.Frequency.Sum(), TransactionTracking.Cumulative(tracking.ActualIncremental)[^1]);
        // The model's expectation tracks the same customers: within a third of the actual total on the generator's BG/NBD-like data.
        var model = TransactionTracking.Cumulative(tracking.Models[0].Values)[^1];
        Assert.InRange(model / tracking.ActualIncremental.Sum(), 0.67, 1.5);
        Assert.True(tracking.CalibrationEnd < tracking.PeriodEnds[^1]);
    }

    [Fact]
    public void Tracking_actual_total_equals_calibration_plus_holdout_repeat_purchases_on_cdnow()
    {
        using var run = new CliRun();
        var (table, tracking) = BuildTracking(run, $"""
            {SharedData.CdnowSampleYaml()}
            """);
        Assert.Equal(table.Frequency.Sum() + table.Holdout!.Frequency.Sum(), tracking.ActualIncremental.Sum());
        Assert.Equal(78, tracking.PeriodEnds.Length); // 1997-01-01 to 1998-06-30: 545 days, 77.9 weeks
        Assert.Equal(272 / 7.0, tracking.CalibrationEnd, 9); // 1997-01-01 to 1997-09-30, the oldest T of lifetimes' CDNOW summary (38.86)
    }

    private static (CustomerFeatureTable Table, TransactionTracking Tracking) BuildTracking(CliRun run, string yaml)
    {
        var config = TrainConfigLoader.Parse(yaml, run.Path_("train.yaml"));
        var built = FeatureJob.Build(config, run.Folder, run.Path_("rejects.csv"), out var source);
        var counter = new RepeatTransactionCounter(built.Table, config.Features, config.Data.Returns);
        source!.ReadInto(counter, new RejectLog(source.Name, BadRowPolicy.Reject));
        var model = new BgNbd().Fit(PurchaseSummary.Create(built.Table.Frequency, built.Table.Recency, built.Table.T));
        return (built.Table, TransactionTracking.Build(built.Table, counter, [model]));
    }

    private static CustomerFeatureTable Table(double[] frequency, double[] recency, double[] t) =>
        new([.. frequency.Select((_, i) => $"c{i}")], frequency, recency, t, new double[frequency.Length], TimeUnit.Week,
            new FeatureWindow(null, null, null, null));
}
