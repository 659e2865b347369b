namespace ClvML.Probabilistic;

/// <summary>
/// Customers as the BTYD likelihoods see them: frequency x, recency t_x and age T, with identical
/// (x, t_x, T) rows compressed into one row with a weight (as lifetimes does; the likelihood is a
/// weighted sum, so the fit is the same). Rows are further grouped by x, because the gamma-function
/// terms depend on x alone and are then computed once per distinct x instead of once per row.
/// </summary>
public sealed class PurchaseSummary
{
    private PurchaseSummary(double[] x, double[] tx, double[] t, double[] weight, int customers)
    {
        X = x;
        Tx = tx;
        T = t;
        Weight = weight;
        Customers = customers;
        var index = new Dictionary<double, int>();
        var xIndex = new int[x.Length];
        var values = new List<double>();
        var weights = new List<double>();
        for (var i = 0; i < x.Length; i++)
        {
            if (!index.TryGetValue(x[i], out var k))
            {
                k = values.Count;
                index.Add(x[i], k);
                values.Add(x[i]);
                weights.Add(0);
            }
            xIndex[i] = k;
            weights[k] += weight[i];
        }
        XIndex = xIndex;
        DistinctX = [.. values];
        DistinctXWeight = [.. weights];
        TotalWeight = weights.Sum();
        MaximumT = t.Length == 0 ? 0 : t.Max();
        MeanT = t.Length == 0 ? 0 : t.Zip(weight, (a, w) => a * w).Sum() / TotalWeight;
    }

    /// <summary>Frequency x of each (compressed) row.</summary>
    public double[] X { get; }
    /// <summary>Recency t_x of each row.</summary>
    public double[] Tx { get; }
    /// <summary>Age T of each row.</summary>
    public double[] T { get; }
    /// <summary>Customers each row stands for.</summary>
    public double[] Weight { get; }
    /// <summary>Rows after compression.</summary>
    public int Rows => X.Length;
    /// <summary>Customers before compression.</summary>
    public int Customers { get; }
    /// <summary>Sum of the weights.</summary>
    public double TotalWeight { get; }
    /// <summary>Largest T.</summary>
    public double MaximumT { get; }
    /// <summary>Weighted mean T.</summary>
    public double MeanT { get; }
    internal int[] XIndex { get; }
    internal double[] DistinctX { get; }
    internal double[] DistinctXWeight { get; }

    /// <summary>
    /// Validates and (by default) compresses per-customer (x, t_x, T) with optional weights
    /// (e.g. already-compressed data such as donations.csv).
    /// </summary>
    /// <exception cref="ArgumentException">A value is negative or not finite, t_x &gt; T, or lengths differ.</exception>
    public static PurchaseSummary Create(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T,
        ReadOnlySpan<double> weights = default, bool compress = true)
    {
        var n = frequency.Length;
        if (recency.Length != n || T.Length != n || (!weights.IsEmpty && weights.Length != n))
            throw new ArgumentException("frequency, recency, T (and weights) need one value per customer.");
        if (n == 0) throw new ArgumentException("There are no customers to fit.");
        for (var i = 0; i < n; i++)
        {
            var w = weights.IsEmpty ? 1.0 : weights[i];
            if (!(frequency[i] >= 0) || !double.IsFinite(frequency[i]) || !(recency[i] >= 0) || !(T[i] >= 0) || !double.IsFinite(T[i]) || !(w >= 0) || !double.IsFinite(w))
                throw new ArgumentException($"customer {i}: frequency, recency, T and weight must be finite and non-negative (got {frequency[i]}, {recency[i]}, {T[i]}, {w}).");
            if (recency[i] > T[i] * (1 + 1e-12))
                throw new ArgumentException($"customer {i}: recency {recency[i]} exceeds T {T[i]}.");
        }
        var customers = weights.IsEmpty ? n : (int)Math.Round(Sum(weights));
        if (!compress)
            return new PurchaseSummary(frequency.ToArray(), recency.ToArray(), T.ToArray(), weights.IsEmpty ? Ones(n) : weights.ToArray(), customers);
        return Compress(frequency, recency, T, weights, customers);
    }

    private static double[] Ones(int n)
    {
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        return ones;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum;
    }

    /// <summary>Open-addressing hash on the three values' bits; rows keep the order of first appearance, so fits are deterministic.</summary>
    private static PurchaseSummary Compress(ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, ReadOnlySpan<double> weights, int customers)
    {
        var n = x.Length;
        var capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * n));
        var mask = capacity - 1;
        var slots = new int[capacity]; // 0 = empty, else row + 1
        var ux = new double[n];
        var utx = new double[n];
        var ut = new double[n];
        var uw = new double[n];
        var rows = 0;
        for (var i = 0; i < n; i++)
        {
            // +0.0 and -0.0 are one value; adding 0.0 maps -0.0 to +0.0.
            var bx = BitConverter.DoubleToInt64Bits(x[i] + 0.0);
            var btx = BitConverter.DoubleToInt64Bits(tx[i] + 0.0);
            var bt = BitConverter.DoubleToInt64Bits(t[i] + 0.0);
            var h = (ulong)bx * 0x9E3779B97F4A7C15UL;
            h = (h ^ (ulong)btx) * 0xC2B2AE3D27D4EB4FUL;
            h = (h ^ (ulong)bt) * 0x165667B19E3779F9UL;
            var slot = (int)(h >> 40) & mask;
            var w = weights.IsEmpty ? 1.0 : weights[i];
            while (true)
            {
                var row = slots[slot] - 1;
                if (row < 0)
                {
                    slots[slot] = rows + 1;
                    ux[rows] = x[i] + 0.0;
                    utx[rows] = tx[i] + 0.0;
                    ut[rows] = t[i] + 0.0;
                    uw[rows] = w;
                    rows++;
                    break;
                }
                if (ux[row] == x[i] && utx[row] == tx[i] && ut[row] == t[i])
                {
                    uw[row] += w;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return new PurchaseSummary(ux[..rows], utx[..rows], ut[..rows], uw[..rows], customers);
    }
}
