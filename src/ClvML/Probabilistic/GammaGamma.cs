using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>Options of <see cref="GammaGamma"/>.</summary>
public sealed record GammaGammaOptions : FitOptions;

/// <summary>
/// Fits the Gamma-Gamma spend model (Fader &amp; Hardie 2013, "The Gamma-Gamma model of monetary value",
/// the likelihood of the mean transaction value; Colombo &amp; Jiang 1999) on customers with repeat purchases: each transaction value is
/// Gamma(p, nu), nu ~ Gamma(q, gamma) across customers, so the mean zbar of x values has
/// <code>
/// ln f(zbar | x) = ln Gamma(px+q) - ln Gamma(px) - ln Gamma(q) + q ln gamma + (px-1) ln zbar + px ln x - (px+q) ln(gamma + x zbar).
/// </code>
/// Customers without repeat purchases, or with a mean repeat spend &lt;= 0 (possible after returns),
/// carry no information and are left out (counted in the model). The sums that involve zbar alone
/// are taken once; gamma-function terms once per distinct x; per customer one logarithm remains.
/// </summary>
public sealed class GammaGamma(GammaGammaOptions? options = null)
{
    private const int ChunkRows = 16_384;
    private readonly GammaGammaOptions _options = options ?? new GammaGammaOptions();

