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
/// [0, 1). Every piece is kept in log space; <see cref="Hypergeometric"/> sums the 2F1 in its Euler
/// form when the direct series would overflow (large x). The gradient is by central differences:
/// the 2F1's parameter derivatives have no practical closed form.
/// </summary>
internal sealed class ParetoNbdLikelihood(PurchaseSummary data)
{
    private const int ChunkRows = 4_096;

    /// <summary>ln A0 (FH 2005 eqs. 19-20): ln[F(t_x) - F(T)], F(y) = 2F1(r+s+x, b'; r+s+x+1; |alpha-beta|/(m+y)) / (m+y)^(r+s+x).</summary>
    public static double LogA0(double r, double alpha, double s, double beta, double x, double tx, double T)
    {
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

    /// <summary>Total negative log-likelihood at theta = (ln r, ln alpha, ln s, ln beta); central-difference gradient when asked.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient) =>
        gradient.IsEmpty ? Value(theta) : NumericalDerivatives.Gradient((t, _) => Value(t), theta, gradient, 1e-6);

    private double Value(ReadOnlySpan<double> theta)
    {
        var r = Math.Exp(theta[0]);
        var alpha = Math.Exp(theta[1]);
        var s = Math.Exp(theta[2]);
        var beta = Math.Exp(theta[3]);
        var constant = r * Math.Log(alpha) + s * Math.Log(beta) - LogSpace.LogGamma(r);
        var ll = 0.0;
        for (var k = 0; k < data.DistinctX.Length; k++)
            ll += data.DistinctXWeight[k] * (LogSpace.LogGamma(r + data.DistinctX[k]) + constant);
        var rows = data.Rows;
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        var partial = new double[chunks];
        void Chunk(int c)
        {
            var sum = 0.0;
            for (var i = c * ChunkRows; i < Math.Min(rows, (c + 1) * ChunkRows); i++)
                sum += data.Weight[i] * LogBracket(r, alpha, s, beta, data.X[i], data.Tx[i], data.T[i]);
            partial[c] = sum;
        }
        if (chunks > 1 && Environment.ProcessorCount > 1) Parallel.For(0, chunks, Chunk);
        else for (var c = 0; c < chunks; c++) Chunk(c);
        foreach (var p in partial) ll += p;
        return double.IsNaN(ll) ? double.PositiveInfinity : -ll;
    }
}
