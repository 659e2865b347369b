namespace ClvML.Probabilistic;

/// <summary>A fitted probabilistic model: parameters by their paper names and how the fit went.</summary>
public interface IProbabilisticModel
{
    /// <summary>The config name of the model (bgnbd, mbgnbd, pareto_nbd, bgbb, gamma_gamma).</summary>
    string Name { get; }
    /// <summary>Parameters by their paper names, in the paper's order.</summary>
    IReadOnlyList<KeyValuePair<string, double>> Parameters { get; }
    /// <summary>How the fit went; null for a model built from given parameters.</summary>
    FitDiagnostics? Diagnostics { get; }
    /// <summary>Standard errors by parameter name (NaN where the Hessian gives none); null when not fitted.</summary>
    IReadOnlyDictionary<string, double>? StandardErrors { get; }
}

/// <summary>
/// A fitted "buy till you die" transaction model. Time is in the unit of the data it was fitted on
/// (weeks for CDNOW); frequency counts repeat purchases, recency is the age at the last purchase
/// and T the age at the end of the calibration period (lifetimes' conventions).
/// </summary>
public interface ITransactionModel : IProbabilisticModel
{
    /// <summary>E[X(t)]: expected repeat purchases of a new customer in (0, t].</summary>
    double ExpectedPurchases(double t);
    /// <summary>E[Y(t) | x, t_x, T]: expected purchases in the next t of a customer with this history.</summary>
    double ConditionalExpectedPurchases(double t, double frequency, double recency, double T);
    /// <summary>P(alive | x, t_x, T): probability the customer is still active at T.</summary>
    double ProbabilityAlive(double frequency, double recency, double T);
    /// <summary>
    /// E[Y(t_m) | x, t_x, T] of one customer at several horizons (the monthly steps of CLV). Models
    /// override it where the horizons share work (one P(alive), one set of series coefficients).
    /// </summary>
    void ConditionalExpectedPurchases(ReadOnlySpan<double> t, double frequency, double recency, double T, Span<double> destination)
    {
        if (t.Length != destination.Length) throw new ArgumentException("One destination per horizon is needed.", nameof(destination));
        for (var m = 0; m < t.Length; m++) destination[m] = ConditionalExpectedPurchases(t[m], frequency, recency, T);
    }
    /// <summary>P(X(t) = n): probability a new customer makes exactly n repeat purchases in (0, t].</summary>
    double ProbabilityOfPurchases(int n, double t);
}

/// <summary>Span-based batch forms of the <see cref="ITransactionModel"/> predictions.</summary>
public static class TransactionModelBatch
{
    /// <summary>E[X(t)] for each t.</summary>
    public static void ExpectedPurchases(this ITransactionModel model, ReadOnlySpan<double> t, Span<double> destination)
    {
        CheckLength(t.Length, destination.Length);
        for (var i = 0; i < t.Length; i++) destination[i] = model.ExpectedPurchases(t[i]);
    }

    /// <summary>E[Y(t) | x, t_x, T] for each customer over one horizon t.</summary>
    public static void ConditionalExpectedPurchases(this ITransactionModel model, double t, ReadOnlySpan<double> frequency,
        ReadOnlySpan<double> recency, ReadOnlySpan<double> T, Span<double> destination)
    {
        CheckLength(frequency.Length, recency.Length, T.Length, destination.Length);
        for (var i = 0; i < frequency.Length; i++) destination[i] = model.ConditionalExpectedPurchases(t, frequency[i], recency[i], T[i]);
    }

    /// <summary>E[Y(t_i) | x_i, t_x,i, T_i] for each customer over its own horizon (e.g. the holdout duration).</summary>
    public static void ConditionalExpectedPurchases(this ITransactionModel model, ReadOnlySpan<double> t, ReadOnlySpan<double> frequency,
        ReadOnlySpan<double> recency, ReadOnlySpan<double> T, Span<double> destination)
    {
        CheckLength(t.Length, frequency.Length, recency.Length, T.Length, destination.Length);
        for (var i = 0; i < frequency.Length; i++) destination[i] = model.ConditionalExpectedPurchases(t[i], frequency[i], recency[i], T[i]);
    }

    /// <summary>P(alive | x, t_x, T) for each customer.</summary>
    public static void ProbabilityAlive(this ITransactionModel model, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency,
        ReadOnlySpan<double> T, Span<double> destination)
    {
        CheckLength(frequency.Length, recency.Length, T.Length, destination.Length);
        for (var i = 0; i < frequency.Length; i++) destination[i] = model.ProbabilityAlive(frequency[i], recency[i], T[i]);
    }

    private static void CheckLength(int first, params ReadOnlySpan<int> others)
    {
        foreach (var length in others)
            if (length != first) throw new ArgumentException($"Every span needs the same length ({first} vs {length}).");
    }
}

/// <summary>Argument checks shared by the models' public methods.</summary>
internal static class ModelArguments
{
    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");

    public static void History(double frequency, double recency, double T)
    {
        if (!(frequency >= 0) || !(recency >= 0) || !(T >= 0) || !double.IsFinite(T) || !double.IsFinite(frequency) || recency > T * (1 + 1e-12))
            throw new ArgumentOutOfRangeException(nameof(frequency), $"need 0 <= recency <= T and frequency >= 0 (got x={frequency}, t_x={recency}, T={T}).");
    }

    public static void Horizon(double t)
    {
        if (!(t >= 0) || !double.IsFinite(t)) throw new ArgumentOutOfRangeException(nameof(t), t, "t must be finite and >= 0.");
    }
}
