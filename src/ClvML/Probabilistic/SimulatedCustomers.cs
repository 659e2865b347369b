namespace ClvML.Probabilistic;

/// <summary>Customers drawn from a fitted model's generative story, in the form the fits take.</summary>
/// <param name="Frequency">Repeat purchases.</param>
/// <param name="Recency">Age at the last purchase (0 without repeat purchases).</param>
/// <param name="T">Age at the end of the observation.</param>
public sealed record SimulatedCustomers(double[] Frequency, double[] Recency, double[] T)
{
    internal static SimulatedCustomers Run(ReadOnlySpan<double> ages, int seed, double period, Func<Random, double, (int X, double Tx)> customer)
    {
        var random = new Random(seed);
        var n = ages.Length;
        var frequency = new double[n];
        var recency = new double[n];
        var t = ages.ToArray();
        for (var i = 0; i < n; i++)
        {
            if (!(t[i] >= 0) || !double.IsFinite(t[i])) throw new ArgumentOutOfRangeException(nameof(ages), t[i], "Ages must be finite and >= 0.");
            var (x, tx) = customer(random, t[i]);
            frequency[i] = x;
            recency[i] = period > 0 ? Math.Min(t[i], Math.Floor(tx / period) * period) : tx;
        }
        return new SimulatedCustomers(frequency, recency, t);
    }
}

/// <summary>Draws from the mixing distributions, seeded through <see cref="Random"/> (MathNet's samplers).</summary>
internal static class SimulationRandom
{
    /// <summary>Gamma with shape and rate (the papers' Gamma(r, alpha) has density alpha^r x^(r-1) e^(-alpha x) / Gamma(r)).</summary>
    public static double Gamma(Random random, double shape, double rate) => MathNet.Numerics.Distributions.Gamma.Sample(random, shape, rate);

    /// <summary>Beta(a, b).</summary>
    public static double Beta(Random random, double a, double b) => MathNet.Numerics.Distributions.Beta.Sample(random, a, b);

    /// <summary>Exponential waiting time at a rate; 1 - U keeps the argument of the log in (0, 1].</summary>
    public static double Exponential(Random random, double rate) => -Math.Log(1.0 - random.NextDouble()) / rate;
}
