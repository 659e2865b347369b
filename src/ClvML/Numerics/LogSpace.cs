using MathNet.Numerics;

namespace ClvML.Numerics;

/// <summary>
/// Arithmetic on logarithms. The BTYD likelihoods add and subtract terms such as
/// (alpha + T)^-(r + x) that under- or overflow for customers with hundreds of purchases; in log
/// space they stay finite. .NET's <c>double.LogP1</c>/<c>ExpM1</c> compute <c>Log(1 + x)</c> and
/// <c>Exp(x) - 1</c> literally and lose every digit for small x, hence the corrected forms here.
/// </summary>
public static class LogSpace
{
    /// <summary>ln(1 + x), accurate for small |x| (Goldberg 1991, "What every computer scientist should know about floating-point arithmetic", theorem 4).</summary>
    public static double Log1p(double x)
    {
        var u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsInfinity(u)) return Math.Log(u);
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>exp(x) - 1, accurate for small |x| (Kahan's correction of the rounding in exp(x)).</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) > 0.5) return Math.Exp(x) - 1.0;
        var u = Math.Exp(x);
        if (u == 1.0) return x;
        var um1 = u - 1.0;
        return um1 * x / Math.Log(u);
    }

    /// <summary>ln(exp(a) + exp(b)) without overflow; -inf terms are empty.</summary>
    public static double LogSumExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        return a >= b ? a + Log1p(Math.Exp(b - a)) : b + Log1p(Math.Exp(a - b));
    }

    /// <summary>ln(sum of exp(values)); -inf for an empty span.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values) max = Math.Max(max, v);
        if (double.IsNegativeInfinity(max) || double.IsNaN(max)) return max;
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>ln(1 - exp(x)) for x &lt;= 0, switching form at -ln 2 (Maechler 2012, "Accurately computing log(1 - exp(-|a|))").</summary>
    public static double Log1mExp(double x)
    {
        if (x > 0) return double.NaN;
        return x > -0.6931471805599453 ? Math.Log(-Expm1(x)) : Log1p(-Math.Exp(x));
    }

    /// <summary>ln(exp(a) - exp(b)) for a &gt;= b; -inf when they are equal.</summary>
    public static double LogDiffExp(double a, double b)
    {
        if (double.IsNegativeInfinity(b)) return a;
        return a + Log1mExp(b - a);
    }

    /// <summary>ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b), with MathNet's GammaLn.</summary>
    public static double LogBeta(double a, double b) => SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b);

    /// <summary>ln Gamma(x) (MathNet.Numerics).</summary>
    public static double LogGamma(double x) => SpecialFunctions.GammaLn(x);

    /// <summary>
    /// The trigamma function psi'(x), which MathNet.Numerics lacks: the recurrence psi'(x) = psi'(x+1) + 1/x^2
    /// up to x &gt;= 10, then the asymptotic series 1/x + 1/(2x^2) + sum B_2k / x^(2k+1) (Abramowitz &amp; Stegun 6.4.12),
    /// accurate to about 1e-15 there.
    /// </summary>
    public static double Trigamma(double x)
    {
        var sum = 0.0;
        while (x < 10)
        {
            sum += 1 / (x * x);
            x += 1;
        }
        var inv = 1 / x;
        var inv2 = inv * inv;
        var series = inv + 0.5 * inv2 + inv * inv2 * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 * (1.0 / 30 - inv2 * (5.0 / 66 - inv2 * (691.0 / 2730 - inv2 * 7.0 / 6))))));
        return sum + series;
    }

    /// <summary>The digamma function psi(x) = d ln Gamma(x) / dx (MathNet.Numerics).</summary>
    public static double Digamma(double x) => SpecialFunctions.DiGamma(x);
}
