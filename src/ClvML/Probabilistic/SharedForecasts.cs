using ClvML.Numerics;

namespace ClvML.Probabilistic;

/// <summary>
/// The (x, T) halves of an <see cref="ISharedForecastModel"/>'s forecasts for the distinct (x, T)
/// pairs of some history groups: the hypergeometric series, the costly part of a forecast, is summed
/// once per pair (a few thousand) and each history group only scales it by its P(alive).
/// </summary>
internal sealed class SharedForecasts
{
    private SharedForecasts(DistinctHistories pairs, double[] monthly, bool[] usable, int months)
    {
        Pairs = pairs;
        Monthly = monthly;
        Usable = usable;
        Months = months;
    }

    /// <summary>The history groups grouped again by (x, T): <c>Pairs.Slot[k]</c> is group k's pair.</summary>
    public DistinctHistories Pairs { get; }
    /// <summary>Whether the model's shared form applies to a pair (false: go one history at a time, as the model itself does).</summary>
    public bool[] Usable { get; }
    /// <summary>Number of monthly horizons.</summary>
    public int Months { get; }
    private double[] Monthly { get; }

    /// <summary>The shared part of pair <paramref name="pair"/> at every monthly horizon.</summary>
    public ReadOnlySpan<double> MonthlyOf(int pair) => Monthly.AsSpan(pair * Months, Months);

    /// <summary>Sums the shared parts at <paramref name="horizons"/> for every (x, T) of <paramref name="histories"/>, in fixed chunks on up to <paramref name="threads"/> threads.</summary>
    public static SharedForecasts Of(ISharedForecastModel model, DistinctHistories histories, double[] horizons, int threads)
    {
        var pairs = DistinctHistories.Of(histories.Frequency, new double[histories.Count], histories.T);
        var months = horizons.Length;
        var monthly = new double[pairs.Count * months];
        var usable = new bool[pairs.Count];
        RowChunks.For(pairs.Count, threads, (_, start, end) =>
        {
            for (var p = start; p < end; p++)
                usable[p] = model.TrySharedForecast(horizons, pairs.Frequency[p], pairs.T[p], monthly.AsSpan(p * months, months));
        });
        return new SharedForecasts(pairs, monthly, usable, months);
    }

    /// <summary>The shared part of the one-horizon forecast at <paramref name="horizon"/> &gt; 0 for every pair.</summary>
    public double[] AtHorizon(ISharedForecastModel model, double horizon, int threads)
    {
        var shared = new double[Pairs.Count];
        RowChunks.For(Pairs.Count, threads, (_, start, end) =>
        {
            for (var p = start; p < end; p++) shared[p] = model.SharedForecast(horizon, Pairs.Frequency[p], Pairs.T[p]);
        });
        return shared;
    }
}
