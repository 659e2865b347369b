using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// The BG/BB log-likelihood (Fader, Hardie &amp; Shang 2010, "Customer-base analysis in a discrete-time
/// noncontractual setting", Marketing Science 29(6), eq. 5) for x transactions in n opportunities, the
/// last at opportunity t_x:
/// <code>
/// L = B(alpha+x, beta+n-x)/B(alpha, beta) B(gamma, delta+n)/B(gamma, delta)
///   + sum_{i=0}^{n-t_x-1} B(alpha+x, beta+t_x-x+i)/B(alpha, beta) B(gamma+1, delta+t_x+i)/B(gamma, delta)
/// </code>
/// summed in log space. Purchase patterns are few (n + 1 choose 2 at most), so the gradient is by central differences.
/// </summary>
internal sealed class BgBbLikelihood(PurchaseSummary data)
{
    /// <summary>ln L for one pattern.</summary>
    public static double LogLikelihood(double alpha, double beta, double gamma, double delta, double x, double tx, double n)
    {
        var lnBab = LogSpace.LogBeta(alpha, beta);
        var lnBgd = LogSpace.LogBeta(gamma, delta);
        var sum = LogSpace.LogBeta(alpha + x, beta + n - x) - lnBab + LogSpace.LogBeta(gamma, delta + n) - lnBgd;
        var count = (int)Math.Round(n - tx);
        for (var i = 0; i < count; i++)
            sum = LogSpace.LogSumExp(sum, LogSpace.LogBeta(alpha + x, beta + tx - x + i) - lnBab + LogSpace.LogBeta(gamma + 1, delta + tx + i) - lnBgd);
        return sum;
    }

    /// <summary>Total negative log-likelihood at theta = (ln alpha, ln beta, ln gamma, ln delta).</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient) =>
        gradient.IsEmpty ? Value(theta) : NumericalDerivatives.Gradient((t, _) => Value(t), theta, gradient, 1e-6);

    private double Value(ReadOnlySpan<double> theta)
    {
        var (alpha, beta, gamma, delta) = (Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3]));
        var ll = 0.0;
        for (var i = 0; i < data.Rows; i++)
            ll += data.Weight[i] * LogLikelihood(alpha, beta, gamma, delta, data.X[i], data.Tx[i], data.T[i]);
        return double.IsNaN(ll) ? double.PositiveInfinity : -ll;
    }
}
