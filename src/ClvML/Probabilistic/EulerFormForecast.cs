using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// The conditional expectation of BG/NBD (FHL 2005 eq. 10) and of MBG/NBD at several horizons of one
/// customer (the monthly steps of CLV): c/(a-1) P(alive) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b'; c; z)]
/// with z = t/(alpha+T+t). In the Euler form (A&amp;S 15.3.3) the 2F1's prefactor (1-z)^(c-(r+x)-b')
/// combines with (1-z)^(r+x) into (1-z)^(a-1), and the series 2F1(c-r-x, c-b'; c; z) (c - b' = a - 1
/// in both models) is summed with coefficients shared by every horizon (<see cref="Hypergeometric.TrySeries"/>);
/// P(alive) is computed once.
/// </summary>
internal static class EulerFormForecast
{
    /// <summary>Writes E[Y(t_m) | x, t_x, T] per horizon, falling back to the model's one-at-a-time form when the shared series cannot be used.</summary>
    /// <param name="model">The model, for P(alive) and the fallback.</param>
    /// <param name="t">Horizons.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="T">Age at the end of calibration.</param>
    /// <param name="alpha">The model's alpha.</param>
    /// <param name="a">The model's a.</param>
    /// <param name="first">c - (r + x), the Euler form's first parameter.</param>
    /// <param name="c">The 2F1's denominator parameter (a + b + x - 1 for BG/NBD, a + b + x for MBG/NBD).</param>
    /// <param name="destination">Receives one expectation per horizon.</param>
    public static void ConditionalExpectedPurchases(ITransactionModel model, ReadOnlySpan<double> t, double frequency, double recency, double T,
        double alpha, double a, double first, double c, Span<double> destination)
    {
        if (t.Length != destination.Length) throw new ArgumentException("One destination per horizon is needed.", nameof(destination));
        ModelArguments.History(frequency, recency, T);
        foreach (var h in t) ModelArguments.Horizon(h);
        Span<double> shared = t.Length <= 128 ? stackalloc double[t.Length] : new double[t.Length];
        if (!TryShared(t, T, alpha, a, first, c, shared))
        {
            for (var m = 0; m < t.Length; m++) destination[m] = model.ConditionalExpectedPurchases(t[m], frequency, recency, T);
            return;
        }
        FromShared(t, shared, a, c, model.ProbabilityAlive(frequency, recency, T), destination);
    }

    /// <summary>
    /// The part of every horizon's expectation that depends on x and T only, 1 - (1-z)^(a-1) 2F1(...):
    /// customers who differ only in recency share it. False when the series cannot be used (the
    /// caller then goes one horizon at a time).
    /// </summary>
    public static bool TryShared(ReadOnlySpan<double> t, double T, double alpha, double a, double first, double c, Span<double> shared)
    {
        var count = t.Length;
        Span<double> z = count <= 128 ? stackalloc double[count] : new double[count];
        Span<double> series = count <= 128 ? stackalloc double[count] : new double[count];
        for (var m = 0; m < count; m++) z[m] = t[m] / (alpha + T + t[m]);
        if (!Hypergeometric.TrySeries(first, a - 1, c, z, series)) return false;
        for (var m = 0; m < count; m++) shared[m] = 1 - series[m] * Math.Exp((a - 1) * LogSpace.Log1p(-z[m]));
        return true;
    }

    /// <summary>The expectations from <see cref="TryShared"/>'s part and the customer's P(alive): c/(a-1) P(alive) times the shared part.</summary>
    public static void FromShared(ReadOnlySpan<double> t, ReadOnlySpan<double> shared, double a, double c, double probabilityAlive, Span<double> destination)
    {
        var scale = c / (a - 1) * probabilityAlive;
        for (var m = 0; m < t.Length; m++) destination[m] = t[m] == 0 ? 0 : scale * shared[m];
    }
}
