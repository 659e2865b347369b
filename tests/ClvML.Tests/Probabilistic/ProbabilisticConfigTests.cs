using ClvML.Configuration;

namespace ClvML.Tests.Probabilistic;

/// <summary>The config check BG/BB needs: whole purchase periods, i.e. purchase_period equal to time_unit.</summary>
public sealed class ProbabilisticConfigTests
{
    [Fact]
    public void Bgbb_with_daily_periods_in_weeks_is_reported_with_its_key()
    {
        var yaml = "features:\n  time_unit: week\n  purchase_period: day\nprobabilistic:\n  transaction_models: [bgnbd, bgbb]\n";
        var e = Assert.Throws<ConfigException>(() => TrainConfigLoader.Parse(yaml, "train.yaml"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("probabilistic.transaction_models", problem.Path);
        Assert.Equal(5, problem.Line);
        Assert.Contains("bgbb needs discrete periods", problem.Message);
    }

    [Fact]
    public void Bgbb_with_matching_periods_is_accepted()
    {
        var config = TrainConfigLoader.Parse("features:\n  time_unit: week\nprobabilistic:\n  transaction_models: [bgbb]\n", "train.yaml");
        Assert.Equal(["bgbb"], config.Probabilistic.TransactionModels);
    }
}
