namespace ClvML.Numerics;

/// <summary>
/// Splits rows into fixed-size chunks that threads take in any order. Every reduction keeps one partial
/// result per chunk and adds the partials in chunk order, so sums (and therefore centroids) are the
/// same bit for bit whatever the number of threads: the chunk boundaries depend only on the row count.
/// </summary>
internal static class RowChunks
{
    /// <summary>Rows per chunk: big enough to amortise scheduling, small enough to balance two cores.</summary>
    public const int Size = 4096;

    public static int Count(int rowCount) => (rowCount + Size - 1) / Size;

    /// <summary>Runs <paramref name="body"/>(chunk, start, end) for every chunk, on up to <paramref name="threads"/> threads.</summary>
    public static void For(int rowCount, int threads, Action<int, int, int> body)
    {
        var chunks = Count(rowCount);
        if (threads <= 1 || chunks <= 1)
        {
            for (var c = 0; c < chunks; c++) body(c, c * Size, Math.Min(rowCount, (c + 1) * Size));
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            c => body(c, c * Size, Math.Min(rowCount, (c + 1) * Size)));
    }

    /// <summary>Sum over rows of <paramref name="term"/>, reduced in chunk order.</summary>
    public static double Sum(int rowCount, int threads, Func<int, double> term)
    {
        var partial = new double[Count(rowCount)];
        For(rowCount, threads, (c, start, end) =>
        {
            double s = 0;
            for (var i = start; i < end; i++) s += term(i);
            partial[c] = s;
        });
        double total = 0;
        foreach (var p in partial) total += p;
        return total;
    }
}
