using System.Globalization;
using ClvML.Features;

namespace ClvML.Interop;

/// <summary>
/// A <see cref="CustomerFeatureTable"/> from the columns a DataFrame or an IDataView gave, each value checked
/// as the summary reader checks a file's: an id that is empty or repeated, a number that is NaN or infinite,
/// a negative count or duration, a fractional or out-of-range whole number, and recency greater than T are
/// refused, naming the column, the row and the customer. Money (monetary value, spend) may be negative:
/// returns are netted.
/// </summary>
internal static class FeatureTableAssembly
{
    /// <param name="plan">What was read.</param>
    /// <param name="values">Each planned column's values by feature name: string[] for text, DateOnly[] for dates, double[] for numbers.</param>
    public static CustomerFeatureTable Build(FeatureImportPlan plan, IReadOnlyDictionary<string, Array> values)
    {
        var ids = (string[])values[FeatureSchema.CustomerId.Name];
        CheckIds(plan, ids);
        double[] Reals(FeatureColumn column) => CheckReals(plan, column, (double[])values[column.Name], ids);
        int[] Integers(FeatureColumn column) => ToIntegers(plan, column, (double[])values[column.Name], ids);
        DateOnly[] Dates(FeatureColumn column) => (DateOnly[])values[column.Name];

        var recency = Reals(FeatureSchema.Recency);
        var t = Reals(FeatureSchema.T);
        for (var i = 0; i < ids.Length; i++)
            if (recency[i] > t[i])
                throw plan.ValueError(FeatureSchema.Recency.Name, i, ids[i],
                    $"recency {recency[i].ToString("R", CultureInfo.InvariantCulture)} is greater than T {t[i].ToString("R", CultureInfo.InvariantCulture)}");
        var rfm = plan.HasRfm
            ? new RfmColumns(Integers(FeatureSchema.RecencyDays), Integers(FeatureSchema.Orders), Reals(FeatureSchema.TotalSpend),
                Reals(FeatureSchema.AvgOrderValue), Integers(FeatureSchema.TenureDays), Dates(FeatureSchema.FirstPurchase), Dates(FeatureSchema.LastPurchase))
            : null;
        var holdout = plan.HasHoldout
            ? new HoldoutColumns(Reals(FeatureSchema.HoldoutFrequency), Reals(FeatureSchema.HoldoutSpend), Reals(FeatureSchema.HoldoutDuration))
            : null;
        var attributes = plan.Options.Attributes.Select(name => new AttributeColumn(name, (string[])values[name])).ToList();
        return new CustomerFeatureTable(ids, Reals(FeatureSchema.Frequency), recency, t, Reals(FeatureSchema.MonetaryValue),
            plan.Options.TimeUnit, plan.Options.Window, rfm, holdout, attributes);
    }

    private static void CheckIds(FeatureImportPlan plan, string[] ids)
    {
        var first = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(ids[i])) throw plan.ValueError(FeatureSchema.CustomerId.Name, i, null, "the customer id is empty");
            if (!first.TryAdd(ids[i], i))
                throw plan.ValueError(FeatureSchema.CustomerId.Name, i, ids[i], $"the customer appears again (first at row {first[ids[i]].ToString(CultureInfo.InvariantCulture)}); a feature table has one row a customer");
        }
    }

    private static double[] CheckReals(FeatureImportPlan plan, FeatureColumn column, double[] values, string[] ids)
    {
        var mayBeNegative = IsMoney(column);
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v)) throw plan.ValueError(column.Name, i, ids[i], $"{Text(v)}; a feature value must be a finite number");
            if (v < 0 && !mayBeNegative) throw plan.ValueError(column.Name, i, ids[i], $"{Text(v)} is negative; {column.Name} counts {column.Unit}");
        }
        return values;
    }

    private static int[] ToIntegers(FeatureImportPlan plan, FeatureColumn column, double[] values, string[] ids)
    {
        var integers = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v)) throw plan.ValueError(column.Name, i, ids[i], $"{Text(v)}; a feature value must be a finite number");
            if (v < 0) throw plan.ValueError(column.Name, i, ids[i], $"{Text(v)} is negative; {column.Name} counts {column.Unit}");
            if (v != Math.Floor(v)) throw plan.ValueError(column.Name, i, ids[i], $"{Text(v)} is not a whole number of {column.Unit}");
            if (v > int.MaxValue) throw plan.ValueError(column.Name, i, ids[i], $"{Text(v)} is more than a 32-bit count holds ({int.MaxValue.ToString(CultureInfo.InvariantCulture)})");
            integers[i] = (int)v;
        }
        return integers;
    }

    /// <summary>Money is net of returns, so it may be negative; every other number counts something.</summary>
    private static bool IsMoney(FeatureColumn column) => column.Unit.StartsWith("currency", StringComparison.Ordinal);

    private static string Text(double v) => double.IsNaN(v) ? "NaN (a missing value)" : v.ToString("R", CultureInfo.InvariantCulture);
}
