namespace ClvML.Probabilistic;

/// <summary>Options of <see cref="BgBb"/>.</summary>
public sealed record BgBbOptions : FitOptions;

/// <summary>
/// Fits the BG/BB model (Fader, Hardie &amp; Shang 2010, Marketing Science 29(6)) for discrete transaction
/// opportunities: each period an active customer transacts with probability p ~ Beta(alpha, beta) and
/// becomes inactive at the start of a period with probability theta ~ Beta(gamma, delta). Frequency x
/// counts repeat transactions, recency t_x is the opportunity of the last one and T = n the number of
/// opportunities; all must be whole numbers with x &lt;= t_x &lt;= n.
/// </summary>
public sealed class BgBb(BgBbOptions? options = null)
{
    private readonly BgBbOptions _options = options ?? new BgBbOptions();

    /// <summary>Fits per-customer (or per-pattern, with weights) x, t_x and n.</summary>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public BgBbModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> n, ReadOnlySpan<double> weights = default,
        CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < frequency.Length; i++)
            BgBbModel.CheckPattern(frequency[i], recency[i], n[i]);
        return Fit(PurchaseSummary.Create(frequency, recency, n, weights, _options.Compress), cancellationToken);
    }

    /// <summary>Fits prepared data (whole-number patterns).</summary>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public BgBbModel Fit(PurchaseSummary data, CancellationToken cancellationToken = default)
    {
        var budget = FitBudget.Start(BgBbModel.ModelName, _options, cancellationToken);
        var likelihood = new BgBbLikelihood(data);
        IReadOnlyList<double[]> starts = [[1, 1, 1, 1], [0.5, 2, 0.5, 2], [2, 0.5, 2, 0.5], [1, 3, 0.3, 3]];
        var options = _options with { GradientTolerance = Math.Max(_options.GradientTolerance, 1e-7) };
        var outcome = LikelihoodFit.Run(BgBbModel.ModelName, BgBbModel.ParameterNames, likelihood.Evaluate, data.TotalWeight,
            data.Customers, data.Rows, starts, options, budget);
        var p = outcome.Parameters;
        return new BgBbModel(p[0], p[1], p[2], p[3]) { Diagnostics = outcome.Diagnostics, StandardErrors = outcome.StandardErrors };
    }
}
