namespace ClvML.Probabilistic;

/// <summary>
/// A transaction model whose conditional expectation E[Y(t) | x, t_x, T] is a part that depends on
/// x and T only combined with the customer's P(alive | x, t_x, T). Scoring computes that part once
/// per (x, T) (a few thousand pairs) instead of once per history (hundreds of thousands), and gets
/// the model's own numbers bit for bit: the model's methods are built from the same two halves.
/// </summary>
internal interface ISharedForecastModel : ITransactionModel
{
    /// <summary>
    /// The (x, T) part of E[Y(t_m) | x, t_x, T] at several horizons (the monthly steps of CLV), as the
    /// many-horizon <see cref="ITransactionModel.ConditionalExpectedPurchases(ReadOnlySpan{double}, double, double, double, Span{double})"/>
    /// computes it; false when that method would fall back to one horizon at a time.
    /// </summary>
    bool TrySharedForecast(ReadOnlySpan<double> t, double frequency, double T, Span<double> shared);

    /// <summary>E[Y(t_m) | x, t_x, T] from <see cref="TrySharedForecast"/>'s part and the customer's P(alive).</summary>
    void ForecastFromShared(ReadOnlySpan<double> t, ReadOnlySpan<double> shared, double frequency, double probabilityAlive, Span<double> destination);

    /// <summary>The (x, T) part of the one-horizon E[Y(t) | x, t_x, T] for t &gt; 0, which is this times P(alive).</summary>
    double SharedForecast(double t, double frequency, double T);
}
