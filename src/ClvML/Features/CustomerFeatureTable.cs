using ClvML.Configuration;

namespace ClvML.Features;

/// <summary>
/// The per-customer feature table, one row per customer with a calibration purchase, stored by
/// column. <see cref="Frequency"/>, <see cref="Recency"/>, <see cref="T"/> and
/// <see cref="MonetaryValue"/> have exactly lifetimes' semantics in <see cref="TimeUnit"/>;
/// <see cref="Rfm"/> holds the classic RFM and tenure columns (absent for a summary input) and
/// <see cref="Holdout"/> the targets of the holdout period (absent without a holdout).
/// </summary>
public sealed class CustomerFeatureTable
{
    /// <summary>Creates a table; every column must have one value per customer.</summary>
    public CustomerFeatureTable(
        IReadOnlyList<string> customerIds, double[] frequency, double[] recency, double[] t, double[] monetaryValue,
        TimeUnit timeUnit, FeatureWindow window, RfmColumns? rfm = null, HoldoutColumns? holdout = null,
        IReadOnlyList<AttributeColumn>? attributes = null)
    {
        var n = customerIds.Count;
        if (frequency.Length != n || recency.Length != n || t.Length != n || monetaryValue.Length != n)
            throw new ArgumentException("Every feature column needs one value per customer.");
        CustomerIds = customerIds;
        Frequency = frequency;
        Recency = recency;
        T = t;
        MonetaryValue = monetaryValue;
        TimeUnit = timeUnit;
        Window = window;
        Rfm = rfm;
        Holdout = holdout;
        Attributes = attributes ?? [];
    }

    /// <summary>Number of customers.</summary>
    public int Count => CustomerIds.Count;
    /// <summary>Customer ids, in order of first appearance in the input.</summary>
    public IReadOnlyList<string> CustomerIds { get; }
    /// <summary>Repeat purchase periods in the calibration period (lifetimes' <c>frequency</c>).</summary>
    public double[] Frequency { get; }
    /// <summary>Age at the last calibration purchase, in time units (lifetimes' <c>recency</c>).</summary>
    public double[] Recency { get; }
    /// <summary>Age at the calibration end, in time units (lifetimes' <c>T</c>).</summary>
    public double[] T { get; }
    /// <summary>Mean net spend of the repeat purchase periods; 0 when frequency is 0.</summary>
    public double[] MonetaryValue { get; }
    /// <summary>Unit of recency, T and durations.</summary>
    public TimeUnit TimeUnit { get; }
    /// <summary>Calibration and observation boundaries.</summary>
    public FeatureWindow Window { get; }
    /// <summary>RFM and tenure columns (null for a summary input).</summary>
    public RfmColumns? Rfm { get; }
    /// <summary>Holdout targets (null without a holdout).</summary>
    public HoldoutColumns? Holdout { get; }
    /// <summary>Attribute columns: each customer's value on its earliest row.</summary>
    public IReadOnlyList<AttributeColumn> Attributes { get; }

    /// <summary>Names of the numeric columns <see cref="NumericColumn"/> knows, in file order (<see cref="FeatureSchema"/>).</summary>
    public IReadOnlyList<string> NumericColumnNames => [.. FeatureSchema.ColumnsOf(this).Where(c => c.IsNumeric).Select(c => c.Name)];

    /// <summary>A numeric column by its features.csv name, as doubles; null when the table has no such column.</summary>
    public double[]? NumericColumn(string name) => FeatureSchema.Find(name) is { IsNumeric: true } column ? column.DoublesIn(this) : null;
}

/// <summary>Calibration and observation boundaries of a feature table (inclusive days).</summary>
/// <param name="CalibrationEnd">Last day of the calibration period.</param>
/// <param name="ObservationEnd">Last day of the holdout period (equal to <paramref name="CalibrationEnd"/> without a holdout).</param>
/// <param name="FirstTransaction">Earliest accepted transaction, when known.</param>
/// <param name="LastTransaction">Latest accepted transaction, when known.</param>
public sealed record FeatureWindow(DateOnly? CalibrationEnd, DateOnly? ObservationEnd, DateOnly? FirstTransaction, DateOnly? LastTransaction);

/// <summary>Classic RFM and tenure columns, over the calibration period.</summary>
/// <param name="RecencyDays">Days from the last purchase to the calibration end.</param>
/// <param name="Orders">Orders (adjacent rows with one order id are one order; without order ids, rows).</param>
/// <param name="TotalSpend">Net spend.</param>
/// <param name="AvgOrderValue">Net spend per order.</param>
/// <param name="TenureDays">Days from the first purchase to the calibration end.</param>
/// <param name="FirstPurchase">Date of the first purchase.</param>
/// <param name="LastPurchase">Date of the last purchase.</param>
public sealed record RfmColumns(int[] RecencyDays, int[] Orders, double[] TotalSpend, double[] AvgOrderValue,
    int[] TenureDays, DateOnly[] FirstPurchase, DateOnly[] LastPurchase);

/// <summary>Holdout-period targets.</summary>
/// <param name="Frequency">Purchase periods in the holdout (lifetimes' <c>frequency_holdout</c>).</param>
/// <param name="Spend">Net spend in the holdout.</param>
/// <param name="Duration">Holdout length in time units (lifetimes' <c>duration_holdout</c>).</param>
public sealed record HoldoutColumns(double[] Frequency, double[] Spend, double[] Duration);

/// <summary>A per-customer text column carried through for grouping (channel, country, ...).</summary>
/// <param name="Name">Input column name.</param>
/// <param name="Values">One value per customer.</param>
public sealed record AttributeColumn(string Name, string[] Values);
