using ClvML.Data;
using ClvML.Data.Csv;
using ClvML.Data.Sample;
using ClvML.Features;

namespace ClvML.Tests.Features;

/// <summary>
/// The feature builder against the sample generator's known truth, and its two modes (streaming
/// and buffered replay) against each other: file order must never change a feature.
/// </summary>
public sealed class FeatureBuilderTests : IDisposable
{
    private static readonly DateOnly CalibrationEnd = new(2025, 6, 30), ObservationEnd = new(2025, 12, 31);
    private readonly string _folder = Directory.CreateTempSubdirectory("clvml-features-").FullName;

    private static readonly DataSettings Data = new()
    {
        Source = DataSourceKind.Csv,
        Columns = new ColumnMapping { OrderId = "order_id", Attributes = ["channel", "country"] },
    };

    private static readonly FeatureSettings Weeks = new()
    {
        TimeUnit = TimeUnit.Week, PurchasePeriod = TimeUnit.Day, CalibrationEnd = CalibrationEnd, ObservationEnd = ObservationEnd,
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteSample(SampleOptions options, Func<string[], IEnumerable<string>>? reorder = null)
    {
        using var text = new StringWriter();
        SampleGenerator.WriteCsv(options, text);
        var lines = text.ToString().TrimEnd('\n').Split('\n');
        var body = reorder is null ? lines[1..] : reorder(lines[1..]).ToArray();
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, lines[0] + "\n" + string.Join("\n", body) + "\n");
        return path;
    }

    private static FeatureBuildResult Build(string path, FeatureSettings features, DataSettings? data = null)
    {
        var settings = data ?? Data;
        return FeatureBuilder.FromTransactions(new CsvTransactionSource(path, settings), settings, features, () => new RejectLog(path, settings.BadRows));
    }

    [Fact]
    public void Features_equal_the_generators_true_purchases()
    {
        var options = new SampleOptions { Customers = 3000, Seed = 7, ReturnRate = 0, MalformedRate = 0 };
        var truth = SampleGenerator.Truth(options);
        var table = Build(WriteSample(options), Weeks).Table;
        var calibrationDay = truth.Day(CalibrationEnd);
        Assert.Equal(truth.CustomerCount, table.Count);
        for (var i = 0; i < table.Count; i++)
        {
            var c = truth.IndexOf(table.CustomerIds[i]);
            // Purchase periods are days: purchases on one day merge, as lifetimes does.
            var days = new SortedDictionary<int, decimal>();
            foreach (var purchase in truth.Purchases(c))
                days[purchase.Day] = days.GetValueOrDefault(purchase.Day) + purchase.Amount;
            var calibration = days.Where(d => d.Key <= calibrationDay).ToArray();
            var holdout = days.Where(d => d.Key > calibrationDay).ToArray();
            var first = calibration[0].Key;
            Assert.Equal(calibration.Length - 1, table.Frequency[i]);
            Assert.Equal((calibration[^1].Key - first) / 7.0, table.Recency[i], 1e-12);
            Assert.Equal((calibrationDay - first) / 7.0, table.T[i], 1e-12);
            var repeat = calibration.Length > 1 ? (double)calibration.Skip(1).Sum(d => d.Value) / (calibration.Length - 1) : 0.0;
            Assert.Equal(repeat, table.MonetaryValue[i], 1e-9);
            Assert.Equal(holdout.Length, table.Holdout!.Frequency[i]);
            Assert.Equal((double)holdout.Sum(d => d.Value), table.Holdout.Spend[i], 1e-9);
            Assert.Equal(options.Channels[truth.ChannelIndex(c)].Name, table.Attributes[0].Values[i]);
        }
    }

    [Fact]
    public void Shuffled_rows_are_replayed_in_date_order_and_give_identical_features()
    {
        var options = new SampleOptions { Customers = 4000, Seed = 11, ReturnRate = 0.2 };
        var sorted = Build(WriteSample(options), Weeks);
        var random = new Random(5);
        var shuffled = Build(WriteSample(options, lines => lines.OrderBy(_ => random.Next())), Weeks);
        Assert.False(sorted.Stats.Buffered);
        Assert.True(shuffled.Stats.Buffered);
        AssertSameRejects(sorted.Rejects, shuffled.Rejects);
        AssertSameTable(sorted.Table, shuffled.Table);
    }

