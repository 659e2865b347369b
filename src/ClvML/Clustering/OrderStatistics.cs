namespace ClvML.Clustering;

/// <summary>
/// k-th smallest values without sorting: Hoare's selection (FIND, CACM 1961) with a median-of-three
/// pivot, narrowing to one side per pass, so several order statistics of a million keys take a few
/// linear passes instead of an n log n sort. A range that stops shrinking fast enough (adversarial
/// input) is sorted instead, as introselect does, so the worst case stays n log n.
/// </summary>
internal static class OrderStatistics
{
    /// <summary>
    /// Reorders <paramref name="keys"/> (no NaN) so that each position in <paramref name="ranks"/> (0-based,
    /// ascending) holds the value a full sort would put there; returns those values.
    /// </summary>
    public static double[] Select(Span<double> keys, ReadOnlySpan<int> ranks)
    {
        var result = new double[ranks.Length];
        var from = 0;
        for (var r = 0; r < ranks.Length; r++)
        {
            // Everything left of an earlier rank is no larger than it, so later ranks look right of it.
            SelectInto(keys, from, keys.Length - 1, ranks[r]);
            result[r] = keys[ranks[r]];
            from = ranks[r];
        }
        return result;
    }

    private static void SelectInto(Span<double> keys, int left, int right, int k)
    {
        var budget = 2 * (64 - ulong.LeadingZeroCount((ulong)(right - left + 1)));
        while (right > left)
        {
            if (budget-- == 0)
            {
                keys[left..(right + 1)].Sort();
                return;
            }
            var pivot = MedianOfThree(keys[left], keys[left + (right - left) / 2], keys[right]);
            var i = left;
            var j = right;
            // Hoare partition: afterwards keys[left..j] <= pivot <= keys[i..right] and j < i.
            while (i <= j)
            {
                while (keys[i] < pivot) i++;
                while (keys[j] > pivot) j--;
                if (i > j) break;
                (keys[i], keys[j]) = (keys[j], keys[i]);
                i++;
                j--;
            }
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return; // between j and i every key equals the pivot
        }
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
}
