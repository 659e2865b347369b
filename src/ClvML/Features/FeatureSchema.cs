namespace ClvML.Features;

/// <summary>
/// Every column of the customer feature table, each defined once: the CSV and Parquet writers, the SQL tables
/// and views, segmentation's and the regressors' inputs, and the DataFrame/IDataView export read names, types,
/// units and meanings from here. File order: the id, lifetimes' summary, RFM and tenure, attributes, holdout.
/// The summary columns have exactly lifetimes' semantics (<c>summary_data_from_transaction_data</c>).
/// </summary>
public static class FeatureSchema
{
    /// <summary>The customer id.</summary>
    public static readonly FeatureColumn CustomerId = new("customer_id", FeatureValueType.Text, FeatureRole.Key, "",
        "The customer's id as in the input.", t => t.CustomerIds as Array ?? t.CustomerIds.ToArray());


    /// <summary>lifetimes' frequency.</summary>
    public static readonly FeatureColumn Frequency = new("frequency", FeatureValueType.Real, FeatureRole.Summary, "purchase periods",
        "Repeat purchases in the calibration period: purchase periods with a purchase after the first.", t => t.Frequency);
    /// <summary>lifetimes' recency.</summary>
    public static readonly FeatureColumn Recency = new("recency", FeatureValueType.Real, FeatureRole.Summary, "time units",
        "Time from the first purchase to the last repeat purchase (0 without one).", t => t.Recency);
    /// <summary>lifetimes' T.</summary>
    public static readonly FeatureColumn T = new("T", FeatureValueType.Real, FeatureRole.Summary, "time units",
        "Time from the first purchase to the calibration end: the customer's age.", t => t.T);
    /// <summary>lifetimes' monetary value.</summary>
    public static readonly FeatureColumn MonetaryValue = new("monetary_value", FeatureValueType.Real, FeatureRole.Summary, "currency per purchase period",
        "Mean spend of the repeat purchase periods (0 without one).", t => t.MonetaryValue);

    /// <summary>Days since the last purchase.</summary>
    public static readonly FeatureColumn RecencyDays = new("recency_days", FeatureValueType.Integer, FeatureRole.Rfm, "days",
        "Days from the last purchase to the calibration end.", t => t.Rfm?.RecencyDays);
    /// <summary>Orders.</summary>
    public static readonly FeatureColumn Orders = new("orders", FeatureValueType.Integer, FeatureRole.Rfm, "orders",
        "Orders in the calibration period (adjacent rows with one order id are one order; without order ids, rows).", t => t.Rfm?.Orders);
    /// <summary>Net spend.</summary>
    public static readonly FeatureColumn TotalSpend = new("total_spend", FeatureValueType.Real, FeatureRole.Rfm, "currency",
        "Net spend in the calibration period (returns netted as data.returns says).", t => t.Rfm?.TotalSpend);
    /// <summary>Spend per order.</summary>
    public static readonly FeatureColumn AvgOrderValue = new("avg_order_value", FeatureValueType.Real, FeatureRole.Rfm, "currency per order",
        "Net spend per order in the calibration period.", t => t.Rfm?.AvgOrderValue);
    /// <summary>Tenure.</summary>
    public static readonly FeatureColumn TenureDays = new("tenure_days", FeatureValueType.Integer, FeatureRole.Rfm, "days",
        "Days from the first purchase to the calibration end.", t => t.Rfm?.TenureDays);
    /// <summary>First purchase date.</summary>
    public static readonly FeatureColumn FirstPurchase = new("first_purchase", FeatureValueType.Date, FeatureRole.Rfm, "date",
        "Date of the first purchase.", t => t.Rfm?.FirstPurchase);
    /// <summary>Last purchase date.</summary>
    public static readonly FeatureColumn LastPurchase = new("last_purchase", FeatureValueType.Date, FeatureRole.Rfm, "date",
        "Date of the last purchase in the calibration period.", t => t.Rfm?.LastPurchase);

    /// <summary>lifetimes' frequency_holdout.</summary>
    public static readonly FeatureColumn HoldoutFrequency = new("holdout_frequency", FeatureValueType.Real, FeatureRole.Holdout, "purchase periods",
        "Purchase periods with a purchase in the holdout period (lifetimes' frequency_holdout).", t => t.Holdout?.Frequency);
    /// <summary>Holdout spend.</summary>
    public static readonly FeatureColumn HoldoutSpend = new("holdout_spend", FeatureValueType.Real, FeatureRole.Holdout, "currency",
        "Net spend in the holdout period.", t => t.Holdout?.Spend);
    /// <summary>lifetimes' duration_holdout.</summary>
    public static readonly FeatureColumn HoldoutDuration = new("holdout_duration", FeatureValueType.Real, FeatureRole.Holdout, "time units",
        "Length of the holdout period (lifetimes' duration_holdout).", t => t.Holdout?.Duration);

    /// <summary>The fixed columns, in file order (attributes go between the RFM and the holdout columns).</summary>
    public static IReadOnlyList<FeatureColumn> Fixed { get; } =
        [CustomerId, Frequency, Recency, T, MonetaryValue, RecencyDays, Orders, TotalSpend, AvgOrderValue, TenureDays, FirstPurchase, LastPurchase,
         HoldoutFrequency, HoldoutSpend, HoldoutDuration];

    /// <summary>The column of attribute <paramref name="name"/> (text, each customer's value on its earliest row).</summary>
    public static FeatureColumn Attribute(string name) => new(name, FeatureValueType.Text, FeatureRole.Attribute, "",
        $"The customer's {name} on their earliest row.", t => t.Attributes.FirstOrDefault(a => a.Name == name)?.Values);

    /// <summary>The columns <paramref name="table"/> has, in file order.</summary>
    public static IReadOnlyList<FeatureColumn> ColumnsOf(CustomerFeatureTable table) =>
    [
        .. Fixed.Where(c => c.Role is not FeatureRole.Holdout && c.IsIn(table)),
        .. table.Attributes.Select(a => Attribute(a.Name)),
        .. Fixed.Where(c => c.Role is FeatureRole.Holdout && c.IsIn(table)),
    ];

    /// <summary>The fixed column named <paramref name="name"/>, or null.</summary>
    public static FeatureColumn? Find(string name) => Fixed.FirstOrDefault(c => c.Name == name);
}
