using ClvML.Features;
using ClvML.Tests.Cli;

namespace ClvML.Tests.Features;

/// <summary>
/// The calibration and holdout periods checked against the data once it is read (<see cref="PeriodBoundaries"/>),
/// through <c>clvml features</c> on a hand-made log whose first and last transactions are known:
/// 2024-01-01 and 2024-03-01.
/// </summary>
public sealed class PeriodBoundariesTests
{
    private const string Log = """
        customer_id,date,amount
        a,2024-01-01,10
        a,2024-02-01,12
        a,2024-02-25,8
        b,2024-01-15,5
        b,2024-01-20,5
        b,2024-03-01,7
        """;

    private static (int Code, CliRun Run) Features(string periods, string log = Log)
    {
        var run = new CliRun();
        run.Write("tx.csv", log);
        return (run.Features("tx.csv", featuresYaml: periods), run);
    }

    [Fact]
    public void Calibration_end_after_the_last_transaction_is_refused_by_key_and_dates()
    {
        var (code, run) = Features("calibration_end: 2024-03-10\nobservation_end: 2024-04-30");
        using (run)
        {
            Assert.Equal(2, code);
            Assert.Contains("features.calibration_end", run.Stderr);
            Assert.Contains("run from 2024-01-01 to 2024-03-01", run.Stderr);
            Assert.Contains("holdout 2024-03-11 to 2024-04-30 has no purchases", run.Stderr);
        }
    }

    [Fact]
    public void A_holdout_with_purchases_only_by_new_customers_is_refused()
    {
        // a and b buy nothing after 2024-02-25; c's only purchase is in the holdout, so c is not compared.
        var (code, run) = Features("calibration_end: 2024-02-26\nobservation_end: 2024-03-05", """
            customer_id,date,amount
            a,2024-01-01,10
            a,2024-02-25,8
            b,2024-01-15,5
            c,2024-03-05,7
            """);
        using (run)
        {
            Assert.Equal(2, code);
            Assert.Contains("features.calibration_end: none of the 2 customers", run.Stderr);
            Assert.Contains("the 1 customer first seen there is not compared", run.Stderr);
        }
    }

    [Fact]
    public void A_calibration_period_without_purchases_is_refused()
    {
        var (code, run) = Features("calibration_end: 2023-12-01\nobservation_end: 2024-03-01");
        using (run)
        {
            Assert.Equal(2, code);
            Assert.Contains("features.calibration_end: 2023-12-01, before the first transaction", run.Stderr);
            Assert.Contains("set features.calibration_end on or after 2024-01-01", run.Stderr);
        }
    }

    [Fact]
    public void A_holdout_key_that_leaves_no_calibration_is_named()
    {
        var (code, run) = Features("holdout: 100");
        using (run)
        {
            Assert.Equal(2, code);
            Assert.Contains("features.holdout: 100 days puts the calibration end at 2023-11-22", run.Stderr);
        }
    }

    [Fact]
    public void Observation_end_a_few_days_after_the_last_transaction_is_a_warning()
    {
        // Holdout 2024-02-11..2024-03-05 (24 days); the last 4 have no data: within a week.
        var (code, run) = Features("calibration_end: 2024-02-10\nobservation_end: 2024-03-05");
        using (run)
        {
            Assert.Equal(0, code);
            Assert.Contains("warning: features.observation_end: 2024-03-05 is 4 days after the last transaction", run.Stdout);
            Assert.Contains("the last 4 days of the 24-day holdout (17%)", run.Stdout);
        }
    }

    [Fact]
    public void Observation_end_far_after_the_last_transaction_is_refused()
    {
        // Ten customers buying every day from 2024-01-01 to 2024-03-01: ten purchases a day, so 30 days
        // without one (the last 30 of a 50-day holdout) means the data stop there.
        var days = Enumerable.Range(0, 61).Select(d => new DateOnly(2024, 1, 1).AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var log = "customer_id,date,amount\n" + string.Concat(Enumerable.Range(0, 10).SelectMany(c => days.Select(d => $"c{c},{d},5\n")));
        var (code, run) = Features("calibration_end: 2024-02-10\nobservation_end: 2024-03-31", log);
        using (run)
        {
            Assert.Equal(2, code);
            Assert.Contains("features.observation_end: 2024-03-31 is 30 days after the last transaction (transactions in", run.Stderr);
            Assert.Contains("the last 30 days of the 50-day holdout (60%)", run.Stderr);
            Assert.Contains("set features.observation_end to 2024-03-01", run.Stderr);
        }
    }

    [Fact]
    public void A_long_gap_in_sparse_data_is_a_warning_that_says_why()
    {
        // Six purchases in 61 days (0.098 a day): 30 days without one has a 5.2% chance, e^(-0.098 x 30).
        var (code, run) = Features("calibration_end: 2024-02-10\nobservation_end: 2024-03-31");
        using (run)
        {
            Assert.Equal(0, code);
            Assert.Contains("warning: features.observation_end: 2024-03-31 is 30 days after the last transaction", run.Stdout);
            Assert.Contains("at their rate of 0.098 purchases a day, 30 days without one has a 5.2% chance", run.Stdout);
        }
    }

    [Theory]
    // A week, until a tenth of the holdout is longer, and never half of it.
    [InlineData(10, 5)]
    [InlineData(14, 7)]
    [InlineData(30, 7)]
    [InlineData(182, 18.2)]
    [InlineData(365, 36.5)]
    public void The_tolerable_gap_is_a_week_or_a_tenth_of_the_holdout_below_half(int holdoutDays, double expected) =>
        Assert.Equal(expected, PeriodBoundaries.TolerableGap(holdoutDays), 12);
}