    /// <summary>Fits per-customer repeat frequency and mean repeat spend (lifetimes' frequency and monetary_value).</summary>
    /// <exception cref="ArgumentException">Lengths differ, values are not finite, or no customer has a repeat purchase with positive spend.</exception>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public GammaGammaModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue, ReadOnlySpan<double> weights = default,
        CancellationToken cancellationToken = default)
    {
        var budget = FitBudget.Start(GammaGammaModel.ModelName, _options, cancellationToken);
        if (frequency.Length != monetaryValue.Length || (!weights.IsEmpty && weights.Length != frequency.Length))
            throw new ArgumentException("frequency, monetary_value (and weights) need one value per customer.");
        var count = 0;
        var excluded = 0;
        for (var i = 0; i < frequency.Length; i++)
        {
            if (!double.IsFinite(frequency[i]) || !double.IsFinite(monetaryValue[i]) || frequency[i] < 0)
                throw new ArgumentException($"customer {i}: frequency and monetary_value must be finite (frequency >= 0).");
            if (frequency[i] == 0) continue;
            if (monetaryValue[i] <= 0) excluded++;
            else count++;
        }
        if (count == 0) throw new ArgumentException("Gamma-Gamma needs customers with repeat purchases and a positive mean repeat spend; there are none.");
        var xs = new double[count];
        var zs = new double[count];
        var ws = new double[count];
        for (int i = 0, j = 0; i < frequency.Length; i++)
        {
            if (frequency[i] == 0 || monetaryValue[i] <= 0) continue;
            (xs[j], zs[j], ws[j]) = (frequency[i], monetaryValue[i], weights.IsEmpty ? 1.0 : weights[i]);
            j++;
        }
        var data = new SpendData(xs, zs, ws);
        var mean = data.MeanSpend;
        IReadOnlyList<double[]> starts = [[1, 1, mean], [2, 3, mean], [5, 2, 5 * mean], [0.5, 5, 0.1 * mean]];
        FitOutcome? warm = null;
        if (count > LikelihoodFit.WarmStartRows)
        {
            // A fit on every 16th customer gives the full fit a start and curvature near the optimum.
            var step = LikelihoodFit.WarmStartStep;
            var m = (count + step - 1) / step;
            var (sx, sz, sw) = (new double[m], new double[m], new double[m]);
            for (var i = 0; i < m; i++) (sx[i], sz[i], sw[i]) = (xs[i * step], zs[i * step], ws[i * step]);
            var sub = new SpendData(sx, sz, sw);
            warm = LikelihoodFit.Run(GammaGammaModel.ModelName, GammaGammaModel.ParameterNames, sub.Evaluate, sub.TotalWeight,
                (count + step - 1) / step, sub.DistinctX.Length, starts, _options with { StandardErrors = false }, budget);
        }
        var outcome = (warm is null ? null : Newton(data, warm.Parameters, count, _options, budget))
            ?? LikelihoodFit.Run(GammaGammaModel.ModelName, GammaGammaModel.ParameterNames, data.Evaluate, data.TotalWeight,
                count, data.DistinctX.Length, starts, _options, budget, warm);
        var p = outcome.Parameters;
        return new GammaGammaModel(p[0], p[1], p[2])
        {
            Diagnostics = outcome.Diagnostics,
            StandardErrors = outcome.StandardErrors,
            LogCovariance = outcome.LogCovariance,
            FrequencyMonetaryCorrelation = Correlation(xs, zs),
            ExcludedCustomers = excluded,
        };
    }

    /// <summary>
    /// Newton's method with the analytic Hessian from a warm start: near the optimum it converges
    /// quadratically, each step is one pass over the customers, and the last Hessian gives the standard
    /// errors. Null (the caller falls back on BFGS) when the Hessian is not positive definite or a step fails.
    /// </summary>
    private static FitOutcome? Newton(SpendData data, double[] start, int customers, FitOptions options, FitBudget budget)
    {
        var theta = start.Select(v => Math.Log(v)).ToArray();
        var (scale, penalizer) = (1 / data.TotalWeight, options.Penalizer);
        var gradient = new double[3];
        var hessian = new double[3, 3];
        var trialGradient = new double[3];
        var trialHessian = new double[3, 3];
        budget.Charge();
        var value = data.Evaluate(theta, gradient, hessian);
        var evaluations = 1;
        double Penalized(double nll, double[] t) => nll * scale + penalizer * t.Sum(v => v * v);
        var f = Penalized(value, theta);
        for (var iteration = 1; iteration <= 50; iteration++)
        {
            var g = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(3, i => gradient[i] * scale + 2 * penalizer * theta[i]);
            var norm = g.AbsoluteMaximum();
            if (!double.IsFinite(norm)) return null;
            if (norm <= options.GradientTolerance)
                return LikelihoodFit.Finish(GammaGammaModel.ParameterNames, budget.Charging(data.Evaluate), theta, hessian, iteration - 1, evaluations,
                    "GradientConverged", norm, "newton", 1, customers, data.DistinctX.Length, options, value);
            var h = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(3, 3, (i, j) => hessian[i, j] * scale + (i == j ? 2 * penalizer : 0));
            double[] step;
            try
            {
                step = h.Cholesky().Solve(-g).ToArray();
            }
            catch (ArgumentException)
            {
                return null;
            }
            var slope = g.DotProduct(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(step));
            var accepted = false;
            for (var (t, k) = (1.0, 0); k < 30; t *= 0.5, k++)
            {
                var trial = theta.Select((v, i) => v + t * step[i]).ToArray();
                budget.Charge();
                var trialValue = data.Evaluate(trial, trialGradient, trialHessian);
                evaluations++;
                var ft = Penalized(trialValue, trial);
                if (double.IsFinite(ft) && ft <= f + 1e-4 * t * slope)
                {
                    (theta, f, value) = (trial, ft, trialValue);
                    trialGradient.CopyTo(gradient, 0);
                    Array.Copy(trialHessian, hessian, 9);
                    accepted = true;
                    break;
                }
                // Within rounding of the optimum no step can show a decrease.
                if (double.IsFinite(ft) && Math.Abs(ft - f) <= 1e-14 * Math.Max(1, Math.Abs(f)))
                    return LikelihoodFit.Finish(GammaGammaModel.ParameterNames, budget.Charging(data.Evaluate), theta, hessian, iteration, evaluations,
                        "StepConverged", norm, "newton", 1, customers, data.DistinctX.Length, options, value);
            }
            if (!accepted) return null;
        }
        return null;
    }

    /// <summary>Pearson correlation of frequency and mean repeat spend over the fitted customers; the model assumes none.</summary>
    private static double Correlation(double[] x, double[] z)
    {
        if (x.Length < 2) return double.NaN;
        double mx = 0, mz = 0, sxz = 0, sxx = 0, szz = 0;
        for (var i = 0; i < x.Length; i++)
        {
            mx += x[i];
            mz += z[i];
        }
        mx /= x.Length;
        mz /= x.Length;
        for (var i = 0; i < x.Length; i++)
        {
            sxz += (x[i] - mx) * (z[i] - mz);
            sxx += (x[i] - mx) * (x[i] - mx);
            szz += (z[i] - mz) * (z[i] - mz);
        }
        return sxx > 0 && szz > 0 ? sxz / Math.Sqrt(sxx * szz) : double.NaN;
    }

    /// <summary>The repeat customers with the data-only sums of the likelihood precomputed.</summary>
    private sealed class SpendData
    {
        private readonly double[] _xz; // x zbar
        private readonly double[] _wx; // w x
        private readonly double[] _w;
        private readonly double _sumXLogZ;   // sum w x ln zbar
        private readonly double _sumLogZ;    // sum w ln zbar
        private readonly double _sumXLogX;   // sum w x ln x

        public SpendData(double[] x, double[] z, double[] w)
        {
            _w = w;
            _xz = new double[x.Length];
            _wx = new double[x.Length];
            var (index, values) = PurchaseSummary.DistinctValues(x, int.MaxValue)!.Value;
            var weights = new double[values.Length];
            for (var i = 0; i < x.Length; i++) weights[index[i]] += w[i];
            // The data-only sums need a logarithm per customer: in parallel chunks, added in chunk order.
            var chunks = (x.Length + ChunkRows - 1) / ChunkRows;
            var partial = new double[chunks * 4];
            var (xz, wx) = (_xz, _wx);
            Parallel.For(0, chunks, c =>
            {
                double sxlz = 0, slz = 0, sw = 0, swz = 0;
                for (var i = c * ChunkRows; i < Math.Min(x.Length, (c + 1) * ChunkRows); i++)
                {
                    xz[i] = x[i] * z[i];
                    wx[i] = w[i] * x[i];
                    var logZ = Math.Log(z[i]);
                    sxlz += wx[i] * logZ;
                    slz += w[i] * logZ;
                    sw += w[i];
                    swz += w[i] * z[i];
                }
                (partial[4 * c], partial[4 * c + 1], partial[4 * c + 2], partial[4 * c + 3]) = (sxlz, slz, sw, swz);
            });
            for (var c = 0; c < chunks; c++)
            {
                _sumXLogZ += partial[4 * c];
                _sumLogZ += partial[4 * c + 1];
                TotalWeight += partial[4 * c + 2];
                MeanSpend += partial[4 * c + 3];
            }
            for (var k = 0; k < values.Length; k++) _sumXLogX += weights[k] * values[k] * Math.Log(values[k]);
            MeanSpend /= TotalWeight;
            DistinctX = values;
            DistinctXWeight = weights;
        }

        public double[] DistinctX { get; }
        public double[] DistinctXWeight { get; }
        public double TotalWeight { get; }
        public double MeanSpend { get; }

        /// <summary>Total negative log-likelihood at theta = (ln p, ln q, ln gamma) with its analytic gradient.</summary>
        public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient) => Evaluate(theta, gradient, null);

        /// <summary>
        /// Total negative log-likelihood with gradient and, when <paramref name="hessian"/> is given, the analytic
        /// Hessian in log-parameters. Per customer only u = gamma + x zbar varies; the sums of ln u, 1/u and
        /// 1/u^2 (weighted by w and w x) carry everything, the gamma functions of px and px + q are taken per distinct x.
        /// </summary>
        public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient, double[,]? hessian)
        {
            var (p, q, g) = (Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]));
            var rows = _w.Length;
            var chunks = (rows + ChunkRows - 1) / ChunkRows;
            var partial = new double[chunks * 6];
            void Chunk(int c)
            {
                double sxl = 0, sl = 0, sxi = 0, si = 0, sxi2 = 0, si2 = 0;
                var (xz, wx, ws) = (_xz, _wx, _w);
                var end = Math.Min(rows, (c + 1) * ChunkRows);
                for (var i = c * ChunkRows; i < end; i++)
                {
                    var u = g + xz[i];
                    var l = Math.Log(u);
                    var inv = 1 / u;
                    var inv2 = inv * inv;
                    sxl += wx[i] * l;
                    sl += ws[i] * l;
                    sxi += wx[i] * inv;
                    si += ws[i] * inv;
                    sxi2 += wx[i] * inv2;
                    si2 += ws[i] * inv2;
                }
                var o = 6 * c;
                (partial[o], partial[o + 1], partial[o + 2], partial[o + 3], partial[o + 4], partial[o + 5]) = (sxl, sl, sxi, si, sxi2, si2);
            }
            if (chunks > 1 && Environment.ProcessorCount > 1) Parallel.For(0, chunks, Chunk);
            else for (var c = 0; c < chunks; c++) Chunk(c);
            double sumXL = 0, sumL = 0, sumXInv = 0, sumInv = 0, sumXInv2 = 0, sumInv2 = 0;
            for (var c = 0; c < chunks; c++)
            {
                sumXL += partial[6 * c];
                sumL += partial[6 * c + 1];
                sumXInv += partial[6 * c + 2];
                sumInv += partial[6 * c + 3];
                sumXInv2 += partial[6 * c + 4];
                sumInv2 += partial[6 * c + 5];
            }
            var w = TotalWeight;
            var lnG = Math.Log(g);
            double ll = -w * LogSpace.LogGamma(q) + w * q * lnG + p * _sumXLogZ - _sumLogZ + p * _sumXLogX - p * sumXL - q * sumL;
            double dp = _sumXLogZ + _sumXLogX - sumXL, dq = -w * LogSpace.Digamma(q) + w * lnG - sumL;
            var dg = w * q / g - p * sumXInv - q * sumInv;
            double hpp = 0, hpq = 0, hqq = -w * LogSpace.Trigamma(q);
            for (var k = 0; k < DistinctX.Length; k++)
            {
                var x = DistinctX[k];
                var wk = DistinctXWeight[k];
                ll += wk * (LogSpace.LogGamma(p * x + q) - LogSpace.LogGamma(p * x));
                var psi = LogSpace.Digamma(p * x + q);
                dp += wk * x * (psi - LogSpace.Digamma(p * x));
                dq += wk * psi;
                if (hessian is null) continue;
                var psi1 = LogSpace.Trigamma(p * x + q);
                hpp += wk * x * x * (psi1 - LogSpace.Trigamma(p * x));
                hpq += wk * x * psi1;
                hqq += wk * psi1;
            }
            if (!gradient.IsEmpty)
            {
                gradient[0] = -p * dp;
                gradient[1] = -q * dq;
                gradient[2] = -g * dg;
            }
            if (hessian is not null)
            {
                // Second derivatives of the log-likelihood in (p, q, gamma), then the chain rule to log-parameters:
                // d2/dtheta_i dtheta_j = phi_i phi_j d2/dphi_i dphi_j + [i = j] phi_i d/dphi_i; negated for the NLL.
                double[] phi = [p, q, g];
                double[] first = [dp, dq, dg];
                var second = new double[3, 3];
                second[0, 0] = hpp;
                second[0, 1] = second[1, 0] = hpq;
                second[0, 2] = second[2, 0] = -sumXInv;
                second[1, 1] = hqq;
                second[1, 2] = second[2, 1] = w / g - sumInv;
                second[2, 2] = -w * q / (g * g) + p * sumXInv2 + q * sumInv2;
                for (var i = 0; i < 3; i++)
                    for (var j = 0; j < 3; j++)
                        hessian[i, j] = -(phi[i] * phi[j] * second[i, j] + (i == j ? phi[i] * first[i] : 0));
            }
            return -ll;
        }
    }
}
