using ClvML.AutoML;
using ClvML.Registry;

namespace ClvML.Configuration;

/// <summary><c>probabilistic:</c> section (BTYD models).</summary>
public sealed record ProbabilisticSettings
{
    /// <summary>Whether the stage runs.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>bgnbd, pareto_nbd, mbgnbd, bgbb.</summary>
    public IReadOnlyList<string> TransactionModels { get; init; } = ["bgnbd", "pareto_nbd", "mbgnbd"];
    /// <summary>gamma_gamma.</summary>
    public string SpendModel { get; init; } = "gamma_gamma";
    /// <summary>L2 penalty on log-parameters.</summary>
    public double Penalizer { get; init; }
    /// <summary>
    /// Wall-clock limit of each model's fit; a fit past it is skipped with the reason. Chosen far above what
    /// healthy fits of a million customers need (README, performance), so that it stops only a fit that has gone
    /// wrong, and before such a fit holds up the run.
    /// </summary>
    public double FitTimeLimitSeconds { get; init; } = 30;
    /// <summary>
    /// Likelihood evaluations allowed per model fit: the machine-independent counterpart of
    /// <see cref="FitTimeLimitSeconds"/>, several times what a healthy fit needs with every start and the
    /// Nelder-Mead fallback. A fit past it is skipped with the reason.
    /// </summary>
    public int MaxEvaluations { get; init; } = 20_000;
    /// <summary>Largest <see cref="FitTimeLimitSeconds"/> accepted (about 31 years: anything more means "no limit" and is refused as a likely typo).</summary>
    public const double MaximumFitTimeLimitSeconds = 1e9;

    /// <summary>Names accepted in <see cref="TransactionModels"/>.</summary>
    public static IReadOnlyList<string> KnownTransactionModels => [.. ModelRegistry.TransactionModels.Select(k => k.Name)];
    /// <summary>Names accepted in <see cref="SpendModel"/>.</summary>
    public static IReadOnlyList<string> KnownSpendModels => [ModelRegistry.SpendModel];
}

/// <summary><c>segmentation:</c> section.</summary>
public sealed record SegmentationSettings
{
    /// <summary>Whether the stage runs.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Feature-table columns clustered.</summary>
    public IReadOnlyList<string> Features { get; init; } = ["recency", "frequency", "monetary_value", "tenure_days"];
    /// <summary>none, standardize, log_standardize.</summary>
    public string Transform { get; init; } = "log_standardize";
    /// <summary>Number of clusters; null means chosen over <see cref="KRange"/>.</summary>
    public int? K { get; init; }
    /// <summary>Smallest and largest k tried when <see cref="K"/> is auto.</summary>
    public (int Min, int Max) KRange { get; init; } = (2, 10);
    /// <summary>k-means++ restarts; the lowest inertia wins.</summary>
    public int Restarts { get; init; } = 10;
    /// <summary>Whether quintile RFM scores and named segments are computed.</summary>
    public bool RfmSegments { get; init; } = true;
    /// <summary>The k-means engine (<see cref="ModelRegistry.Clusterers"/>): clvml, ClvML's own and the default, or mlnet, ML.NET's KMeansTrainer.</summary>
    public string Engine { get; init; } = ModelRegistry.Clusterers[0].Engine;

    /// <summary>Names accepted in <see cref="Transform"/>.</summary>
    public static readonly IReadOnlyList<string> KnownTransforms = ["none", "standardize", "log_standardize"];
    /// <summary>Names accepted in <see cref="Engine"/>.</summary>
    public static IReadOnlyList<string> KnownEngines => [.. ModelRegistry.Clusterers.Select(k => k.Engine)];
}

/// <summary><c>regression:</c> section.</summary>
public sealed record RegressionSettings
{
    /// <summary>Whether the stage runs.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>holdout_spend or holdout_frequency.</summary>
    public string Target { get; init; } = "holdout_spend";
    /// <summary>Registered trainer names (<see cref="ModelRegistry.Regressors"/>); by default ClvML's own.</summary>
    public IReadOnlyList<string> Trainers { get; init; } = AutoMLOptions.DefaultTrainers;
    /// <summary>The hyper-parameter search.</summary>
    public AutoMlSettings AutoMl { get; init; } = new();

    /// <summary>Names accepted in <see cref="Target"/>.</summary>
    public static readonly IReadOnlyList<string> KnownTargets = ["holdout_spend", "holdout_frequency"];
    /// <summary>Names accepted in <see cref="Trainers"/>.</summary>
    public static IReadOnlyList<string> KnownTrainers => [.. ModelRegistry.Regressors.Select(k => k.Name)];
}

/// <summary><c>regression.automl:</c> section.</summary>
public sealed record AutoMlSettings
{
    /// <summary>Whether the search runs.</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Hard wall-clock budget of the whole search.</summary>
    public double TimeBudgetSeconds { get; init; } = 60;
    /// <summary>Hard budget on the number of trials.</summary>
    public int MaxTrials { get; init; } = 200;
    /// <summary>Cross-validation folds.</summary>
    public int Folds { get; init; } = 5;
    /// <summary>rmse, mae, normalized_gini, spearman.</summary>
    public string Metric { get; init; } = "rmse";

    /// <summary>Names accepted in <see cref="Metric"/>.</summary>
    public static readonly IReadOnlyList<string> KnownMetrics = ["rmse", "mae", "normalized_gini", "spearman"];
}
