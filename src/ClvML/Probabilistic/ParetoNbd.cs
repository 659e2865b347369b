namespace ClvML.Probabilistic;

/// <summary>Options of <see cref="ParetoNbd"/>.</summary>
public sealed record ParetoNbdOptions : FitOptions;

/// <summary>
/// Fits the Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987, "Counting your customers: who
/// are they and what will they do next?", Management Science 33(1)) by maximum likelihood in the form
/// of Fader &amp; Hardie (2005) "A note on deriving the Pareto/NBD model and related expressions", eq. 18.
/// Parameters r, alpha (gamma purchase rates) and s, beta (gamma dropout rates).
/// </summary>
public sealed class ParetoNbd(ParetoNbdOptions? options = null)
{
    private readonly ParetoNbdOptions _options = options ?? new ParetoNbdOptions();

    /// <summary>Fits per-customer frequency, recency and T (optionally weighted).</summary>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ParetoNbdModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T, ReadOnlySpan<double> weights = default,
        CancellationToken cancellationToken = default) =>
        Fit(PurchaseSummary.Create(frequency, recency, T, weights, _options.Compress), cancellationToken);

    /// <summary>Fits prepared data.</summary>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ParetoNbdModel Fit(PurchaseSummary data, CancellationToken cancellationToken = default)
    {
        var outcome = Outcome(data, _options, FitBudget.Start(ParetoNbdModel.ModelName, _options, cancellationToken));
        var p = outcome.Parameters;
        var model = new ParetoNbdModel(p[0], p[1], p[2], p[3]) { Diagnostics = outcome.Diagnostics, StandardErrors = outcome.StandardErrors, LogCovariance = outcome.LogCovariance };
        return model with { Diagnostics = NoDropoutLimit.Diagnose(model, model.Diagnostics, data) };
    }

    /// <summary>Large inputs are first fitted on a systematic subsample, whose optimum and curvature start the full fit.</summary>
    private static FitOutcome Outcome(PurchaseSummary data, FitOptions options, FitBudget budget)
    {
        var warm = data.Rows > LikelihoodFit.WarmStartRows
            ? Outcome(data.Every(LikelihoodFit.WarmStartStep), options with { StandardErrors = false }, budget)
            : null;
        var likelihood = new ParetoNbdLikelihood(data, budget);
        return LikelihoodFit.Run(ParetoNbdModel.ModelName, ParetoNbdModel.ParameterNames, likelihood.Evaluate, data.TotalWeight,
            data.Customers, data.Rows, Starts.ScaleScale(data), options, budget, warm);
    }
}
