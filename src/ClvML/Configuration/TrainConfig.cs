using ClvML.Data;
using ClvML.Features;
using ClvML.Probabilistic;

namespace ClvML.Configuration;

/// <summary>
/// The whole of <c>train.yaml</c> as typed records. Every section has the defaults documented in
/// shared/docs/train-yaml.md, so an absent section (or an empty file) is a valid configuration.
/// Load one with <see cref="TrainConfigLoader"/>; it reports every problem with its YAML path.
/// </summary>
public sealed record TrainConfig
{
    /// <summary>Run name and seed.</summary>
    public RunSettings Run { get; init; } = new();
    /// <summary>Where transactions come from and how their columns map.</summary>
    public DataSettings Data { get; init; } = new();
    /// <summary>Time units and the calibration/holdout split.</summary>
    public FeatureSettings Features { get; init; } = new();
    /// <summary>The BTYD models (BG/NBD, Pareto/NBD, ...).</summary>
    public ProbabilisticSettings Probabilistic { get; init; } = new();
    /// <summary>k-means and RFM segments.</summary>
    public SegmentationSettings Segmentation { get; init; } = new();
    /// <summary>Future-spend regression and its AutoML search.</summary>
    public RegressionSettings Regression { get; init; } = new();
    /// <summary>How predicted spend becomes discounted CLV.</summary>
    public ClvSettings Clv { get; init; } = new();
    /// <summary>Which report formats are written.</summary>
    public EvaluationSettings Evaluation { get; init; } = new();
    /// <summary>Where runs are written.</summary>
    public OutputSettings Output { get; init; } = new();
}

/// <summary><c>run:</c> section.</summary>
public sealed record RunSettings
{
    /// <summary>Run directory name under <c>output.models_dir</c>; a suffix is added if taken.</summary>
    public string Name { get; init; } = "sample";
    /// <summary>Every random choice derives from this seed.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary><c>output:</c> section.</summary>
public sealed record OutputSettings
{
    /// <summary>Root folder of run directories, relative to the config file's folder.</summary>
    public string ModelsDir { get; init; } = "models";
}

/// <summary><c>evaluation:</c> section.</summary>
public sealed record EvaluationSettings
{
    /// <summary>Report formats: html, markdown, json.</summary>
    public IReadOnlyList<string> Report { get; init; } = ["html", "markdown", "json"];

    /// <summary>Names accepted in <see cref="Report"/>.</summary>
    public static readonly IReadOnlyList<string> KnownReports = ["html", "markdown", "json"];

    /// <summary>
    /// Metric the leaderboard is sorted by (a name of <see cref="Evaluation.HoldoutMetrics.Names"/>).
    /// MAE by default: it is in the currency of the forecast and, unlike RMSE, not dominated by the
    /// few heaviest spenders.
    /// </summary>
    public string PrimaryMetric { get; init; } = "mae";
}
