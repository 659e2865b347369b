using ClvML.Features;

namespace ClvML.Formulas;

/// <summary>
/// What the practitioners' formulas need per customer, from either kind of feature table: spend,
/// orders and age (T, in the table's time unit). A table read from a summary file has no order
/// columns; there the repeat purchases stand in (frequency purchases at monetary_value each).
/// </summary>
internal sealed class SpendHistory
{
    private SpendHistory(double[] spend, double[] orders, double[] age, double[] sinceLast)
    {
        Spend = spend;
        Orders = orders;
        Age = age;
        SinceLastPurchase = sinceLast;
    }

    /// <summary>Calibration spend per customer.</summary>
    public double[] Spend { get; }
    /// <summary>Calibration orders per customer.</summary>
    public double[] Orders { get; }
    /// <summary>Customer age T at calibration end, floored at one time unit so rates stay finite for a customer first seen on the last day.</summary>
    public double[] Age { get; }
    /// <summary>Time from the last purchase to the calibration end (T - recency).</summary>
    public double[] SinceLastPurchase { get; }

    public static SpendHistory Of(CustomerFeatureTable table)
    {
        var n = table.Count;
        var spend = new double[n];
        var orders = new double[n];
        var age = new double[n];
        var since = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (table.Rfm is { } rfm)
            {
                spend[i] = rfm.TotalSpend[i];
                orders[i] = rfm.Orders[i];
            }
            else
            {
                spend[i] = table.Frequency[i] * table.MonetaryValue[i];
                orders[i] = table.Frequency[i];
            }
            age[i] = Math.Max(table.T[i], 1);
            since[i] = table.T[i] - table.Recency[i];
        }
        return new SpendHistory(spend, orders, age, since);
    }
}
