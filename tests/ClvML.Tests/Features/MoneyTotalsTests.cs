using ClvML.Clustering;
using ClvML.Tests.Cli;

namespace ClvML.Tests.Features;

/// <summary>
/// Money columns print as the cents they are: per-customer totals, means and quantity x price
/// amounts in features.csv, and cluster revenue, where adding doubles one by one printed
/// 0.7000000000000001 for 0.10 + 0.20 + 0.40 and 15.299999999999999 for 6 x 2.55.
/// </summary>
public sealed class MoneyTotalsTests
{
    private static Dictionary<string, string> Row(string featuresCsv, string customer)
    {
        var lines = File.ReadAllLines(featuresCsv);
        var header = lines[0].Split(',');
        var fields = lines.First(l => l.StartsWith(customer + ",", StringComparison.Ordinal)).Split(',');
        return header.Zip(fields).ToDictionary(p => p.First, p => p.Second);
    }

    [Fact]
    public void Feature_totals_and_means_of_cent_amounts_print_as_cents()
    {
        using var run = new CliRun();
        run.Write("tx.csv", "customer_id,date,amount\nc1,2024-01-01,0.10\nc1,2024-01-02,0.20\nc1,2024-01-03,0.40\nc1,2024-02-01,0.10\nc1,2024-02-02,0.20\n");
        Assert.Equal(0, run.Features("tx.csv", featuresYaml: "calibration_end: 2024-01-31"));
        var c1 = Row(run.Path_("features.csv"), "c1");
        Assert.Equal("0.7", c1["total_spend"]);
        Assert.Equal("0.3", c1["monetary_value"]);          // (0.70 - 0.10) / 2 repeat periods
        Assert.Equal("0.23333333333333334", c1["avg_order_value"]); // the double nearest 0.70 / 3
        Assert.Equal("0.3", c1["holdout_spend"]);
    }

    [Fact]
    public void Quantity_times_unit_price_is_the_exact_amount()
    {
        using var run = new CliRun();
        run.Write("tx.csv", "id,when,qty,price\nc1,2024-01-01,6,2.55\nc1,2024-01-01,3,1.10\nc1,2024-01-05,12,0.001\n");
        Assert.Equal(0, run.Features("tx.csv", "columns: {customer_id: id, timestamp: when, quantity: qty, unit_price: price}"));
        var c1 = Row(run.Path_("features.csv"), "c1");
        Assert.Equal("18.612", c1["total_spend"]);   // 15.30 + 3.30 + 0.012
        Assert.Equal("0.012", c1["monetary_value"]);
    }

    [Fact]
    public void An_amount_finer_than_a_ten_thousandth_turns_the_rest_of_the_read_to_double_sums()
    {
        using var run = new CliRun();
        run.Write("tx.csv", "customer_id,date,amount\nc1,2024-01-01,0.10\nc1,2024-01-02,0.20\nc2,2024-01-02,0.123456\nc1,2024-01-03,0.40\nc2,2024-01-04,0.10\n");
        Assert.Equal(0, run.Features("tx.csv"));
        // c1's first two amounts were summed exactly (0.3); from the 0.123456 on, amounts add as doubles.
        Assert.Equal((0.3 + 0.4).ToString("R", System.Globalization.CultureInfo.InvariantCulture), Row(run.Path_("features.csv"), "c1")["total_spend"]);
        Assert.Equal((0.123456 + 0.1).ToString("R", System.Globalization.CultureInfo.InvariantCulture), Row(run.Path_("features.csv"), "c2")["total_spend"]);
    }

    [Fact]
    public void Cluster_revenue_is_the_exact_total()
    {
        var values = new CustomerValues([5, 6, 7], [1, 1, 1], [0, 0, 0], [0, 0, 0], [10, 10, 10], [0.1, 0.2, 0.4]);
        var profile = ClusterProfile.Build(values, [0, 0, 0], 1).Single();
        Assert.Equal(0.7, profile.Revenue);
    }
}
