namespace ClvML.Probabilistic;

/// <summary>The pieces the covariate models share: validation, the linear predictor gamma' z and per-customer maps.</summary>
internal static class CovariateModelParts
{
    public static double[] Coefficients(IReadOnlyList<double> gamma, int columns, string name)
    {
        ArgumentNullException.ThrowIfNull(gamma, name);
        if (gamma.Count != columns) throw new ArgumentException($"{name} needs one coefficient per covariate ({columns}), got {gamma.Count}.", name);
        if (gamma.Any(g => !double.IsFinite(g))) throw new ArgumentException($"{name} must be finite.", name);
        return [.. gamma];
    }

    public static double Effect(IReadOnlyList<double> gamma, ReadOnlySpan<double> z)
    {
        if (z.Length != gamma.Count) throw new ArgumentException($"Expected {gamma.Count} covariates, got {z.Length}.", nameof(z));
        double effect = 0;
        for (var k = 0; k < z.Length; k++) effect += gamma[k] * z[k];
        return effect;
    }

    public static IReadOnlyDictionary<string, double> ByName(IReadOnlyList<string> covariates, IReadOnlyList<double> gamma) =>
        covariates.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => gamma[p.k], StringComparer.Ordinal);

    /// <summary>Applies <paramref name="score"/> to every customer with the customer's own plain model.</summary>
    public static double[] PerCustomer<TModel>(Func<int, TModel> model, CovariateMatrix covariates, ReadOnlySpan<double> frequency,
        ReadOnlySpan<double> recency, ReadOnlySpan<double> T, Func<TModel, double, double, double, double> score)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Rows != frequency.Length || recency.Length != frequency.Length || T.Length != frequency.Length)
            throw new ArgumentException("Covariates, frequency, recency and T need one entry per customer.");
        var result = new double[frequency.Length];
        for (var i = 0; i < result.Length; i++) result[i] = score(model(i), frequency[i], recency[i], T[i]);
        return result;
    }

    /// <summary>Simulates each customer from its own plain model; seeds per customer come from one stream.</summary>
    public static SimulatedCustomers Simulate(Func<int, Func<double[], int, double, SimulatedCustomers>> simulator, int rows,
        ReadOnlySpan<double> T, int seed, double period)
    {
        if (T.Length != rows) throw new ArgumentException($"{T.Length} ages for {rows} covariate rows.", nameof(T));
        var seeds = new Random(seed);
        double[] x = new double[rows], tx = new double[rows], t = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var one = simulator(i)([T[i]], seeds.Next(), period);
            (x[i], tx[i], t[i]) = (one.Frequency[0], one.Recency[0], one.T[0]);
        }
        return new SimulatedCustomers(x, tx, t);
    }
}
