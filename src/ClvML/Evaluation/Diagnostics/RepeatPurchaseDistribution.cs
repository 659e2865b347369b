using ClvML.Features;
using ClvML.Probabilistic;

namespace ClvML.Evaluation.Diagnostics;

/// <summary>
/// How many customers made 0, 1, ..., 6 and 7+ repeat purchases in the calibration period, actual
/// against each model (lifetimes' <c>plot_period_transactions</c>; Fader, Hardie &amp; Lee 2005, fig. 3):
/// a model expects sum over customers of P(X(T_i) = x) customers with x repeat purchases, and the
/// rest of the customers in "7+", so every model's column sums to the customer count.
/// </summary>
public static class RepeatPurchaseDistribution
{
    /// <summary>Computes the comparison for every model.</summary>
    public static CategoryComparison Compute(CustomerFeatureTable table, IReadOnlyList<ITransactionModel> models)
    {
        var k = CategoryComparison.OpenCategory;
        var actual = new double[k + 1];
        foreach (var x in table.Frequency) actual[CategoryComparison.FrequencyCategory(x)]++;
        // Customers share few distinct ages T (whole periods), so each P(X(T) = x) is computed once per age.
        var ages = table.T.GroupBy(t => t).Select(g => (T: g.Key, Count: g.Count())).OrderBy(a => a.T).ToArray();
        var columns = new List<NamedValues>();
        foreach (var model in models)
        {
            var expected = new double[k + 1];
            foreach (var (t, count) in ages)
                for (var x = 0; x < k; x++)
                {
                    var p = model.ProbabilityOfPurchases(x, t);
                    if (double.IsFinite(p)) expected[x] += count * p;
                }
            expected[k] = table.Count - expected.Take(k).Sum();
            columns.Add(new NamedValues(model.Name, expected));
        }
        return new CategoryComparison(CategoryComparison.FrequencyLabels, [.. actual], actual, columns);
    }
}
