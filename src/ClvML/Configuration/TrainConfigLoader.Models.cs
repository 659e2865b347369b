using System.Globalization;
using ClvML.Features;
using ClvML.Registry;
using YamlDotNet.RepresentationModel;

namespace ClvML.Configuration;

public static partial class TrainConfigLoader
{
    private static FeatureSettings BindFeatures(YamlSection s)
    {
        var d = new FeatureSettings();
        var features = new FeatureSettings
        {
            TimeUnit = s.Enum("time_unit", d.TimeUnit),
            PurchasePeriod = s.NullableEnum("purchase_period", d.PurchasePeriod),
            CalibrationEnd = s.NullableDate("calibration_end"),
            ObservationEnd = s.NullableDate("observation_end"),
            Holdout = s.NullableDouble("holdout", d.Holdout, 0, inclusive: false),
        };
        s.RejectUnknownKeys();

        if (features is { CalibrationEnd: { } calibrationEnd, ObservationEnd: { } observationEnd })
        {
            if (observationEnd <= calibrationEnd)
                s.Report("observation_end", $"observation_end ({Format(observationEnd)}) must be after calibration_end ({Format(calibrationEnd)})");
            // Two of the three fix the split; a third could only contradict them.
            if (s.Given("holdout"))
                s.Report("holdout", "calibration_end, observation_end and holdout together over-determine the split: remove holdout (or one of the dates)");
        }
        return features;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ProbabilisticSettings BindProbabilistic(YamlSection s)
    {
        var d = new ProbabilisticSettings();
        var probabilistic = new ProbabilisticSettings
        {
            Enabled = s.Bool("enabled", d.Enabled),
            TransactionModels = s.StringList("transaction_models", d.TransactionModels, ProbabilisticSettings.KnownTransactionModels),
            SpendModel = s.Name("spend_model", d.SpendModel, ProbabilisticSettings.KnownSpendModels),
            Penalizer = s.Double("penalizer", d.Penalizer, 0, inclusive: true),
            FitTimeLimitSeconds = s.Double("fit_time_limit_seconds", d.FitTimeLimitSeconds, 0, inclusive: false),
            MaxEvaluations = s.Int("max_evaluations", d.MaxEvaluations, min: 1),
        };
        if (probabilistic is { Enabled: true, TransactionModels.Count: 0 })
            s.Report("transaction_models", "expected at least one model while the stage is enabled (or set enabled: false)");
        if (probabilistic.FitTimeLimitSeconds > ProbabilisticSettings.MaximumFitTimeLimitSeconds)
            s.Report("fit_time_limit_seconds", string.Create(CultureInfo.InvariantCulture,
                $"expected at most {ProbabilisticSettings.MaximumFitTimeLimitSeconds:0e0} seconds; found {probabilistic.FitTimeLimitSeconds}"));
        s.RejectUnknownKeys();
        return probabilistic;
    }

    /// <summary>
    /// BG/BB counts whole transaction opportunities, so recency and T must be whole numbers of purchase
    /// periods: that holds only when purchases merge at the time unit itself.
    /// </summary>
    private static void CheckDiscretePeriods(TrainConfig config, YamlSection root)
    {
        var features = config.Features;
        var discrete = config.Probabilistic.TransactionModels.FirstOrDefault(name => ModelRegistry.FindTransactionModel(name)?.NeedsDiscretePeriods == true);
        if (!config.Probabilistic.Enabled || discrete is null || features.EffectivePurchasePeriod == features.TimeUnit)
            return;
        root.Section("probabilistic").Report("transaction_models",
            $"{discrete} needs discrete periods, but features.purchase_period ({Lower(features.EffectivePurchasePeriod)}) differs from features.time_unit ({Lower(features.TimeUnit)}); " +
            $"set purchase_period to the time unit (or leave it null), or remove {discrete}");
    }

    private static string Lower(TimeUnit unit) => unit.ToString().ToLowerInvariant();

    private static SegmentationSettings BindSegmentation(YamlSection s)
    {
        var d = new SegmentationSettings();
        var segmentation = new SegmentationSettings
        {
            Enabled = s.Bool("enabled", d.Enabled),
            Features = s.StringList("features", d.Features),
            Transform = s.Name("transform", d.Transform, SegmentationSettings.KnownTransforms),
            K = ClusterCount(s),
            KRange = ClusterCountRange(s, d.KRange),
            Restarts = s.Int("restarts", d.Restarts, min: 1),
            RfmSegments = s.Bool("rfm_segments", d.RfmSegments),
            Engine = s.Name("engine", d.Engine, SegmentationSettings.KnownEngines),
        };
        if (segmentation.Features.Count == 0)
            s.Report("features", "expected at least one feature-table column to cluster on, e.g. [recency, frequency, monetary_value]");
        s.RejectUnknownKeys();
        return segmentation;
    }

    // k: an integer >= 2, or auto (null: chosen over k_range).
    private static int? ClusterCount(YamlSection s)
    {
        var node = s.Node("k");
        if (node is null || YamlSection.IsNull(node) || node is YamlScalarNode { Value: "auto" })
            return null;
        if (node is YamlScalarNode { Value: { } text }
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k) && k >= 2)
            return k;
        s.Report("k", node, $"expected an integer >= 2 or auto; found {YamlSection.Describe(node)}");
        return null;
    }

    private static (int Min, int Max) ClusterCountRange(YamlSection s, (int Min, int Max) @default)
    {
        var node = s.Node("k_range");
        if (node is null)
            return @default;
        if (node is YamlSequenceNode { Children: [YamlScalarNode { Value: { } first }, YamlScalarNode { Value: { } second }] }
            && int.TryParse(first, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(second, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max)
            && 2 <= min && min <= max)
            return (min, max);
        var found = node is YamlSequenceNode sequence
            ? $"[{string.Join(", ", sequence.Children.Select(YamlSection.Describe))}]"
            : YamlSection.Describe(node);
        s.Report("k_range", node, $"expected [min, max], two integers with 2 <= min <= max; found {found}");
        return @default;
    }

    private static RegressionSettings BindRegression(YamlSection s)
    {
        var d = new RegressionSettings();
        var regression = new RegressionSettings
        {
            Enabled = s.Bool("enabled", d.Enabled),
            Target = s.Name("target", d.Target, RegressionSettings.KnownTargets),
            Trainers = s.StringList("trainers", d.Trainers, RegressionSettings.KnownTrainers),
            AutoMl = BindAutoMl(s.Section("automl")),
        };
        if (regression is { Enabled: true, Trainers.Count: 0 })
            s.Report("trainers", "expected at least one trainer while the stage is enabled (or set enabled: false)");
        s.RejectUnknownKeys();
        return regression;
    }

    private static AutoMlSettings BindAutoMl(YamlSection s)
    {
        var d = new AutoMlSettings();
        var autoMl = new AutoMlSettings
        {
            Enabled = s.Bool("enabled", d.Enabled),
            TimeBudgetSeconds = s.Double("time_budget_seconds", d.TimeBudgetSeconds, 0, inclusive: false),
            MaxTrials = s.Int("max_trials", d.MaxTrials, min: 1),
            Folds = s.Int("folds", d.Folds, min: 2),
            Metric = s.Name("metric", d.Metric, AutoMlSettings.KnownMetrics),
        };
        s.RejectUnknownKeys();
        return autoMl;
    }
}
