namespace ClvML.Probabilistic;

/// <summary>
/// Customers grouped by their history (x, t_x, T) and, when given, their horizon: a model's
/// per-customer outputs depend on nothing else, so it is evaluated once per group (a million
/// generated customers have ~390,000) and the result copied to every member. Groups are numbered
/// in order of their first customer and keep that customer's values; numbers compare as
/// <see cref="double.Equals(double)"/> does (0 and -0 alike, NaN equal to NaN).
/// </summary>
internal sealed class DistinctHistories
{
    private DistinctHistories(int[] slot, int count, double[] frequency, double[] recency, double[] t, double[]? horizon)
    {
        Slot = slot;
        Count = count;
        Frequency = frequency;
        Recency = recency;
        T = t;
        Horizon = horizon;
    }

    /// <summary>Each customer's group.</summary>
    public int[] Slot { get; }
    /// <summary>Number of groups.</summary>
    public int Count { get; }
    /// <summary>x of each group (first <see cref="Count"/> entries).</summary>
    public double[] Frequency { get; }
    /// <summary>t_x of each group.</summary>
    public double[] Recency { get; }
    /// <summary>T of each group.</summary>
    public double[] T { get; }
    /// <summary>The horizon of each group; null when the grouping ignored horizons.</summary>
    public double[]? Horizon { get; }

    /// <summary>Groups customers by (x, t_x, T), and by <paramref name="horizon"/> too when it is given.</summary>
    public static DistinctHistories Of(double[] frequency, double[] recency, double[] t, Func<int, double>? horizon = null)
    {
        var n = frequency.Length;
        var slot = new int[n];
        var table = new GroupTable(horizon is not null);
        for (var i = 0; i < n; i++)
            slot[i] = table.GetOrAdd(frequency[i], recency[i], t[i], horizon is null ? 0 : horizon(i));
        var groups = table.Groups;
        var count = table.Count;
        var (x, tx, age, h) = (new double[count], new double[count], new double[count], horizon is null ? null : new double[count]);
        for (var k = 0; k < count; k++)
        {
            x[k] = groups[k].X;
            tx[k] = groups[k].Tx;
            age[k] = groups[k].T;
            if (h is not null) h[k] = groups[k].H;
        }
        return new DistinctHistories(slot, count, x, tx, age, h);
    }

    /// <summary>One group: its first customer's numbers and their hash.</summary>
    private struct Group
    {
        public double X, Tx, T, H;
        public ulong Hash;
    }

    /// <summary>
    /// An open-addressing table over the four numbers, a group's numbers side by side so that a
    /// lookup reads one bucket and one group: faster than a dictionary keyed by a tuple of doubles,
    /// whose hashing and equality go through the tuple's generic calls for every customer.
    /// </summary>
    private sealed class GroupTable(bool withHorizon)
    {
        private int[] _buckets = new int[1 << 12]; // group index + 1; 0 is empty

        public int Count { get; private set; }
        public Group[] Groups { get; private set; } = new Group[1 << 11];

        public int GetOrAdd(double x, double tx, double t, double h)
        {
            if (!withHorizon) h = 0;
            var hash = Hash(x, tx, t, h);
            var mask = _buckets.Length - 1;
            var at = (int)hash & mask;
            while (true)
            {
                var entry = _buckets[at] - 1;
                if (entry < 0) break;
                ref var group = ref Groups[entry];
                if (group.Hash == hash && Same(group.X, x) && Same(group.Tx, tx) && Same(group.T, t) && Same(group.H, h))
                    return entry;
                at = (at + 1) & mask;
            }
            var added = Count++;
            if (added == Groups.Length)
            {
                var grown = new Group[2 * Groups.Length];
                Groups.CopyTo(grown, 0);
                Groups = grown;
            }
            Groups[added] = new Group { X = x, Tx = tx, T = t, H = h, Hash = hash };
            _buckets[at] = added + 1;
            // At most half full, so probes stay short.
            if (2 * Count > _buckets.Length) Rehash();
            return added;
        }

        private static bool Same(double a, double b) => a == b || (double.IsNaN(a) && double.IsNaN(b));

        /// <summary>
        /// Each number folded in with a multiply and a shift down, then a final mix (MurmurHash3's
        /// fmix64): whole numbers and weeks differ only in their high bits, which a multiply alone
        /// never carries down to the bucket index.
        /// </summary>
        private static ulong Hash(double x, double tx, double t, double h)
        {
            var hash = Fold(Fold(Fold(Fold(0x243F6A8885A308D3UL, Bits(x)), Bits(tx)), Bits(t)), Bits(h));
            hash ^= hash >> 33;
            hash *= 0xFF51AFD7ED558CCDUL;
            hash ^= hash >> 33;
            hash *= 0xC4CEB9FE1A85EC53UL;
            return hash ^ (hash >> 33);
        }

        private static ulong Fold(ulong hash, ulong value)
        {
            hash = (hash ^ value) * 0x9E3779B97F4A7C15UL;
            return hash ^ (hash >> 32);
        }

        // 0 and -0 hash alike, as do all NaNs, to match Same.
        private static ulong Bits(double value) => double.IsNaN(value) ? ulong.MaxValue : BitConverter.DoubleToUInt64Bits(value + 0.0);

        private void Rehash()
        {
            var buckets = new int[_buckets.Length * 2];
            var mask = buckets.Length - 1;
            for (var entry = 0; entry < Count; entry++)
            {
                var at = (int)Groups[entry].Hash & mask;
                while (buckets[at] != 0) at = (at + 1) & mask;
                buckets[at] = entry + 1;
            }
            _buckets = buckets;
        }
    }
}
