namespace ClvML.Probabilistic;

/// <summary>Options of <see cref="BgNbd"/>.</summary>
public sealed record BgNbdOptions : FitOptions;

/// <summary>
/// Fits the BG/NBD model (Fader, Hardie &amp; Lee 2005, "'Counting your customers' the easy way: an
/// alternative to the Pareto/NBD model", Marketing Science 24(2)) by maximum likelihood (eq. 6).
/// Parameters r, alpha (gamma-distributed purchase rate) and a, b (beta-distributed dropout
/// probability after each purchase).
/// </summary>
public sealed class BgNbd(BgNbdOptions? options = null)
{
    private readonly BgNbdOptions _options = options ?? new BgNbdOptions();

    /// <summary>Fits per-customer frequency, recency and T (optionally weighted).</summary>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public BgNbdModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T, ReadOnlySpan<double> weights = default,
        CancellationToken cancellationToken = default) =>
        Fit(PurchaseSummary.Create(frequency, recency, T, weights, _options.Compress), cancellationToken);

    /// <summary>Fits prepared data.</summary>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public BgNbdModel Fit(PurchaseSummary data, CancellationToken cancellationToken = default)
    {
        var outcome = Outcome(data, _options, FitBudget.Start(BgNbdModel.ModelName, _options, cancellationToken));
        var p = outcome.Parameters;
        var model = new BgNbdModel(p[0], p[1], p[2], p[3]) { Diagnostics = outcome.Diagnostics, StandardErrors = outcome.StandardErrors, LogCovariance = outcome.LogCovariance };
        return model with { Diagnostics = NoDropoutLimit.Diagnose(model, model.Diagnostics, data) };
    }

    /// <summary>Large inputs are first fitted on a systematic subsample, whose optimum and curvature start the full fit.</summary>
    private static FitOutcome Outcome(PurchaseSummary data, FitOptions options, FitBudget budget)
    {
        var warm = data.Rows > LikelihoodFit.WarmStartRows
            ? Outcome(data.Every(LikelihoodFit.WarmStartStep), options with { StandardErrors = false }, budget)
            : null;
        var likelihood = new BgNbdLikelihood(data, modified: false);
        return LikelihoodFit.Run(BgNbdModel.ModelName, BgNbdModel.ParameterNames, likelihood.Evaluate, data.TotalWeight,
            data.Customers, data.Rows, Starts.ShapeScaleShapeShape(data), options, budget, warm);
    }

    /// <summary>The log-likelihood of the data at given parameters (eq. 6), e.g. to check a published optimum.</summary>
    public static double LogLikelihood(BgNbdModel model, PurchaseSummary data) =>
        -new BgNbdLikelihood(data, modified: false).Evaluate([Math.Log(model.R), Math.Log(model.Alpha), Math.Log(model.A), Math.Log(model.B)], default);
}
