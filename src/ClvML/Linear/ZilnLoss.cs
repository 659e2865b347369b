namespace ClvML.Linear;

/// <summary>
/// The zero-inflated lognormal negative log-likelihood of Wang, Liu &amp; Miao (2019, "A Deep Probabilistic Model
/// for Customer Lifetime Value Prediction", arXiv:1912.07753, section 3.2) for three linear heads on standardized
/// inputs z: the logit of P(y &gt; 0), the lognormal's mu, and its sigma through a softplus. Per row:
/// y = 0: -ln(1 - p); y &gt; 0: -ln p + ln y + ln sigma + ln(2 pi)/2 + (ln y - mu)^2 / (2 sigma^2). The objective is
/// the weighted mean over rows plus (penalty / 2) times the sum of squared non-intercept coefficients.
/// Parameters: three blocks of (intercept, one coefficient per input): logit, mu, sigma.
/// </summary>
internal sealed class ZilnLoss(double[][] inputs, double[] target, double[] weights, double penalty)
{
    /// <summary>Smallest sigma, so a head that drives sigma to 0 on one tight group cannot send the likelihood to infinity.</summary>
    public const double SigmaFloor = 1e-4;

    private readonly double _totalWeight = weights.Sum();

    /// <summary>Number of inputs.</summary>
    public int Inputs => inputs.Length;

    /// <summary>The objective at <paramref name="theta"/>; its gradient goes to <paramref name="gradient"/> (left out when it is empty).</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        if (gradient.IsEmpty) gradient = new double[theta.Length];
        var p = inputs.Length;
        var block = p + 1;
        gradient.Clear();
        double total = 0;
        for (var i = 0; i < target.Length; i++)
        {
            var w = weights[i];
            if (w == 0) continue;
            double logit = theta[0], mu = theta[block], raw = theta[2 * block];
            for (var f = 0; f < p; f++)
            {
                var z = inputs[f][i];
                logit += theta[1 + f] * z;
                mu += theta[block + 1 + f] * z;
                raw += theta[2 * block + 1 + f] * z;
            }
            var probability = Logistic(logit);
            double gLogit, gMu = 0, gRaw = 0;
            if (target[i] <= 0)
            {
                total += w * Softplus(logit);
                gLogit = probability;
            }
            else
            {
                var sigma = Softplus(raw) + SigmaFloor;
                var logY = Math.Log(target[i]);
                var e = (logY - mu) / sigma;
                total += w * (Softplus(-logit) + logY + Math.Log(sigma) + 0.5 * Math.Log(2 * Math.PI) + 0.5 * e * e);
                gLogit = probability - 1;
                gMu = -e / sigma;
                gRaw = (1 / sigma - e * e / sigma) * Logistic(raw);
            }
            gradient[0] += w * gLogit;
            gradient[block] += w * gMu;
            gradient[2 * block] += w * gRaw;
            for (var f = 0; f < p; f++)
            {
                var z = inputs[f][i];
                gradient[1 + f] += w * gLogit * z;
                gradient[block + 1 + f] += w * gMu * z;
                gradient[2 * block + 1 + f] += w * gRaw * z;
            }
        }
        var value = total / _totalWeight;
        for (var j = 0; j < gradient.Length; j++) gradient[j] /= _totalWeight;
        for (var head = 0; head < 3; head++)
            for (var f = 0; f < p; f++)
            {
                var j = head * block + 1 + f;
                value += 0.5 * penalty * theta[j] * theta[j];
                gradient[j] += penalty * theta[j];
            }
        return value;
    }

    /// <summary>1 / (1 + e^-x).</summary>
    public static double Logistic(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>ln(1 + e^x) without overflow.</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    /// <summary>The inverse of <see cref="Softplus"/> for y &gt; 0.</summary>
    public static double InverseSoftplus(double y) => y > 30 ? y : Math.Log(double.ExpM1(y));

    /// <summary>
    /// The ZILN mean E[y] = p exp(mu + sigma^2 / 2): the probability of a purchase times the lognormal's mean
    /// (Wang et al. 2019, eq. 6).
    /// </summary>
    public static double Mean(double logit, double mu, double raw)
    {
        var sigma = Softplus(raw) + SigmaFloor;
        return Logistic(logit) * Math.Exp(mu + 0.5 * sigma * sigma);
    }
}
