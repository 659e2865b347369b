using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// The Pareto/NBD log-likelihood (Schmittlein, Morrison &amp; Colombo 1987; in the form of Fader &amp;
/// Hardie 2005, "A note on deriving the Pareto/NBD model and related expressions", eqs. 18-20):
/// <code>
/// L = Gamma(r+x) alpha^r beta^s / Gamma(r) * [ 1/((alpha+T)^(r+x) (beta+T)^s) + s/(r+s+x) A0 ]
/// </code>
/// where A0 is a difference of two 2F1 terms whose form depends on whether alpha &gt;= beta (eq. 19)
/// or alpha &lt; beta (eq. 20), so that the 2F1 argument |alpha - beta|/(max(alpha, beta) + y) lies in
/// [0, 1). Every piece is kept in log space. Predictions evaluate A0 with <see cref="Hypergeometric"/>;
/// the fit uses <see cref="LogF"/>, the same 2F1 in Euler form with its parameter derivatives summed
/// alongside, so the gradient is analytic (central differences would cost nine likelihoods per step).
/// One evaluation can be long (many rows, far-apart scales), so each chunk of rows first checks the fit's
/// <see cref="FitBudget"/>: a cancelled or timed-out fit stops once the chunks under way are done, not at the
/// end of the evaluation.
/// </summary>
internal sealed class ParetoNbdLikelihood(PurchaseSummary data, FitBudget? budget = null)
{
    private readonly FitBudget _budget = budget ?? FitBudget.Unlimited;

    private const int ChunkRows = 2_048;

    /// <summary>ln A0 (FH 2005 eqs. 19-20): ln[F(t_x) - F(T)], F(y) = 2F1(r+s+x, b'; r+s+x+1; |alpha-beta|/(m+y)) / (m+y)^(r+s+x).</summary>
    public static double LogA0(double r, double alpha, double s, double beta, double x, double tx, double T)
    {
        var m0 = Math.Max(alpha, beta);
        if (tx < T && Math.Abs(alpha - beta) / (m0 + tx) > SeriesLimit)
            return LogA0ByQuadrature(r, alpha, s, beta, x, tx, T, stackalloc double[4]);
        double m, b;
        if (alpha >= beta) (m, b) = (alpha, s + 1);
        else (m, b) = (beta, r + x);
        var d = Math.Abs(alpha - beta);
        var rsx = r + s + x;
        var atTx = Hypergeometric.Log2F1(rsx, b, rsx + 1, d / (m + tx)) - rsx * Math.Log(m + tx);
        var atT = Hypergeometric.Log2F1(rsx, b, rsx + 1, d / (m + T)) - rsx * Math.Log(m + T);
        // F is decreasing in y, so F(t_x) >= F(T); equality (t_x = T) gives A0 = 0, ln A0 = -inf.
        return atTx <= atT ? double.NegativeInfinity : LogSpace.LogDiffExp(atTx, atT);
    }

    /// <summary>The per-customer log-likelihood (FH 2005 eq. 18).</summary>
    public static double LogLikelihood(double r, double alpha, double s, double beta, double x, double tx, double T) =>
        LogSpace.LogGamma(r + x) - LogSpace.LogGamma(r) + r * Math.Log(alpha) + s * Math.Log(beta) + LogBracket(r, alpha, s, beta, x, tx, T);

    /// <summary>ln of the bracket of eq. 18, the part that depends on t_x and T.</summary>
    public static double LogBracket(double r, double alpha, double s, double beta, double x, double tx, double T) =>
        LogSpace.LogSumExp(-(r + x) * Math.Log(alpha + T) - s * Math.Log(beta + T),
            Math.Log(s) - Math.Log(r + s + x) + LogA0(r, alpha, s, beta, x, tx, T));

