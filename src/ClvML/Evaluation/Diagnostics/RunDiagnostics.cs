namespace ClvML.Evaluation.Diagnostics;

/// <summary>A model of the holdout comparison as the report lists it.</summary>
/// <param name="Name">Name (the prefix of its columns in holdout_predictions.csv).</param>
/// <param name="Kind">Family (<see cref="Holdout.ModelKinds"/>).</param>
public sealed record ComparedModel(string Name, string Kind);

/// <summary>
/// What the report needs beyond the per-customer holdout predictions, computed at training time
/// and saved as report/diagnostics.json so that <c>clvml report</c> rebuilds the report from the
/// run alone: the models compared, notes on what was left out and why, and the BTYD diagnostics.
/// </summary>
public sealed record RunDiagnostics
{
    /// <summary>Models of holdout_predictions.csv, in the order they were compared.</summary>
    public IReadOnlyList<ComparedModel> Models { get; init; } = [];

    /// <summary>Things the reader should know (a model left out, a chart skipped), in order.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The trainer the AutoML search chose, or null without regression.</summary>
    public string? AutoMLWinner { get; init; }

    /// <summary>The transaction model whose columns are primary (the first fitted), or null.</summary>
    public string? PrimaryTransactionModel { get; init; }

    /// <summary>Repeat-purchase count distribution in the calibration period, or null without transaction models.</summary>
    public CategoryComparison? RepeatPurchases { get; init; }

    /// <summary>Weekly (per time unit) tracking of repeat transactions, or null (summary input, no models).</summary>
    public TransactionTracking? Tracking { get; init; }

    /// <summary>Mean P(alive) by frequency and recency, or null without transaction models.</summary>
    public AliveGrid? Alive { get; init; }

    /// <summary>How each transaction model's fit went, in config order (empty in runs saved before fits were recorded).</summary>
    public IReadOnlyList<ModelFit> Fits { get; init; } = [];
}
