using ClvML.Features;

namespace ClvML.Clustering;

/// <summary>
/// The per-customer quantities segments are described and scored by, in units a marketer reads:
/// days since the last purchase, purchases, spend and tenure. Taken from the RFM columns when the input had
/// transactions; for a summary input they are derived from lifetimes' columns (recency gap T - recency and
/// tenure T converted to days, purchases frequency + 1, revenue frequency x monetary_value).
/// </summary>
/// <param name="RecencyDays">Days from the last purchase to the calibration end.</param>
/// <param name="Purchases">Orders (or purchase periods for a summary input).</param>
/// <param name="Frequency">Repeat purchase periods (lifetimes' frequency).</param>
/// <param name="MonetaryValue">Mean spend of the repeat purchase periods (lifetimes' monetary_value).</param>
/// <param name="TenureDays">Days from the first purchase to the calibration end.</param>
/// <param name="Revenue">Net calibration spend.</param>
public sealed record CustomerValues(double[] RecencyDays, double[] Purchases, double[] Frequency, double[] MonetaryValue,
    double[] TenureDays, double[] Revenue)
{
    /// <summary>Number of customers.</summary>
    public int Count => RecencyDays.Length;

    /// <summary>The values of a feature table.</summary>
    public static CustomerValues From(CustomerFeatureTable table)
    {
        if (table.Rfm is { } rfm)
            return new CustomerValues(ToDoubles(rfm.RecencyDays), ToDoubles(rfm.Orders), table.Frequency, table.MonetaryValue,
                ToDoubles(rfm.TenureDays), rfm.TotalSpend);
        var days = PeriodCalendar.DaysIn(table.TimeUnit);
        var n = table.Count;
        var recency = new double[n];
        var purchases = new double[n];
        var tenure = new double[n];
        var revenue = new double[n];
        for (var i = 0; i < n; i++)
        {
            recency[i] = (table.T[i] - table.Recency[i]) * days;
            purchases[i] = table.Frequency[i] + 1;
            tenure[i] = table.T[i] * days;
            revenue[i] = table.Frequency[i] * table.MonetaryValue[i];
        }
        return new CustomerValues(recency, purchases, table.Frequency, table.MonetaryValue, tenure, revenue);
    }

    private static double[] ToDoubles(int[] values)
    {
        var doubles = new double[values.Length];
        for (var i = 0; i < values.Length; i++) doubles[i] = values[i];
        return doubles;
    }
}
