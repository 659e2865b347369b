namespace ClvML.Evaluation.Diagnostics;

/// <summary>
/// Mean holdout purchases per customer by calibration frequency (0 ... 6, 7+), actual against each
/// model's conditional expectation (lifetimes' <c>plot_calibration_purchases_vs_holdout_purchases</c>;
/// Fader, Hardie &amp; Lee 2005, fig. 5): the check that a model's forecast is right for light and
/// heavy buyers alike, not only in total.
/// </summary>
public static class ConditionalExpectations
{
    /// <summary>Computes the comparison.</summary>
    /// <param name="frequency">Calibration repeat purchases per customer.</param>
    /// <param name="actualPurchases">Actual holdout purchases per customer.</param>
    /// <param name="models">Each model's predicted holdout purchases per customer.</param>
    public static CategoryComparison Compute(IReadOnlyList<double> frequency, IReadOnlyList<double> actualPurchases, IReadOnlyList<NamedValues> models)
    {
        var k = CategoryComparison.OpenCategory + 1;
        var customers = new double[k];
        var actual = new double[k];
        var predicted = models.Select(_ => new double[k]).ToArray();
        for (var i = 0; i < frequency.Count; i++)
        {
            var c = CategoryComparison.FrequencyCategory(frequency[i]);
            customers[c]++;
            actual[c] += actualPurchases[i];
            for (var m = 0; m < models.Count; m++) predicted[m][c] += models[m].Values[i];
        }
        for (var c = 0; c < k; c++)
        {
            actual[c] = customers[c] > 0 ? actual[c] / customers[c] : double.NaN;
            foreach (var p in predicted) p[c] = customers[c] > 0 ? p[c] / customers[c] : double.NaN;
        }
        return new CategoryComparison(CategoryComparison.FrequencyLabels, customers, actual,
            [.. models.Select((m, i) => new NamedValues(m.Name, predicted[i]))]);
    }
}
