using ClvML.Configuration;
using ClvML.Data;
using ClvML.Data.Csv;
using ClvML.Data.Sample;
using ClvML.Features;

namespace ClvML.Tests.Interop;

/// <summary>Feature tables for the interop tests, and a comparison of two tables to the last bit.</summary>
internal static class InteropTables
{
    public static readonly FeatureWindow Window = new(new DateOnly(2025, 6, 30), new DateOnly(2025, 12, 31), new DateOnly(2024, 1, 2), new DateOnly(2025, 12, 30));

    /// <summary>
    /// Four customers with values a conversion could lose: -0.0, a subnormal, the largest double, 0.1 + 0.2,
    /// negative money (returns), the largest int, the first and last dates, an id with a comma and one non-ASCII.
    /// </summary>
    public static CustomerFeatureTable Awkward()
    {
        string[] ids = ["a", "b,c", "ü-7", "42"];
        var rfm = new RfmColumns(
            RecencyDays: [0, 5, int.MaxValue, 17],
            Orders: [1, 2, 3, int.MaxValue],
            TotalSpend: [-0.0, -12.5, double.Epsilon, 1e308],
            AvgOrderValue: [0.1 + 0.2, -6.25, double.MaxValue, 1.0 / 3],
            TenureDays: [0, 9, 12345, int.MaxValue],
            FirstPurchase: [DateOnly.MinValue, new DateOnly(2024, 2, 29), new DateOnly(2025, 1, 1), DateOnly.MaxValue],
            LastPurchase: [new DateOnly(2000, 1, 1), new DateOnly(2025, 6, 30), new DateOnly(2025, 3, 3), DateOnly.MaxValue]);
        var holdout = new HoldoutColumns([0, 1, 2, 3], [-0.0, 3.5e-310, -1e-300, 12], [26.142857142857142, 26.142857142857142, 26.142857142857142, 26.142857142857142]);
        return new CustomerFeatureTable(ids, [0, 1, 2.5, 1e15], [0, 0.5, 2.5, 3], [0, 0.6000000000000001, 3, 1e16], [0, -3.25, double.Epsilon, 0.1 + 0.2],
            TimeUnit.Week, Window, rfm, holdout, [new AttributeColumn("channel", ["web", "", "store, north", "app"]), new AttributeColumn("Country", ["DE", "FR", "ÜK", "US"])]);
    }

    /// <summary>The sample generator's customers as a feature build makes them (compact ids, RFM, holdout, two attributes).</summary>
    public static CustomerFeatureTable Sample(int customers, int seed = 11)
    {
        var path = Path.Combine(Path.GetTempPath(), $"clvml-interop-sample-{customers}-{seed}-{Guid.NewGuid():N}.csv");
        try
        {
            using (var writer = new StreamWriter(path)) SampleGenerator.WriteCsv(new SampleOptions { Customers = customers, Seed = seed, MalformedRate = 0 }, writer);
            var data = new DataSettings { Source = DataSourceKind.Csv, Columns = new ColumnMapping { OrderId = "order_id", Attributes = ["channel", "country"] } };
            var features = new FeatureSettings
            {
                TimeUnit = TimeUnit.Week, PurchasePeriod = TimeUnit.Day, CalibrationEnd = new DateOnly(2025, 6, 30), ObservationEnd = new DateOnly(2025, 12, 31),
            };
            return FeatureBuilder.FromTransactions(new CsvTransactionSource(path, data), data, features, () => new RejectLog(path, data.BadRows)).Table;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Every column, the time unit and the window equal; doubles compared by their bits (so -0.0 is not 0.0).</summary>
    public static void AssertBitwiseEqual(CustomerFeatureTable expected, CustomerFeatureTable actual)
    {
        Assert.Equal(expected.TimeUnit, actual.TimeUnit);
        Assert.Equal(expected.Window, actual.Window);
        Assert.Equal(FeatureSchema.ColumnsOf(expected).Select(c => c.Name), FeatureSchema.ColumnsOf(actual).Select(c => c.Name));
        Assert.Equal(expected.CustomerIds, actual.CustomerIds);
        foreach (var column in FeatureSchema.ColumnsOf(expected).Skip(1))
        {
            var (want, got) = (column.ValuesIn(expected)!, column.ValuesIn(actual)!);
            Assert.Equal(want.GetType(), got.GetType());
            if (want is double[] reals) Assert.Equal(Bits(reals), Bits((double[])got));
            else Assert.Equal(want.Cast<object>(), got.Cast<object>());
        }
    }

    public static long[] Bits(IEnumerable<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
