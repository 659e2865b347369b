using ClvML.Features;

namespace ClvML.Formulas;

/// <summary>
/// The textbook CLV formula: average purchase value x purchase frequency x expected lifespan, with
/// the lifespan from a retention rate r (a customer retained with probability r each period lives
/// r + r^2 + ... = r / (1 - r) further periods; Berger &amp; Nasr 1998, case 1). Over a horizon of
/// one retention period the expected active share is r, so the holdout forecast is
/// APV x orders per time unit x horizon x r, per customer, with r estimated on the calibration
/// data over a period as long as the horizon (<see cref="RetentionRate"/>).
/// </summary>
public static class ValueFrequencyLifespan
{
    /// <summary>Predicted spend of each customer over <paramref name="horizon"/> time units at retention <paramref name="retention"/>.</summary>
    public static double[] Predict(CustomerFeatureTable table, ReadOnlySpan<double> horizon, double retention)
    {
        HistoricAverage.Check(table, horizon);
        if (!(retention is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(retention), "A retention rate in [0, 1].");
        var history = SpendHistory.Of(table);
        var predicted = new double[table.Count];
        for (var i = 0; i < predicted.Length; i++)
        {
            var orders = history.Orders[i];
            var averagePurchaseValue = orders > 0 ? history.Spend[i] / orders : 0;
            var purchaseFrequency = orders / history.Age[i];
            predicted[i] = averagePurchaseValue * purchaseFrequency * horizon[i] * retention;
        }
        return predicted;
    }

    /// <summary>Expected further lifespan, in periods, at retention <paramref name="retention"/>: r / (1 - r).</summary>
    public static double ExpectedLifespan(double retention) => retention / (1 - retention);
}
