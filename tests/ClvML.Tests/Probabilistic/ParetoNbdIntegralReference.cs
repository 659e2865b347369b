namespace ClvML.Tests.Probabilistic;

/// <summary>
/// An evaluation of the Pareto/NBD integral that shares nothing with the library's: Fader &amp; Hardie (2005),
/// "A note on deriving the Pareto/NBD model and related expressions", derive A0 (the term of eq. 18 that
/// eqs. 19-20 write as 2F1 differences) from
/// <code>
/// A0 = (r+s+x) I,  I = integral_{t_x}^{T} (alpha+tau)^-(r+x) (beta+tau)^-(s+1) d tau,
/// </code>
/// which this class integrates by tanh-sinh (double-exponential) quadrature in tau itself, tau = t_x +
/// (T - t_x) sigma(pi sinh t) with sigma the logistic function, halving the step until two levels agree
/// to 1e-15. The nodes crowd double-exponentially towards both ends, so the steep start of the integrand
/// when beta or alpha is small against T is resolved without knowing where it is. Alongside I it returns
/// the integrand-weighted means of ln(alpha+tau), 1/(alpha+tau), ln(beta+tau), 1/(beta+tau), from which
/// the derivatives of ln A0 follow by differentiating under the integral sign.
/// </summary>
internal static class ParetoNbdIntegralReference
{
    /// <summary>ln I and the weighted means; <c>Converged</c> is false if no two levels agreed.</summary>
    public static (double LogIntegral, double MeanLogAlpha, double MeanInverseAlpha, double MeanLogBeta, double MeanInverseBeta, bool Converged)
        Integrate(double r, double alpha, double s, double beta, double x, double tx, double T)
    {
        var length = T - tx;
        var previous = double.NaN;
        (double, double, double, double, double) level = default;
        // sigma(-pi sinh t) is below e^-700 beyond |t| = 6.1: nothing of the integral is left there.
        const double Reach = 6.2;
        for (var k = 3; k <= 12; k++)
        {
            var h = Math.Pow(2, -k);
            var n = (int)Math.Ceiling(Reach / h);
            var logTerms = new double[2 * n + 1];
            var (logA, invA, logB, invB) = (new double[2 * n + 1], new double[2 * n + 1], new double[2 * n + 1], new double[2 * n + 1]);
            for (var i = -n; i <= n; i++)
            {
                var t = i * h;
                var q = Math.PI * Math.Sinh(t);
                var logSigma = -LogOnePlusExp(-q);       // ln sigma(q): the share of the way from t_x
                var logSigmaComplement = -LogOnePlusExp(q); // ln sigma(-q): the share left to T
                // Measured from the nearer end, so the distance keeps its digits where it is tiny.
                double alphaTau, betaTau;
                if (q <= 0)
                {
                    var fromStart = length * Math.Exp(logSigma);
                    (alphaTau, betaTau) = (alpha + tx + fromStart, beta + tx + fromStart);
                }
                else
                {
                    var toEnd = length * Math.Exp(logSigmaComplement);
                    (alphaTau, betaTau) = (alpha + T - toEnd, beta + T - toEnd);
                }
                var j = i + n;
                (logA[j], logB[j]) = (Math.Log(alphaTau), Math.Log(betaTau));
                (invA[j], invB[j]) = (1 / alphaTau, 1 / betaTau);
                // d tau / d t = (T - t_x) pi cosh t sigma(q) sigma(-q).
                var logWeight = Math.Log(h * length * Math.PI * Math.Cosh(t)) + logSigma + logSigmaComplement;
                logTerms[j] = logWeight - (r + x) * logA[j] - (s + 1) * logB[j];
            }
            var max = logTerms.Max();
            double sum = 0, sumLogA = 0, sumInvA = 0, sumLogB = 0, sumInvB = 0;
            for (var j = 0; j < logTerms.Length; j++)
            {
                var w = Math.Exp(logTerms[j] - max);
                sum += w;
                sumLogA += w * logA[j];
                sumInvA += w * invA[j];
                sumLogB += w * logB[j];
                sumInvB += w * invB[j];
            }
            var logIntegral = max + Math.Log(sum);
            level = (logIntegral, sumLogA / sum, sumInvA / sum, sumLogB / sum, sumInvB / sum);
            if (Math.Abs(logIntegral - previous) <= 1e-15 * Math.Max(1, Math.Abs(logIntegral)))
                return (level.Item1, level.Item2, level.Item3, level.Item4, level.Item5, true);
            previous = logIntegral;
        }
        return (level.Item1, level.Item2, level.Item3, level.Item4, level.Item5, false);
    }

    /// <summary>ln(1 + e^y), keeping the digits of e^y when it is far below 1.</summary>
    private static double LogOnePlusExp(double y)
    {
        if (y > 40) return y;
        var e = Math.Exp(y);
        var u = 1 + e;
        // ln(u) e / (u - 1) corrects the rounding of 1 + e (Goldberg 1991, "What every computer scientist should know").
        return u == 1 ? e : Math.Log(u) * e / (u - 1);
    }
}
