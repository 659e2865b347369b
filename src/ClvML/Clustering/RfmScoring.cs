namespace ClvML.Clustering;

/// <summary>RFM scores and segments of every customer.</summary>
/// <param name="Recency">R score 1..5 (5 = most recent purchase).</param>
/// <param name="Frequency">F score 1..5 (5 = most purchases).</param>
/// <param name="Monetary">M score 1..5 (5 = highest spend).</param>
/// <param name="Segments">Segment name per customer.</param>
public sealed record RfmScores(int[] Recency, int[] Frequency, int[] Monetary, string[] Segments)
{
    /// <summary>The three-digit code of customer <paramref name="i"/>, e.g. "545".</summary>
    public string Code(int i) => Codes[Combination(i)];

    /// <summary>Customer <paramref name="i"/>'s score triple as one index 0..124: x 25 + (F-1) x 5 + M-1, the index into <see cref="Codes"/>.</summary>
    public int Combination(int i) => (Recency[i] - 1) * 25 + (Frequency[i] - 1) * 5 + Monetary[i] - 1;

    /// <summary>The 125 three-digit codes by <see cref="Combination"/> ("111" ... "555"), made once instead of a string per customer.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Enumerable.Range(0, 125).Select(c => $"{c / 25 + 1}{c / 5 % 5 + 1}{c % 5 + 1}")];
}

/// <summary>
/// Classic RFM scoring, no clustering needed: quintile scores 1..5 of days since the last purchase (fewer is
/// better), purchases and revenue (<see cref="CustomerValues"/>), a three-digit code and a named segment from
/// a rule table (<see cref="RfmSegmentRule.Defaults"/> unless given).
/// </summary>
public static class RfmScoring
{
    /// <summary>Scores every customer.</summary>
    public static RfmScores Score(CustomerValues values, IReadOnlyList<RfmSegmentRule>? rules = null)
    {
        rules ??= RfmSegmentRule.Defaults;
        int[] r = [], f = [], m = [];
        // Three independent rankings of a million keys: run side by side.
        Parallel.Invoke(
            () => r = QuintileScores(values.RecencyDays, higherIsBetter: false),
            () => f = QuintileScores(values.Purchases, higherIsBetter: true),
            () => m = QuintileScores(values.Revenue, higherIsBetter: true));
        var segmentOf = SegmentsByCombination(rules);
        var segments = new string[values.Count];
        for (var i = 0; i < segments.Length; i++)
            segments[i] = segmentOf[(r[i] - 1) * 25 + (f[i] - 1) * 5 + m[i] - 1];
        return new RfmScores(r, f, m, segments);
    }

    /// <summary>
    /// The segment of each of the 125 score triples, by <see cref="RfmScores.Combination"/>: the
    /// first matching rule, worked out once instead of per customer.
    /// </summary>
    public static string[] SegmentsByCombination(IReadOnlyList<RfmSegmentRule>? rules = null)
    {
        rules ??= RfmSegmentRule.Defaults;
        var segmentOf = new string[125];
        for (var code = 0; code < 125; code++)
            segmentOf[code] = rules.FirstOrDefault(rule => rule.Matches(code / 25 + 1, code / 5 % 5 + 1, code % 5 + 1))?.Segment ?? RfmSegmentRule.Unmatched;
        return segmentOf;
    }

    /// <summary>
    /// Scores 1..5 by rank: a customer's score is 1 + floor(5 x (share of customers strictly worse)). Equal
    /// values always share a score, and on skewed data (say 60% with one order) the whole tie group takes the
    /// score where it starts instead of being split at random across bins, as a quantile cut of the values or
    /// of first-come ranks would; the bins stay valid, some may simply be unused.
    /// </summary>
    public static int[] QuintileScores(double[] values, bool higherIsBetter) =>
        WholeNumberScores(values, higherIsBetter) ?? SelectedScores(values, higherIsBetter) ?? SortedScores(values, higherIsBetter);

    /// <summary>
    /// The same scores from four order statistics instead of a sort. With w(v) the customers strictly
    /// worse than v, the score is at least s + 1 exactly when 5 w(v) &gt;= s n, that is when w(v) &gt;= k_s =
    /// ceil(s n / 5), which holds exactly when the k_s-th smallest key is below v. So a customer's score
    /// is one plus the number of those four thresholds its key exceeds. Null when a value is NaN.
    /// </summary>
    internal static int[]? SelectedScores(double[] values, bool higherIsBetter)
    {
        var n = values.Length;
        if (n == 0) return [];
        var keys = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i])) return null;
            keys[i] = higherIsBetter ? values[i] : -values[i];
        }
        Span<int> ranks = stackalloc int[4];
        for (var s = 1; s <= 4; s++) ranks[s - 1] = (int)((s * (long)n + 4) / 5) - 1;
        var t = OrderStatistics.Select(keys, ranks);
        var scores = new int[n];
        for (var i = 0; i < n; i++)
        {
            var key = higherIsBetter ? values[i] : -values[i];
            scores[i] = 1 + (key > t[0] ? 1 : 0) + (key > t[1] ? 1 : 0) + (key > t[2] ? 1 : 0) + (key > t[3] ? 1 : 0);
        }
        return scores;
    }

    /// <summary>The scores by sorting, for values with NaN (which order statistics cannot rank).</summary>
    internal static int[] SortedScores(double[] values, bool higherIsBetter)
    {
        var n = values.Length;
        var order = Enumerable.Range(0, n).ToArray();
        // Sorting from worst to best makes "strictly worse" the position of a tie group's first member.
        // Sorted by a key array (negated when lower is better): a primitive sort, several times
        // faster on a million customers than one through a comparison delegate.
        var keys = new double[n];
        for (var i = 0; i < n; i++) keys[i] = higherIsBetter ? values[i] : -values[i];
        Array.Sort(keys, order);
        var scores = new int[n];
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && values[order[end]] == values[order[start]]) end++;
            var score = 1 + (int)(5L * start / n);
            for (var p = start; p < end; p++) scores[order[p]] = score;
            start = end;
        }
        return scores;
    }

    /// <summary>
    /// The same scores by counting instead of sorting when every value is a whole number in a range of
    /// at most a few million (days since the last purchase, orders): the customers strictly worse than a
    /// value are a running sum of the counts, so a million customers take two passes instead of a sort.
    /// Null when the values do not fit.
    /// </summary>
    private static int[]? WholeNumberScores(double[] values, bool higherIsBetter)
    {
        const double MaxRange = 1 << 22;
        var n = values.Length;
        if (n == 0) return null;
        double min = values[0], max = values[0];
        foreach (var v in values)
        {
            if (!(v == Math.Floor(v)) || double.IsInfinity(v)) return null;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (max - min > MaxRange) return null;
        var counts = new int[(int)(max - min) + 1];
        foreach (var v in values) counts[(int)(v - min)]++;
        // Score per distinct value: 1 + floor(5 x (customers strictly worse) / n), as the sort gives it.
        var scoreOf = new int[counts.Length];
        long worse = 0;
        for (var step = 0; step < counts.Length; step++)
        {
            var at = higherIsBetter ? step : counts.Length - 1 - step;
            scoreOf[at] = 1 + (int)(5L * worse / n);
            worse += counts[at];
        }
        var scores = new int[n];
        for (var i = 0; i < n; i++) scores[i] = scoreOf[(int)(values[i] - min)];
        return scores;
    }
}
