using ClvML.Numerics;
using MathNet.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// The negative binomial count of a Poisson process whose rate is Gamma(r, alpha): the purchase
/// count of a customer who stays alive through (0, t]. Shared by the count probabilities of the models.
/// </summary>
internal static class Nbd
{
    /// <summary>ln P(N(t) = n) = ln[Gamma(r+n)/(Gamma(r) n!) (alpha/(alpha+t))^r (t/(alpha+t))^n].</summary>
    public static double LogProbability(int n, double r, double alpha, double t) =>
        LogSpace.LogGamma(r + n) - LogSpace.LogGamma(r) - LogSpace.LogGamma(n + 1.0)
        + r * Math.Log(alpha / (alpha + t)) + (n == 0 ? 0 : n * Math.Log(t / (alpha + t)));

    /// <summary>
    /// P(N(t) &gt;= n) = I_{t/(alpha+t)}(n, r), the regularised incomplete beta function: exact in the far
    /// tail where 1 - sum_{j&lt;n} P(N = j) would cancel to rounding noise.
    /// </summary>
    public static double Tail(int n, double r, double alpha, double t) =>
        n == 0 ? 1.0 : SpecialFunctions.BetaRegularized(n, r, t / (alpha + t));
}
