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

    /// <summary>
    /// The power series 2F1(a, b; c; z_m) = sum_n (a)_n (b)_n / ((c)_n n!) z_m^n (A&amp;S 15.1.1) at several
    /// 0 &lt;= z_m &lt; 1 sharing a, b and c (a customer's monthly forecasts). The coefficients are computed
    /// once for every z, so the division that dominates a term's cost is paid once per term, not once
    /// per z; each sum stops by the scalar form's rule. No transform is applied: the caller picks the
    /// form whose coefficients stay bounded (BG/NBD's Euler form). Returns false, leaving
    /// <paramref name="sum"/> undefined, when a coefficient or sum grows past 1e250 or the series does
    /// not converge; the caller then uses <see cref="Log2F1(double, double, double, double, out int)"/>.
    /// </summary>
    /// <param name="a">First numerator parameter.</param>
    /// <param name="b">Second numerator parameter.</param>
    /// <param name="c">Denominator parameter, not zero or a negative integer.</param>
    /// <param name="z">Arguments in [0, 1).</param>
    /// <param name="sum">Receives the series' value per argument.</param>
    public static bool TrySeries(double a, double b, double c, ReadOnlySpan<double> z, Span<double> sum)
    {
        const double Big = 1e250;
        if (sum.Length != z.Length) throw new ArgumentException("One sum per argument is needed.", nameof(sum));
        if (c <= 0 && c == Math.Floor(c)) return false;
        var count = z.Length;
        foreach (var v in z)
            if (!(v >= 0.0 && v < 1.0)) return false;
        Span<double> power = count <= 128 ? stackalloc double[count] : new double[count];
        sum.Fill(1.0);
        power.Fill(1.0);
        // The sums are checked at the largest z, whose terms are the largest: once its tail is below
        // 1e-17 of the smallest sum (the scalar rule, made conservative), every sum has converged.
        var zMax = 0.0;
        foreach (var v in z) zMax = Math.Max(zMax, v);
        var powerMax = 1.0;
        var coefficient = 1.0;
        for (var n = 0; n < MaximumTerms; n++)
        {
            var growth = (a + n) * (b + n) / ((c + n) * (n + 1.0));
            coefficient *= growth;
            if (!(Math.Abs(coefficient) <= Big)) return false;
            for (var m = 0; m < count; m++)
            {
                power[m] *= z[m];
                sum[m] += coefficient * power[m];
            }
            powerMax *= zMax;
            var termMax = Math.Abs(coefficient * powerMax);
            var ratio = Math.Max(Math.Abs(growth) * zMax, zMax);
            // Checked every eighth term: a few extra terms cost less than scanning the sums each time.
            if (termMax != 0.0 && !(ratio < 1.0 && n > 2 && (n & 7) == 7)) continue;
            var smallest = double.PositiveInfinity;
            for (var m = 0; m < count; m++)
            {
                if (!(Math.Abs(sum[m]) <= Big)) return false;
                smallest = Math.Min(smallest, Math.Abs(sum[m]));
            }
            if (termMax == 0.0 || termMax * ratio <= 1e-17 * (1.0 - ratio) * smallest) return true;
        }
        return false;
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
