using ClvML.Data.Tables;

namespace ClvML.Features;

/// <summary>The feature table as typed columns for the Parquet, SQLite and PostgreSQL writers, with features.csv's column names and order.</summary>
public static class FeatureColumnTable
{
    /// <summary>The <c>features</c> table: counts and days as integers, dates as dates, the rest as doubles.</summary>
    public static ColumnTable From(CustomerFeatureTable table, string name = "features")
    {
        var columns = new List<TableColumn>
        {
            TableColumn.OfText("customer_id", table.CustomerIds),
            TableColumn.OfReals("frequency", table.Frequency),
            TableColumn.OfReals("recency", table.Recency),
            TableColumn.OfReals("T", table.T),
            TableColumn.OfReals("monetary_value", table.MonetaryValue),
        };
        if (table.Rfm is { } rfm)
        {
            columns.Add(TableColumn.OfIntegers("recency_days", Widen(rfm.RecencyDays)));
            columns.Add(TableColumn.OfIntegers("orders", Widen(rfm.Orders)));
            columns.Add(TableColumn.OfReals("total_spend", rfm.TotalSpend));
            columns.Add(TableColumn.OfReals("avg_order_value", rfm.AvgOrderValue));
            columns.Add(TableColumn.OfIntegers("tenure_days", Widen(rfm.TenureDays)));
            columns.Add(TableColumn.OfDates("first_purchase", rfm.FirstPurchase));
            columns.Add(TableColumn.OfDates("last_purchase", rfm.LastPurchase));
        }
        columns.AddRange(table.Attributes.Select(a => TableColumn.OfText(a.Name, a.Values)));
        if (table.Holdout is { } holdout)
        {
            columns.Add(TableColumn.OfReals("holdout_frequency", holdout.Frequency));
            columns.Add(TableColumn.OfReals("holdout_spend", holdout.Spend));
            columns.Add(TableColumn.OfReals("holdout_duration", holdout.Duration));
        }
        return new ColumnTable(name, columns);
    }

    private static long[] Widen(int[] values) => Array.ConvertAll(values, v => (long)v);
}