    [Fact]
    public void Rows_grouped_by_customer_stream_without_buffering()
    {
        var options = new SampleOptions { Customers = 2000, Seed = 3, ReturnRate = 0.2 };
        var byDate = Build(WriteSample(options), Weeks);
        // A stable sort by customer keeps each customer's rows in date order (CDNOW's layout).
        var byCustomer = Build(WriteSample(options, lines => lines.OrderBy(l => l.Split(',')[0], StringComparer.Ordinal)), Weeks);
        Assert.False(byCustomer.Stats.Buffered);
        AssertSameTable(byDate.Table, byCustomer.Table);
    }

    [Fact]
    public void A_holdout_length_splits_where_the_explicit_calibration_end_does()
    {
        var path = WriteSample(new SampleOptions { Customers = 2000, Seed = 5 });
        var byLength = Build(path, new FeatureSettings { TimeUnit = TimeUnit.Week, PurchasePeriod = TimeUnit.Day, Holdout = 26 });
        var explicitEnd = Build(path, new FeatureSettings { TimeUnit = TimeUnit.Week, PurchasePeriod = TimeUnit.Day, CalibrationEnd = new DateOnly(2025, 7, 2) });
        Assert.True(byLength.Stats.Buffered); // the end depends on the last date, known only after reading
        Assert.Equal(new DateOnly(2025, 7, 2), byLength.Table.Window.CalibrationEnd); // 2025-12-31 - 182 days
        Assert.Equal(26.0, byLength.Table.Holdout!.Duration[0]);
        AssertSameTable(explicitEnd.Table, byLength.Table);
    }

    [Fact]
    public void Fail_mode_applies_rows_one_by_one_with_the_same_result()
    {
        var path = WriteSample(new SampleOptions { Customers = 2000, Seed = 9, MalformedRate = 0, ReturnRate = 0.1 });
        var pipelined = Build(path, Weeks);
        var oneByOne = Build(path, Weeks, Data with { BadRows = BadRowPolicy.Fail });
        AssertSameTable(pipelined.Table, oneByOne.Table);
    }

    [Fact]
    public void Customers_first_seen_in_the_holdout_are_excluded_and_counted()
    {
        // Acquisitions run into the holdout, so some customers' first purchase is after the calibration end.
        var options = new SampleOptions { Customers = 3000, Seed = 13, MalformedRate = 0, ReturnRate = 0, AcquisitionEnd = ObservationEnd };
        var truth = SampleGenerator.Truth(options);
        var late = Enumerable.Range(0, truth.CustomerCount).Count(c => truth.Customer(c).AcquisitionDate > CalibrationEnd);
        var result = Build(WriteSample(options), Weeks);
        Assert.True(late > 0);
        Assert.Equal(late, result.Stats.CustomersFirstSeenInHoldout);
        Assert.Equal(truth.CustomerCount - late, result.Table.Count);
    }

    private static void AssertSameRejects(RejectLog expected, RejectLog actual)
    {
        Assert.Equal(expected.RowsRead, actual.RowsRead);
        Assert.Equal(expected.RejectedByReason, actual.RejectedByReason);
    }

    internal static void AssertSameTable(CustomerFeatureTable expected, CustomerFeatureTable actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        var order = Enumerable.Range(0, actual.Count).ToDictionary(i => actual.CustomerIds[i]);
        foreach (var name in expected.NumericColumnNames)
        {
            var e = expected.NumericColumn(name)!;
            var a = actual.NumericColumn(name)!;
            // Same-day amounts may be added in another order, so sums agree to rounding, not to the bit.
            for (var i = 0; i < expected.Count; i++)
            {
                var x = e[i];
                var y = a[order[expected.CustomerIds[i]]];
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{name} of {expected.CustomerIds[i]}: {x} vs {y}");
            }
        }
        for (var k = 0; k < expected.Attributes.Count; k++)
            for (var i = 0; i < expected.Count; i++)
                Assert.Equal(expected.Attributes[k].Values[i], actual.Attributes[k].Values[order[expected.CustomerIds[i]]]);
    }
}
