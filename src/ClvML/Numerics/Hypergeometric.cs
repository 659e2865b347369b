namespace ClvML.Numerics;

/// <summary>
/// The Gauss hypergeometric function 2F1(a, b; c; z) for real arguments and z &lt; 1, which
/// MathNet.Numerics does not provide. BG/NBD predictions need it at z = t/(alpha + T + t) and the
/// Pareto/NBD likelihood at z = |alpha - beta|/(max(alpha, beta) + t): with hundreds of purchases
/// a or b is in the hundreds and the direct series' terms overflow before they shrink.
/// The series is therefore summed in whichever of two equal forms has the smaller leading term
/// ratio, with a running log scale:
/// <list type="bullet">
/// <item>direct: sum_n (a)_n (b)_n / ((c)_n n!) z^n (Abramowitz &amp; Stegun 15.1.1);</item>
/// <item>Euler: (1 - z)^(c - a - b) 2F1(c - a, c - b; c; z) (A&amp;S 15.3.3), the transform lifetimes falls back on;</item>
/// <item>for z &lt; 0, Pfaff: (1 - z)^(-a) 2F1(a, c - b; c; z/(z - 1)) (A&amp;S 15.3.4), which maps z into (0, 1).</item>
/// </list>
/// </summary>
public static class Hypergeometric
{
    /// <summary>Series terms summed before giving up (the result is then NaN).</summary>
    public const int MaximumTerms = 500_000;

    /// <summary>2F1(a, b; c; z); NaN when the series does not converge within <see cref="MaximumTerms"/>.</summary>
    public static double Hyp2F1(double a, double b, double c, double z)
    {
        var log = Log2F1(a, b, c, z, out var sign);
        return sign * Math.Exp(log);
    }

    /// <summary>ln |2F1(a, b; c; z)|, with the sign in <paramref name="sign"/>.</summary>
    public static double Log2F1(double a, double b, double c, double z, out int sign)
    {
        if (!(z < 1.0) || !double.IsFinite(z))
            throw new ArgumentOutOfRangeException(nameof(z), z, "2F1 is implemented for z < 1 only.");
        if (c <= 0 && c == Math.Floor(c))
            throw new ArgumentOutOfRangeException(nameof(c), c, "c must not be zero or a negative integer.");
        sign = 1;
        if (z == 0.0 || a == 0.0 || b == 0.0) return 0.0;
        if (z < 0)
        {
            // Pfaff keeps every argument real and moves z into (0, 1).
            var w = z / (z - 1.0);
            return -a * LogSpace.Log1p(-z) + Series(a, c - b, c, w, out sign);
        }
        var direct = Math.Abs(a * b);
        var euler = Math.Abs((c - a) * (c - b));
        if (euler < direct)
            return (c - a - b) * LogSpace.Log1p(-z) + Series(c - a, c - b, c, z, out sign);
        return Series(a, b, c, z, out sign);
    }

    /// <summary>ln 2F1(a, b; c; z) for a positive value (the likelihood case); NaN when it is not positive.</summary>
    public static double Log2F1(double a, double b, double c, double z)
    {
        var log = Log2F1(a, b, c, z, out var sign);
        return sign > 0 ? log : double.NaN;
    }

    /// <summary>The power series at 0 &lt;= z &lt; 1, rescaled whenever it grows past 1e250 so large partial sums stay finite.</summary>
    private static double Series(double a, double b, double c, double z, out int sign)
    {
        const double Big = 1e250;
        var logScale = 0.0;
        var sum = 1.0;
        var term = 1.0;
        for (var n = 0; n < MaximumTerms; n++)
        {
            var factor = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
            term *= factor;
            sum += term;
            // Once the ratio is below one the remaining tail is at most term * ratio / (1 - ratio);
            // the ratio tends to z, so z bounds it when it is still rising. A zero term (a or b a
            // non-positive integer) ends a polynomial.
            var ratio = Math.Max(Math.Abs(factor), z);
            if (term == 0.0 || (ratio < 1.0 && Math.Abs(term) * ratio <= 1e-17 * (1.0 - ratio) * Math.Abs(sum) && n > 2))
            {
                sign = sum < 0 ? -1 : 1;
                return logScale + Math.Log(Math.Abs(sum));
            }
            if (Math.Abs(sum) > Big || Math.Abs(term) > Big)
            {
                sum /= Big;
                term /= Big;
                logScale += Math.Log(Big);
            }
        }
        sign = sum < 0 ? -1 : 1;
        return double.NaN;
    }
}
