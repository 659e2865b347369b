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
        (XIndex, DistinctX) = DistinctValues(x, int.MaxValue)!.Value;
        DistinctXWeight = new double[DistinctX.Length];
        double total = 0, weightedT = 0, maximumT = 0;
        for (var i = 0; i < x.Length; i++)
        {
            DistinctXWeight[XIndex[i]] += weight[i];
            total += weight[i];
            weightedT += weight[i] * t[i];
            maximumT = Math.Max(maximumT, t[i]);
        }
        TotalWeight = total;
        MaximumT = maximumT;
        MeanT = total > 0 ? weightedT / total : 0;
        // Ages on a calendar grid take few values (273 days in CDNOW): the likelihoods then take
        // ln(alpha + T) once per value instead of once per row.
        var limit = Math.Max(16, x.Length / 8);
        if (DistinctValues(t, limit) is { } ts && DistinctValues(tx, limit) is { } txs)
        {
            (TIndex, DistinctT) = ts;
            (TxIndex, DistinctTx) = txs;
        }
    }

    /// <summary>Index of each value among the distinct values (in order of appearance); null when there are more than <paramref name="limit"/>.</summary>
    internal static (int[] Index, double[] Values)? DistinctValues(double[] values, int limit)
    {
        var index = new int[values.Length];
        var distinct = new List<double>();
        // Whole numbers below 4096 (frequencies, day counts) index an array directly; others go through a dictionary.
        var small = new int[4096];
        Dictionary<double, int>? other = null;
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            int k;
            if (v >= 0 && v < small.Length && v == Math.Floor(v))
            {
                k = small[(int)v] - 1;
                if (k < 0)
                {
                    k = distinct.Count;
                    small[(int)v] = k + 1;
                    distinct.Add(v);
                }
            }
            else if (!(other ??= []).TryGetValue(v, out k))
            {
                k = distinct.Count;
                other.Add(v, k);
                distinct.Add(v);
            }
            if (distinct.Count > limit) return null;
            index[i] = k;
        }
        return (index, [.. distinct]);
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
    /// <summary>Index of each row's T among <see cref="DistinctT"/>; null when T takes many values.</summary>
    internal int[]? TIndex { get; }
    internal double[]? DistinctT { get; }
    /// <summary>Index of each row's t_x among <see cref="DistinctTx"/>; null when T or t_x takes many values.</summary>
    internal int[]? TxIndex { get; }
    internal double[]? DistinctTx { get; }

    /// <summary>Every <paramref name="step"/>-th row (a systematic subsample for warm starts).</summary>
    internal PurchaseSummary Every(int step)
    {
        var n = (Rows + step - 1) / step;
        var (x, tx, t, w) = (new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++) (x[i], tx[i], t[i], w[i]) = (X[i * step], Tx[i * step], T[i * step], Weight[i * step]);
        return new PurchaseSummary(x, tx, t, w, (int)Math.Round(w.Sum()));
    }

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
        var customers = weights.IsEmpty ? n : (int)Math.Round(Sum(weights));
        if (compress) return Compress(frequency, recency, T, weights, customers);
        for (var i = 0; i < n; i++) Check(i, frequency[i], recency[i], T[i], weights.IsEmpty ? 1.0 : weights[i]);
        return new PurchaseSummary(frequency.ToArray(), recency.ToArray(), T.ToArray(), weights.IsEmpty ? Ones(n) : weights.ToArray(), customers);
    }

    private static void Check(int i, double x, double tx, double t, double w)
    {
        if (!(x >= 0) || !double.IsFinite(x) || !(tx >= 0) || !(t >= 0) || !double.IsFinite(t) || !(w >= 0) || !double.IsFinite(w))
            throw new ArgumentException($"customer {i}: frequency, recency, T and weight must be finite and non-negative (got {x}, {tx}, {t}, {w}).");
        if (tx > t * (1 + 1e-12))
            throw new ArgumentException($"customer {i}: recency {tx} exceeds T {t}.");
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

    /// <summary>
    /// Open-addressing hash on the three values' bits; rows keep the order of first appearance, so fits
    /// are deterministic. The table starts small and grows, so that it stays in cache when (as usual)
    /// the distinct rows are far fewer than the customers.
    /// </summary>
    private static PurchaseSummary Compress(ReadOnlySpan<double> x, ReadOnlySpan<double> tx, ReadOnlySpan<double> t, ReadOnlySpan<double> weights, int customers)
    {
        var n = x.Length;
        var capacity = 1024;
        // A slot holds the full hash beside the row index and a row holds its three values beside the
        // weight, so a lookup touches two cache lines rather than five.
        var slots = new Slot[capacity];
        var unique = new Row[Math.Min(n, 1024)];
        var rows = 0;
        for (var i = 0; i < n; i++)
        {
            // +0.0 and -0.0 are one value; adding 0.0 maps -0.0 to +0.0.
            var (vx, vtx, vt) = (x[i] + 0.0, tx[i] + 0.0, t[i] + 0.0);
            var w = weights.IsEmpty ? 1.0 : weights[i];
            Check(i, vx, vtx, vt, w);
            var h = Hash(vx, vtx, vt);
            var mask = capacity - 1;
            var slot = (int)(h >> 32) & mask;
            while (true)
            {
                ref var entry = ref slots[slot];
                if (entry.Row == 0)
                {
                    if (rows == unique.Length) Array.Resize(ref unique, Math.Min(n, 2 * unique.Length));
                    entry = new Slot(h, rows + 1);
                    unique[rows] = new Row(vx, vtx, vt, w);
                    rows++;
                    if (2 * rows > capacity) (slots, capacity) = (Grow(slots, capacity * 4), capacity * 4);
                    break;
                }
                if (entry.Hash == h)
                {
                    ref var row = ref unique[entry.Row - 1];
                    if (row.X == vx && row.Tx == vtx && row.T == vt)
                    {
                        row.Weight += w;
                        break;
                    }
                }
                slot = (slot + 1) & mask;
            }
        }
        var (ux, utx, ut, uw) = (new double[rows], new double[rows], new double[rows], new double[rows]);
        for (var r = 0; r < rows; r++) (ux[r], utx[r], ut[r], uw[r]) = (unique[r].X, unique[r].Tx, unique[r].T, unique[r].Weight);
        return new PurchaseSummary(ux, utx, ut, uw, customers);
    }

    private record struct Slot(ulong Hash, int Row); // Row is the row index + 1; 0 marks an empty slot

    private record struct Row(double X, double Tx, double T, double Weight);

    /// <summary>
    /// MurmurHash3's 64-bit finaliser over the three bit patterns. Whole-number doubles have all-zero low
    /// mantissa bits, so a plain multiplicative hash would lose them; the finaliser folds high bits down.
    /// </summary>
    private static ulong Hash(double x, double tx, double t)
    {
        var h = Mix((ulong)BitConverter.DoubleToInt64Bits(t));
        h = Mix(h ^ (ulong)BitConverter.DoubleToInt64Bits(tx));
        return Mix(h ^ (ulong)BitConverter.DoubleToInt64Bits(x));
    }

    private static ulong Mix(ulong z)
    {
        z ^= z >> 33;
        z *= 0xFF51AFD7ED558CCDUL;
        z ^= z >> 33;
        z *= 0xC4CEB9FE1A85EC53UL;
        return z ^ (z >> 33);
    }

    private static Slot[] Grow(Slot[] slots, int capacity)
    {
        var grown = new Slot[capacity];
        var mask = capacity - 1;
        foreach (var entry in slots)
        {
            if (entry.Row == 0) continue;
            var slot = (int)(entry.Hash >> 32) & mask;
            while (grown[slot].Row != 0) slot = (slot + 1) & mask;
            grown[slot] = entry;
        }
        return grown;
    }
}
