namespace ClvML.Evaluation.Holdout;

/// <summary>One model's forecast of every customer's holdout, in feature-table row order.</summary>
/// <param name="Name">Model name as it appears in the leaderboard and in column names (bgnbd, gbdt, historic_average).</param>
/// <param name="Kind">Model family: <see cref="ModelKinds"/>.</param>
/// <param name="Spend">Predicted holdout spend per customer.</param>
/// <param name="Purchases">Predicted holdout purchases per customer, for models that forecast them; else null.</param>
public sealed record HoldoutPrediction(string Name, string Kind, double[] Spend, double[]? Purchases = null);

/// <summary>The model families of the leaderboard's "kind" column.</summary>
public static class ModelKinds
{
    /// <summary>A BTYD transaction model times the Gamma-Gamma spend model.</summary>
    public const string Probabilistic = "probabilistic";

    /// <summary>A regressor trained on calibration features with the holdout as target (out-of-fold predictions).</summary>
    public const string Regression = "regression";

    /// <summary>A practitioners' formula (historic average, APV x APF x lifespan, m r / (1 + d - r)).</summary>
    public const string Heuristic = "heuristic";
}
