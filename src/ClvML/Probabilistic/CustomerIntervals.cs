namespace ClvML.Probabilistic;

/// <summary>
/// Per-customer point estimates and parameter-uncertainty intervals (<see cref="ClvIntervals"/>), in the
/// order of the customers given. Every array has one value per customer.
/// </summary>
/// <param name="PAlive">P(alive) at the fitted parameters.</param>
/// <param name="PAliveLower">Lower quantile of P(alive) over the drawn parameter sets.</param>
/// <param name="PAliveUpper">Upper quantile of P(alive).</param>
/// <param name="ExpectedPurchases">Expected purchases over the purchase horizon at the fitted parameters.</param>
/// <param name="ExpectedPurchasesLower">Lower quantile of the expected purchases.</param>
/// <param name="ExpectedPurchasesUpper">Upper quantile of the expected purchases.</param>
/// <param name="Clv">Discounted CLV (as <see cref="CustomerLifetimeValue"/>) at the fitted parameters.</param>
/// <param name="ClvLower">Lower quantile of the CLV.</param>
/// <param name="ClvUpper">Upper quantile of the CLV.</param>
/// <param name="LowerQuantile">The lower quantile's level (e.g. 0.05).</param>
/// <param name="UpperQuantile">The upper quantile's level (e.g. 0.95).</param>
/// <param name="Draws">Parameter sets the quantiles were taken over.</param>
public sealed record CustomerIntervals(
    double[] PAlive, double[] PAliveLower, double[] PAliveUpper,
    double[] ExpectedPurchases, double[] ExpectedPurchasesLower, double[] ExpectedPurchasesUpper,
    double[] Clv, double[] ClvLower, double[] ClvUpper,
    double LowerQuantile, double UpperQuantile, int Draws);
