using ClvML.Configuration;

namespace ClvML.Tests.Configuration;

/// <summary><c>evaluation.primary_metric</c>: default, binding and the resolved YAML saved in a run's manifest.</summary>
public sealed class EvaluationConfigTests
{
    [Fact]
    public void Primary_metric_defaults_to_mae_and_survives_the_resolved_yaml()
    {
        Assert.Equal("mae", new TrainConfig().Evaluation.PrimaryMetric);
        var config = TrainConfigLoader.Parse("evaluation:\n  primary_metric: normalized_gini\n", "train.yaml");
        Assert.Equal("normalized_gini", config.Evaluation.PrimaryMetric);
        var yaml = TrainConfigLoader.ToYaml(config);
        Assert.Contains("primary_metric: normalized_gini", yaml);
        Assert.Equal("normalized_gini", TrainConfigLoader.Parse(yaml, "manifest.json (config)").Evaluation.PrimaryMetric);
    }

    [Fact]
    public void Unknown_primary_metric_is_a_config_error_naming_the_key()
    {
        var e = Assert.Throws<ConfigException>(() => TrainConfigLoader.Parse("evaluation:\n  primary_metric: gini\n", "train.yaml"));
        Assert.Contains("evaluation.primary_metric", e.Message);
        Assert.Contains("normalized_gini", e.Message);
    }
}
