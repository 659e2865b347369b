using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// The BG/NBD log-likelihood (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way",
/// eq. 6) and its MBG/NBD variant (Batislam, Denizel &amp; Filiztekin 2007), with the analytic
/// gradient in log-parameters. Per customer:
/// <code>
/// ln L = ln Gamma(r+x) - ln Gamma(r) + r ln alpha + ln B(a, b+x') - ln B(a, b)
///        + ln[ (alpha+T)^-(r+x) + d * a/(b+x'-1) (alpha+t_x)^-(r+x) ]
/// </code>
/// with x' = x, d = [x &gt; 0] for BG/NBD and x' = x + 1, d = 1 for MBG/NBD (which also lets a
/// customer drop out right after the first purchase). The terms that depend on x alone are computed
/// once per distinct x; the rest (two logarithms and one log-sum-exp per row) runs over the
/// compressed rows in fixed chunks, in parallel for large inputs, summed in chunk order so the
/// result does not depend on the thread count.
/// </summary>
internal sealed class BgNbdLikelihood(PurchaseSummary data, bool modified)
{
    private const int ChunkRows = 16_384;

    /// <summary>Total negative log-likelihood at theta = (ln r, ln alpha, ln a, ln b); gradient when not empty.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var r = Math.Exp(theta[0]);
        var alpha = Math.Exp(theta[1]);
        var a = Math.Exp(theta[2]);
        var b = Math.Exp(theta[3]);
        var shift = modified ? 1.0 : 0.0;
        var logAlpha = Math.Log(alpha);
        var distinct = data.DistinctX;
        var logA4 = new double[distinct.Length];    // ln a - ln(b + x' - 1) (b + x - 1 in BG/NBD, b + x in MBG/NBD), or -inf where the term is absent
        var inverseB = new double[distinct.Length]; // 1 / (b + x' - 1)
        double ll = 0, dr = 0, dalpha = 0, da = 0, db = 0;
        var psiAb = LogSpace.Digamma(a + b);
        var psiB = LogSpace.Digamma(b);
        var psiR = LogSpace.Digamma(r);
        var lnGammaR = LogSpace.LogGamma(r);
        var lnBetaAb = LogSpace.LogBeta(a, b);
        for (var k = 0; k < distinct.Length; k++)
        {
            var x = distinct[k];
            var w = data.DistinctXWeight[k];
            var xb = x + shift;
            ll += w * (LogSpace.LogGamma(r + x) - lnGammaR + r * logAlpha + LogSpace.LogBeta(a, b + xb) - lnBetaAb);
            dr += w * (LogSpace.Digamma(r + x) - psiR + logAlpha);
            dalpha += w * r / alpha;
            var psiAbx = LogSpace.Digamma(a + b + xb);
            da += w * (psiAb - psiAbx);
            db += w * (psiAb + LogSpace.Digamma(b + xb) - psiB - psiAbx);
            var present = modified || x > 0;
            logA4[k] = present ? Math.Log(a) - Math.Log(b + xb - 1) : double.NegativeInfinity;
            inverseB[k] = present ? 1.0 / (b + xb - 1) : 0;
        }
        var rows = data.Rows;
        var chunks = (rows + ChunkRows - 1) / ChunkRows;
        var partial = new double[chunks * 5];
        // ln(alpha + T), ln(alpha + t_x) and their reciprocals once per distinct value when ages lie on a grid.
        var (logT, invT) = Tables(data.DistinctT, alpha);
        var (logTx, invTx) = Tables(data.DistinctTx, alpha);
        var tIndex = data.TIndex;
        var txIndex = data.TxIndex;
        void Chunk(int c)
        {
            var start = c * ChunkRows;
            var end = Math.Min(rows, start + ChunkRows);
            double sll = 0, sdr = 0, sdalpha = 0, sda = 0, sdb = 0;
            var xs = data.X;
            var txs = data.Tx;
            var ts = data.T;
            var ws = data.Weight;
            var index = data.XIndex;
            for (var i = start; i < end; i++)
            {
                var w = ws[i];
                var rx = r + xs[i];
                double logAlphaT, inverseAlphaT;
                if (tIndex is null) (logAlphaT, inverseAlphaT) = (Math.Log(alpha + ts[i]), 1 / (alpha + ts[i]));
                else (logAlphaT, inverseAlphaT) = (logT![tIndex[i]], invT![tIndex[i]]);
                var l3 = -rx * logAlphaT;
                var k = index[i];
                var c4 = logA4[k];
                if (double.IsNegativeInfinity(c4))
                {
                    sll += w * l3;
                    sdr -= w * logAlphaT;
                    sdalpha -= w * rx * inverseAlphaT;
                    continue;
                }
                double logAlphaTx, inverseAlphaTx;
                if (txIndex is null) (logAlphaTx, inverseAlphaTx) = (Math.Log(alpha + txs[i]), 1 / (alpha + txs[i]));
                else (logAlphaTx, inverseAlphaTx) = (logTx![txIndex[i]], invTx![txIndex[i]]);
                var l4 = c4 - rx * logAlphaTx;
                // ln(e^l3 + e^l4) and the share w4 = e^l4 / (e^l3 + e^l4) from one exponential; ln(1 + e)
                // with e in (0, 1] needs only absolute accuracy here, so Math.Log suffices.
                double lse, w4;
                if (l3 >= l4)
                {
                    var e = Math.Exp(l4 - l3);
                    var onePlus = 1 + e;
                    lse = l3 + Math.Log(onePlus);
                    w4 = e / onePlus;
                }
                else
                {
                    var e = Math.Exp(l3 - l4);
                    var onePlus = 1 + e;
                    lse = l4 + Math.Log(onePlus);
                    w4 = 1 / onePlus;
                }
                var w3 = 1 - w4;
                sll += w * lse;
                sdr -= w * (w3 * logAlphaT + w4 * logAlphaTx);
                sdalpha -= w * rx * (w3 * inverseAlphaT + w4 * inverseAlphaTx);
                sda += w * w4 / a;
                sdb -= w * w4 * inverseB[k];
            }
            var o = c * 5;
            partial[o] = sll;
            partial[o + 1] = sdr;
            partial[o + 2] = sdalpha;
            partial[o + 3] = sda;
            partial[o + 4] = sdb;
        }
        if (chunks > 2 && Environment.ProcessorCount > 1) Parallel.For(0, chunks, Chunk);
        else for (var c = 0; c < chunks; c++) Chunk(c);
        for (var c = 0; c < chunks; c++)
        {
            ll += partial[c * 5];
            dr += partial[c * 5 + 1];
            dalpha += partial[c * 5 + 2];
            da += partial[c * 5 + 3];
            db += partial[c * 5 + 4];
        }
        if (!gradient.IsEmpty)
        {
            // d/d ln p = p d/dp; the sign turns the log-likelihood into the quantity minimised.
            gradient[0] = -r * dr;
            gradient[1] = -alpha * dalpha;
            gradient[2] = -a * da;
            gradient[3] = -b * db;
        }
        return -ll;
    }

    private static (double[]? Log, double[]? Inverse) Tables(double[]? values, double alpha)
    {
        if (values is null) return (null, null);
        var log = new double[values.Length];
        var inverse = new double[values.Length];
        for (var j = 0; j < values.Length; j++)
        {
            log[j] = Math.Log(alpha + values[j]);
            inverse[j] = 1 / (alpha + values[j]);
        }
        return (log, inverse);
    }
}
