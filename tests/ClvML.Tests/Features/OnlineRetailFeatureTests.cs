using ClvML.Data;
using ClvML.Data.Csv;
using ClvML.Features;

namespace ClvML.Tests.Features;

/// <summary>
/// UCI Online Retail (541,909 rows; shared/data/README.md gives the published counts): gzip read
/// directly, CustomerID written as a float or empty, cancellations as 'C' invoices with negative quantities.
/// </summary>
public sealed class OnlineRetailFeatureTests
{
    internal static readonly DataSettings OnlineRetail = new()
    {
        Source = DataSourceKind.Csv,
        Columns = new ColumnMapping
        {
            CustomerId = "CustomerID", Timestamp = "InvoiceDate", Amount = null, Quantity = "Quantity", UnitPrice = "UnitPrice",
            OrderId = "InvoiceNo", Attributes = ["Country"],
        },
    };

    internal static FeatureBuildResult Build(DataSettings data, FeatureSettings features)
    {
        var path = SharedData.File("online_retail", "online_retail.csv.gz");
        return FeatureBuilder.FromTransactions(new CsvTransactionSource(path, data), data, features, () => new RejectLog(path, data.BadRows));
    }

    [Fact]
    public void Every_row_is_accepted_or_rejected_and_all_4372_customers_appear()
    {
        var features = new FeatureSettings { TimeUnit = TimeUnit.Day };
        var result = Build(OnlineRetail with { Returns = ReturnPolicy.Keep }, features);
        var rejects = result.Rejects;
        Assert.Equal(541_909, rejects.RowsRead);
        Assert.Equal(rejects.RowsRead, rejects.Accepted + rejects.Rejected);
        // 135,080 rows have no CustomerID; every other row is well-formed.
        Assert.Equal(135_080, rejects.Count(RejectReason.MissingCustomerId));
        Assert.Equal(135_080, rejects.Rejected);
        Assert.Equal(4_372, result.Table.Count);
        Assert.Contains("17850.0", result.Table.CustomerIds);
        Assert.Equal("United Kingdom", result.Table.Attributes[0].Values[result.Table.CustomerIds.ToList().IndexOf("17850.0")]);
    }

    [Fact]
    public void Net_returns_reduce_spend_and_counts_still_add_up()
    {
        var features = new FeatureSettings { TimeUnit = TimeUnit.Day };
        var kept = Build(OnlineRetail with { Returns = ReturnPolicy.Keep }, features);
        var net = Build(OnlineRetail, features);
        var rejects = net.Rejects;
        Assert.Equal(541_909, rejects.RowsRead);
        Assert.Equal(rejects.RowsRead, rejects.Accepted + rejects.Rejected);
        // Returns that precede every purchase of their customer cannot be netted and are rejected,
        // so the net total (which no longer subtracts them) exceeds the kept total.
        var unmatched = rejects.Count(RejectReason.ReturnBeforeFirstPurchase);
        Assert.True(unmatched > 0);
        Assert.Equal(135_080 + unmatched, rejects.Rejected);
        Assert.True(net.Table.Rfm!.TotalSpend.Sum() > kept.Table.Rfm!.TotalSpend.Sum());
        // A customer whose only rows are such returns has no purchase, so it is not in the table.
        Assert.True(net.Table.Count <= 4_372);
    }

    [Fact]
    public void Calibration_and_holdout_split_at_2011_09_08()
    {
        var features = new FeatureSettings { TimeUnit = TimeUnit.Day, CalibrationEnd = new DateOnly(2011, 9, 8) };
        var result = Build(OnlineRetail, features);
        Assert.NotNull(result.Table.Holdout);
        Assert.Equal(new DateOnly(2011, 12, 9), result.Table.Window.ObservationEnd);
        Assert.Equal(92.0, result.Table.Holdout!.Duration[0]);
        Assert.True(result.Stats.CustomersFirstSeenInHoldout > 0);
        Assert.False(result.Stats.Buffered);
        Assert.All(result.Table.Rfm!.LastPurchase, d => Assert.True(d <= new DateOnly(2011, 9, 8)));
    }
}
