namespace ClvML.Probabilistic;

/// <summary>Options of <see cref="ModifiedBgNbd"/>.</summary>
public sealed record ModifiedBgNbdOptions : FitOptions;

/// <summary>
/// Fits the MBG/NBD model (Batislam, Denizel &amp; Filiztekin 2007, "Empirical validation and comparison
/// of models for customer base analysis", IJRM 24(3)), whose likelihood the shared BG/NBD kernel evaluates with x + 1 in the beta terms: BG/NBD in which a customer may also drop
/// out right after the first purchase, so that customers without repeat purchases are not certainly alive.
/// </summary>
public sealed class ModifiedBgNbd(ModifiedBgNbdOptions? options = null)
{
    private readonly ModifiedBgNbdOptions _options = options ?? new ModifiedBgNbdOptions();

    /// <summary>Fits per-customer frequency, recency and T (optionally weighted).</summary>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ModifiedBgNbdModel Fit(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T, ReadOnlySpan<double> weights = default,
        CancellationToken cancellationToken = default) =>
        Fit(PurchaseSummary.Create(frequency, recency, T, weights, _options.Compress), cancellationToken);

    /// <summary>Fits prepared data.</summary>
    /// <exception cref="FitLimitExceededException">The fit ran past <see cref="FitOptions.TimeLimit"/> or <see cref="FitOptions.MaximumEvaluations"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ModifiedBgNbdModel Fit(PurchaseSummary data, CancellationToken cancellationToken = default)
    {
        var outcome = Outcome(data, _options, FitBudget.Start(ModifiedBgNbdModel.ModelName, _options, cancellationToken));
        var p = outcome.Parameters;
        var model = new ModifiedBgNbdModel(p[0], p[1], p[2], p[3]) { Diagnostics = outcome.Diagnostics, StandardErrors = outcome.StandardErrors, LogCovariance = outcome.LogCovariance };
        return model with { Diagnostics = NoDropoutLimit.Diagnose(model, model.Diagnostics, data) };
    }

    /// <summary>Large inputs are first fitted on a systematic subsample, whose optimum and curvature start the full fit.</summary>
    private static FitOutcome Outcome(PurchaseSummary data, FitOptions options, FitBudget budget)
    {
        var warm = data.Rows > LikelihoodFit.WarmStartRows
            ? Outcome(data.Every(LikelihoodFit.WarmStartStep), options with { StandardErrors = false }, budget)
            : null;
        var likelihood = new BgNbdLikelihood(data, modified: true);
        return LikelihoodFit.Run(ModifiedBgNbdModel.ModelName, BgNbdModel.ParameterNames, likelihood.Evaluate, data.TotalWeight,
            data.Customers, data.Rows, Starts.ShapeScaleShapeShape(data), options, budget, warm);
    }
}
