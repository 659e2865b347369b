using ClvML.Features;

namespace ClvML.Formulas;

/// <summary>
/// The simplest forecast practitioners use: each customer keeps spending at their historic rate,
/// spend so far / age, for the horizon (Malthouse 2013 calls it the naive model every CLV model
/// must beat). Spend-rate x horizon, per customer.
/// </summary>
public static class HistoricAverage
{
    /// <summary>Predicted spend of each customer over <paramref name="horizon"/> time units.</summary>
    public static double[] Predict(CustomerFeatureTable table, ReadOnlySpan<double> horizon)
    {
        Check(table, horizon);
        var history = SpendHistory.Of(table);
        var predicted = new double[table.Count];
        for (var i = 0; i < predicted.Length; i++) predicted[i] = history.Spend[i] / history.Age[i] * horizon[i];
        return predicted;
    }

    internal static void Check(CustomerFeatureTable table, ReadOnlySpan<double> horizon)
    {
        if (horizon.Length != table.Count) throw new ArgumentException($"{horizon.Length} horizons for {table.Count} customers.");
        foreach (var h in horizon)
            if (!(h >= 0) || !double.IsFinite(h)) throw new ArgumentException($"Horizon {h} is not a finite length >= 0.");
    }
}
