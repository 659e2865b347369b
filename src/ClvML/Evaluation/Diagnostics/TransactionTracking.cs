using ClvML.Features;
using ClvML.Probabilistic;

namespace ClvML.Evaluation.Diagnostics;

/// <summary>
/// Repeat transactions per period over calibration and holdout, actual against each model
/// (lifetimes' <c>plot_incremental_transactions</c> and <c>plot_cumulative_transactions</c>; Fader,
/// Hardie &amp; Lee 2005, fig. 4). Time runs in the feature time unit from the first transaction;
/// period k covers (k - 1, k], so a repeat purchase at time s falls in period ceil(s). A model
/// expects sum over customers born before k of E[X(k - birth_i)] repeat transactions by the end of
/// period k, where birth_i = calibration end - T_i is the customer's first purchase.
/// </summary>
/// <param name="PeriodEnds">1, 2, ..., K: the end of each period in time units since the first transaction; the last
/// is the observation end, so a partial last period is compared with the models' expectation over the same part.</param>
/// <param name="CalibrationEnd">The calibration end on the same axis.</param>
/// <param name="ActualIncremental">Observed repeat transactions in each period.</param>
/// <param name="Models">Each model's expected repeat transactions in each period.</param>
public sealed record TransactionTracking(double[] PeriodEnds, double CalibrationEnd, double[] ActualIncremental, IReadOnlyList<NamedValues> Models)
{
    /// <summary>Running sums of per-period values.</summary>
    public static double[] Cumulative(IReadOnlyList<double> incremental)
    {
        var sum = 0.0;
        return [.. incremental.Select(v => sum += v)];
    }

    /// <summary>
    /// Builds the tracking from the observed repeat purchases (<see cref="RepeatTransactionCounter"/>)
    /// and the models' expectations for the customers of <paramref name="table"/>.
    /// </summary>
    public static TransactionTracking Build(CustomerFeatureTable table, RepeatTransactionCounter counter, IReadOnlyList<ITransactionModel> models)
    {
        var actual = counter.PerPeriod();
        var periods = actual.Length;
        var ends = Enumerable.Range(1, periods).Select(k => (double)k).ToArray();
        if (counter.ObservationEnd > 0) ends[^1] = Math.Min(ends[^1], counter.ObservationEnd);
        var calibrationEnd = counter.CalibrationEnd;
        // Births repeat (customers join in whole purchase periods), so each distinct birth is evaluated once.
        var births = table.T.Select(t => calibrationEnd - t).GroupBy(b => b).Select(g => (Birth: g.Key, Count: g.Count())).OrderBy(b => b.Birth).ToArray();
        var columns = new List<NamedValues>();
        foreach (var model in models)
        {
            var cumulative = new double[periods];
            for (var k = 0; k < periods; k++)
                foreach (var (birth, count) in births)
                    if (birth < ends[k]) cumulative[k] += count * model.ExpectedPurchases(ends[k] - birth);
            var incremental = new double[periods];
            for (var k = 0; k < periods; k++) incremental[k] = cumulative[k] - (k > 0 ? cumulative[k - 1] : 0);
            columns.Add(new NamedValues(model.Name, incremental));
        }
        return new TransactionTracking(ends, calibrationEnd, actual, columns);
    }
}