    /// <summary>Total negative log-likelihood at theta = (ln r, ln alpha, ln s, ln beta), with its analytic gradient when asked.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var r = Math.Exp(theta[0]);
        var alpha = Math.Exp(theta[1]);
        var s = Math.Exp(theta[2]);
        var beta = Math.Exp(theta[3]);
        var (logAlpha, logBeta) = (Math.Log(alpha), Math.Log(beta));
        var constant = r * logAlpha + s * logBeta - LogSpace.LogGamma(r);
        var psiR = LogSpace.Digamma(r);
        double ll = 0, dr = 0, dalpha = 0, ds = 0, dbeta = 0;
        for (var k = 0; k < data.DistinctX.Length; k++)
        {
            var w = data.DistinctXWeight[k];
            var x = data.DistinctX[k];
            ll += w * (LogSpace.LogGamma(r + x) + constant);
            dr += w * (LogSpace.Digamma(r + x) - psiR + logAlpha);
            dalpha += w * r / alpha;
            ds += w * logBeta;
            dbeta += w * s / beta;
        }
        var rows = data.Rows;
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        var partial = new double[chunks * 5];
        void Chunk(int c)
        {
            if (_budget.Expired) return;
            Span<double> g = stackalloc double[4];
            Span<double> sum = stackalloc double[5];
            for (var i = c * ChunkRows; i < Math.Min(rows, (c + 1) * ChunkRows); i++)
            {
                var w = data.Weight[i];
                sum[0] += w * Bracket(r, alpha, s, beta, data.X[i], data.Tx[i], data.T[i], g);
                for (var j = 0; j < 4; j++) sum[j + 1] += w * g[j];
            }
            sum.CopyTo(partial.AsSpan(c * 5, 5));
        }
        if (chunks > 1 && Environment.ProcessorCount > 1) Parallel.For(0, chunks, Chunk);
        else for (var c = 0; c < chunks; c++) Chunk(c);
        // A chunk that saw the budget expired left its partial sums at zero; the evaluation must not be used.
        _budget.ThrowIfExpired();
        for (var c = 0; c < chunks; c++)
        {
            ll += partial[c * 5];
            dr += partial[c * 5 + 1];
            dalpha += partial[c * 5 + 2];
            ds += partial[c * 5 + 3];
            dbeta += partial[c * 5 + 4];
        }
        if (!gradient.IsEmpty)
        {
            gradient[0] = -r * dr;
            gradient[1] = -alpha * dalpha;
            gradient[2] = -s * ds;
            gradient[3] = -beta * dbeta;
        }
        return double.IsNaN(ll) ? double.PositiveInfinity : -ll;
    }

    /// <summary>
    /// ln of the bracket of eq. 18, ln[E1 + s/(r+s+x) A0] with E1 = (alpha+T)^-(r+x) (beta+T)^-s, and its
    /// partial derivatives in (r, alpha, s, beta). A0 = F(t_x) - F(T) as in <see cref="LogF"/>.
    /// </summary>
    internal static double Bracket(double r, double alpha, double s, double beta, double x, double tx, double T, Span<double> gradient)
    {
        var (logAlphaT, logBetaT) = (Math.Log(alpha + T), Math.Log(beta + T));
        var logE1 = -(r + x) * logAlphaT - s * logBetaT;
        Span<double> e1 = [-logAlphaT, -(r + x) / (alpha + T), -logBetaT, -s / (beta + T)];
        Span<double> a0 = stackalloc double[4];
        var logA0 = LogA0(r, alpha, s, beta, x, tx, T, a0);
        if (double.IsNegativeInfinity(logA0))
        {
            // t_x = T: A0 = 0 and the bracket is E1 alone.
            e1.CopyTo(gradient);
            return logE1;
        }
        var rsx = r + s + x;
        var logE2 = Math.Log(s) - Math.Log(rsx) + logA0;
        var total = LogSpace.LogSumExp(logE1, logE2);
        var w2 = Math.Exp(logE2 - total);
        var w1 = 1 - w2;
        for (var j = 0; j < 4; j++)
        {
            var dE2 = a0[j] + j switch { 0 => -1 / rsx, 2 => 1 / s - 1 / rsx, _ => 0 };
            gradient[j] = w1 * e1[j] + w2 * dE2;
        }
        return total;
    }

    /// <summary>
    /// The 2F1 argument above which A0 is integrated numerically: the series needs about
    /// ln(1e-17)/ln(z) terms, 760 at 0.95 and hundreds of thousands when alpha and beta are orders of
    /// magnitude apart (Online Retail drives beta towards infinity).
    /// </summary>
    private const double SeriesLimit = 0.95;

    /// <summary>ln A0 (FH 2005 eqs. 19-20) and its derivatives in (r, alpha, s, beta): the 2F1 series, or quadrature when z is near 1.</summary>
    internal static double LogA0(double r, double alpha, double s, double beta, double x, double tx, double T, Span<double> gradient)
    {
        if (!(tx < T)) return double.NegativeInfinity;
        var m = Math.Max(alpha, beta);
        if (Math.Abs(alpha - beta) / (m + tx) > SeriesLimit) return LogA0ByQuadrature(r, alpha, s, beta, x, tx, T, gradient);
        Span<double> atTx = stackalloc double[4];
        Span<double> atT = stackalloc double[4];
        var logF1 = LogF(r, alpha, s, beta, x, tx, atTx);
        var logF2 = LogF(r, alpha, s, beta, x, T, atT);
        var delta = logF2 - logF1;
        if (!(delta < 0)) return double.NegativeInfinity;
        var e2 = Math.Exp(delta);
        var oneMinus = -LogSpace.Expm1(delta);
        for (var j = 0; j < 4; j++) gradient[j] = (atTx[j] - e2 * atT[j]) / oneMinus;
        return logF1 + LogSpace.Log1mExp(delta);
    }

    private static readonly double[] GaussNodes = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498,
        0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
    private static readonly double[] GaussWeights = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620,
        0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

    /// <summary>
    /// ln A0 from its integral form A0 = (r+s+x) integral_{t_x}^{T} (alpha+tau)^-(r+x) (beta+tau)^-(s+1) d tau (the
    /// step before FH 2005 eq. 19), by 8-point Gauss-Legendre panels in v = ln(m + tau), m = min(alpha, beta).
    /// With e_m the exponent of (m + tau), e_o that of the other factor and c = |alpha - beta|, the log-integrand
    /// in v is (1 - e_m) v - e_o ln(c + e^v), with slope 1 - e_m - e_o q(v), q = (m+tau)/(max(alpha, beta)+tau).
    /// q rises along v, so the slope falls: over a panel it lies between its values at the panel's ends, and each
    /// panel is made narrow enough for both to mean at most one e-fold, whichever of alpha and beta is the smaller
    /// and however large s, beta or x are. A falling slope also makes the integrand log-concave: once the slope is
    /// negative the rest of the integral is at most integrand/|slope|, and the sum stops when that is below 1e-17
    /// of it. The derivatives are integrals of the same integrand times ln(alpha+tau), 1/(alpha+tau),
    /// ln(beta+tau), 1/(beta+tau), taken at the same nodes.
    /// </summary>
    internal static double LogA0ByQuadrature(double r, double alpha, double s, double beta, double x, double tx, double T, Span<double> gradient)
    {
        var alphaSmaller = alpha <= beta;
        var m = alphaSmaller ? alpha : beta;
        var c = Math.Abs(alpha - beta); // max(alpha, beta) + tau = c + e^v
        var (ownExponent, otherExponent) = alphaSmaller ? (r + x, s + 1) : (s + 1, r + x);
        var v0 = Math.Log(m + tx);
        var v1 = Math.Log(m + T);
        double LogIntegrand(double v) => (1 - ownExponent) * v - otherExponent * Math.Log(c + Math.Exp(v));
        double Slope(double v) => 1 - ownExponent - otherExponent * Math.Exp(v) / (c + Math.Exp(v));
        var reference = LogIntegrand(v0);
        double sum = 0, sumLogOwn = 0, sumInvOwn = 0, sumLogOther = 0, sumInvOther = 0;
        var (start, slopeAtStart, last) = (v0, Slope(v0), false);
        while (!last)
        {
            var h = 1 / Math.Max(1, Math.Abs(slopeAtStart));
            if (h >= v1 - start) (h, last) = (v1 - start, true);
            var slopeAtEnd = Slope(start + h);
            while (Math.Abs(slopeAtEnd) * h > 1)
            {
                (h, last) = (0.5 * h, false);
                slopeAtEnd = Slope(start + h);
            }
            for (var j = 0; j < 8; j++)
            {
                var v = start + 0.5 * h * (1 + GaussNodes[j]);
                var own = Math.Exp(v);
                var other = c + own;
                var logOther = Math.Log(other);
                var g = 0.5 * h * GaussWeights[j] * Math.Exp((1 - ownExponent) * v - otherExponent * logOther - reference);
                sum += g;
                sumLogOwn += g * v;
                sumInvOwn += g / own;
                sumLogOther += g * logOther;
                sumInvOther += g / other;
            }
            var end = last ? v1 : start + h;
            if (slopeAtEnd < 0 && Math.Exp(LogIntegrand(end) - reference) <= 1e-17 * sum * -slopeAtEnd) break;
            (start, slopeAtStart) = (end, slopeAtEnd);
        }
        var rsx = r + s + x;
        var (sumLogAlpha, sumInvAlpha, sumLogBeta, sumInvBeta) = alphaSmaller
            ? (sumLogOwn, sumInvOwn, sumLogOther, sumInvOther)
            : (sumLogOther, sumInvOther, sumLogOwn, sumInvOwn);
        gradient[0] = 1 / rsx - sumLogAlpha / sum;
        gradient[1] = -(r + x) * sumInvAlpha / sum;
        gradient[2] = 1 / rsx - sumLogBeta / sum;
        gradient[3] = -(s + 1) * sumInvBeta / sum;
        return Math.Log(rsx) + reference + Math.Log(sum);
    }

    /// <summary>
    /// ln F(y) with F(y) = 2F1(a, b; a+1; z)/(m+y)^a, a = r+s+x, m = max(alpha, beta), z = |alpha-beta|/(m+y),
    /// b = r+x when alpha &lt; beta else s+1 (FH 2005 eqs. 19-20), and its derivatives in (r, alpha, s, beta).
    /// The 2F1 is always taken in its Euler form (1-z)^(1-b) G, G = sum_n (p)_n/(a+1)_n z^n with p = a+1-b &gt; 0,
    /// whose terms shrink at least as fast as z^n and never overflow, however large x is; the parameter
    /// derivatives of G are summed alongside (d(p)_n/dp = (p)_n sum_{k&lt;n} 1/(p+k), likewise for a+1).
    /// </summary>
    internal static double LogF(double r, double alpha, double s, double beta, double x, double y, Span<double> gradient)
    {
        var a = r + s + x;
        var c = a + 1;
        var alphaSmaller = alpha < beta;
        var m = alphaSmaller ? beta : alpha;
        var b = alphaSmaller ? r + x : s + 1;
        var p = c - b;
        var my = m + y;
        var z = Math.Abs(alpha - beta) / my;
        double term = 1, sum = 1, sumP = 0, sumC = 0, sumNOverZ = 0, harmonicP = 0, harmonicC = 0;
        for (var n = 0; n < Hypergeometric.MaximumTerms; n++)
        {
            var ratio = (p + n) / (c + n);
            sumNOverZ += (n + 1) * term * ratio; // (n+1) g_{n+1} / z
            harmonicP += 1 / (p + n);
            harmonicC += 1 / (c + n);
            term *= ratio * z;
            sum += term;
            sumP += term * harmonicP;
            sumC += term * harmonicC;
            if (term <= 1e-17 * (1 - z) * sum) break;
        }
        var log1mz = LogSpace.Log1p(-z);
        var logMy = Math.Log(my);
        var dLogGdp = sumP / sum;
        var dLogGdc = -sumC / sum;
        var dLogFdz = -(1 - b) / (1 - z) + sumNOverZ / sum;
        double dzdAlpha, dzdBeta, dmdAlpha, dmdBeta;
        if (alphaSmaller) (dzdAlpha, dzdBeta, dmdAlpha, dmdBeta) = (-1 / my, (alpha + y) / (my * my), 0, 1);
        else (dzdAlpha, dzdBeta, dmdAlpha, dmdBeta) = ((beta + y) / (my * my), -1 / my, 1, 0);
        // r and s both move a and c; r moves b (alpha < beta) or p (alpha >= beta), s the other one.
        gradient[0] = (alphaSmaller ? -log1mz : dLogGdp) + dLogGdc - logMy;
        gradient[2] = (alphaSmaller ? dLogGdp : -log1mz) + dLogGdc - logMy;
        gradient[1] = dLogFdz * dzdAlpha - a * dmdAlpha / my;
        gradient[3] = dLogFdz * dzdBeta - a * dmdBeta / my;
        return (1 - b) * log1mz + Math.Log(sum) - a * logMy;
    }
}
