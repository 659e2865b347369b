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
    private const int ChunkRows = 65_536;
    private readonly GammaGammaOptions _options = options ?? new GammaGammaOptions();

    /// <summary>Fits per-customer repeat frequency and mean repeat spend (lifetimes' frequency and monetary_value).</summary>
    /// <exception cref="ArgumentException">Lengths differ, values are not finite, or no customer has a repeat purchase with positive spend.</exception>
    public GammaGammaModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> monetaryValue, ReadOnlySpan<double> weights = default)
    {
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
                (count + step - 1) / step, sub.DistinctX.Length, starts, _options with { StandardErrors = false });
        }
        var outcome = LikelihoodFit.Run(GammaGammaModel.ModelName, GammaGammaModel.ParameterNames, data.Evaluate, data.TotalWeight,
            count, data.DistinctX.Length, starts, _options, warm);
        var p = outcome.Parameters;
        return new GammaGammaModel(p[0], p[1], p[2])
        {
            Diagnostics = outcome.Diagnostics,
            StandardErrors = outcome.StandardErrors,
            FrequencyMonetaryCorrelation = Correlation(xs, zs),
            ExcludedCustomers = excluded,
        };
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
            for (var i = 0; i < x.Length; i++)
            {
                weights[index[i]] += w[i];
                _xz[i] = x[i] * z[i];
                _wx[i] = w[i] * x[i];
                var logZ = Math.Log(z[i]);
                _sumXLogZ += w[i] * x[i] * logZ;
                _sumLogZ += w[i] * logZ;
                TotalWeight += w[i];
                MeanSpend += w[i] * z[i];
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
        public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            var (p, q, g) = (Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]));
            // Per customer: L_i = ln(gamma + x zbar); the likelihood needs sum w x L, sum w L and, for the
            // gradient in gamma, sum w x/(gamma + x zbar) and sum w/(gamma + x zbar).
            var rows = _w.Length;
            var chunks = (rows + ChunkRows - 1) / ChunkRows;
            var partial = new double[chunks * 4];
            void Chunk(int c)
            {
                double sxl = 0, sl = 0, sxi = 0, si = 0;
                var (xz, wx, ws) = (_xz, _wx, _w);
                var end = Math.Min(rows, (c + 1) * ChunkRows);
                for (var i = c * ChunkRows; i < end; i++)
                {
                    var u = g + xz[i];
                    var l = Math.Log(u);
                    var inv = 1 / u;
                    sxl += wx[i] * l;
                    sl += ws[i] * l;
                    sxi += wx[i] * inv;
                    si += ws[i] * inv;
                }
                partial[4 * c] = sxl;
                partial[4 * c + 1] = sl;
                partial[4 * c + 2] = sxi;
                partial[4 * c + 3] = si;
            }
            if (chunks > 1 && Environment.ProcessorCount > 1) Parallel.For(0, chunks, Chunk);
            else for (var c = 0; c < chunks; c++) Chunk(c);
            double sumXL = 0, sumL = 0, sumXInv = 0, sumInv = 0;
            for (var c = 0; c < chunks; c++)
            {
                sumXL += partial[4 * c];
                sumL += partial[4 * c + 1];
                sumXInv += partial[4 * c + 2];
                sumInv += partial[4 * c + 3];
            }
            var w = TotalWeight;
            var lnG = Math.Log(g);
            double ll = -w * LogSpace.LogGamma(q) + w * q * lnG + p * _sumXLogZ - _sumLogZ + p * _sumXLogX - p * sumXL - q * sumL;
            double dp = _sumXLogZ + _sumXLogX - sumXL, dq = -w * LogSpace.Digamma(q) + w * lnG - sumL;
            var dg = w * q / g - p * sumXInv - q * sumInv;
            for (var k = 0; k < DistinctX.Length; k++)
            {
                var x = DistinctX[k];
                var wk = DistinctXWeight[k];
                ll += wk * (LogSpace.LogGamma(p * x + q) - LogSpace.LogGamma(p * x));
                var psi = LogSpace.Digamma(p * x + q);
                dp += wk * x * (psi - LogSpace.Digamma(p * x));
                dq += wk * psi;
            }
            if (!gradient.IsEmpty)
            {
                gradient[0] = -p * dp;
                gradient[1] = -q * dq;
                gradient[2] = -g * dg;
            }
            return -ll;
        }
    }
}
