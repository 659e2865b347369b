using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// The bracket of BG/NBD's conditional expectation (FHL 2005 eq. 10) and of MBG/NBD's,
/// 1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b'; c; z) with z = t/(alpha+T+t), at several horizons of
/// one customer. In the Euler form (A&amp;S 15.3.3) the 2F1's prefactor (1-z)^(c-a-b) combines with
/// (1-z)^(r+x) into (1-z)^(a-1), and the series 2F1(c-r-x, c-b'; c; z) is summed with coefficients
/// shared by every horizon (<see cref="Hypergeometric.TrySeries"/>).
/// </summary>
internal static class EulerFormForecast
{
    /// <summary>Writes the bracket per horizon; false (destination undefined) when the shared series cannot be used.</summary>
    /// <param name="t">Horizons.</param>
    /// <param name="alphaPlusT">alpha + T.</param>
    /// <param name="first">c - (r + x), the Euler form's first parameter.</param>
    /// <param name="second">c - b', the Euler form's second parameter (a - 1 for both models).</param>
    /// <param name="c">The 2F1's denominator parameter.</param>
    /// <param name="exponent">The combined exponent of (1 - z): a - 1.</param>
    /// <param name="destination">Receives the bracket per horizon (0 at t = 0).</param>
    public static bool TryBracket(ReadOnlySpan<double> t, double alphaPlusT, double first, double second, double c, double exponent, Span<double> destination)
    {
        var count = t.Length;
        Span<double> z = count <= 128 ? stackalloc double[count] : new double[count];
        Span<double> series = count <= 128 ? stackalloc double[count] : new double[count];
        for (var m = 0; m < count; m++) z[m] = t[m] / (alphaPlusT + t[m]);
        if (!Hypergeometric.TrySeries(first, second, c, z, series)) return false;
        for (var m = 0; m < count; m++)
            destination[m] = t[m] == 0 ? 0 : 1 - series[m] * Math.Exp(exponent * LogSpace.Log1p(-z[m]));
        return true;
    }
}
