using ClvML.Configuration;
using Xunit;
using static ClvML.Tests.Configuration.ConfigAssert;
using ClvML.Data;
using ClvML.Features;
using ClvML.Probabilistic;

namespace ClvML.Tests.Configuration;

public sealed class TrainConfigYamlTests
{
    [Fact]
    public void DefaultsRoundTrip()
    {
        var yaml = TrainConfigLoader.ToYaml(new TrainConfig());
        Same(new TrainConfig(), TrainConfigLoader.Parse(yaml, FileName));
    }

    [Fact]
    public void EveryKeyIsWrittenInSnakeCase()
    {
        var yaml = TrainConfigLoader.ToYaml(new TrainConfig());
        foreach (var line in new[]
        {
            "  seed: 42", "  source: sample", "  connection_string: null", "    customers: 20000",
            "    unit_price: null", "    attributes: []", "  timestamp_format: null", "  delimiter: ','",
            "  bad_rows: reject", "  purchase_period: null", "  holdout: null",
            "  transaction_models: [bgnbd, pareto_nbd, mbgnbd]", "  penalizer: 0.0", "  fit_time_limit_seconds: 30.0",
            "  max_evaluations: 20000", "  k: auto", "  k_range: [2, 10]",
            "    time_budget_seconds: 60.0", "    metric: rmse", "  discount_rate: 0.01", "  margin: 1.0",
            "  service_cost_per_order: 0.0", "  report: [html, markdown, json]", "  models_dir: models",
        })
            Assert.Contains(line + "\n", yaml);
    }

    [Fact]
    public void NonDefaultConfigRoundTrips()
    {
        var config = new TrainConfig
        {
            Run = new RunSettings { Name = "null", Seed = -3 },
            Data = new DataSettings
            {
                Source = DataSourceKind.Postgres,
                Kind = DataKind.Summary,
                Path = "data/x y.csv",
                Query = "select customer_id, \"date\", amount from tx where amount > 0 -- returns: #1",
                ConnectionString = "Host=db;Username=clv;Password=${PGPASSWORD}",
                Sample = new SampleSettings { Customers = 5 },
                Columns = new ColumnMapping
                {
                    CustomerId = "42", Timestamp = "true", Amount = null, Quantity = "qty", UnitPrice = " price",
                    OrderId = "order: id", Attributes = ["channel", "2024-01-01"], T = "age", MonetaryValue = "'m'",
                },
                TimestampFormats = ["M/d/yyyy H:mm", "yyyyMMdd"],
                Delimiter = "\t",
                Header = false,
                ColumnNames = ["master_id", "customer_id", "date", "cds", "amount"],
                Compression = CompressionKind.Gzip,
                BadRows = BadRowPolicy.Fail,
                Returns = ReturnPolicy.Keep,
            },
            Features = new FeatureSettings
            {
                TimeUnit = TimeUnit.Day, PurchasePeriod = TimeUnit.Month,
                CalibrationEnd = new DateOnly(1997, 9, 30), Holdout = 1e-3,
            },
            Probabilistic = new ProbabilisticSettings { Enabled = false, TransactionModels = [], Penalizer = 0.1, FitTimeLimitSeconds = 2.5, MaxEvaluations = 7 },
            Segmentation = new SegmentationSettings { Features = ["x"], Transform = "none", K = 4, KRange = (3, 5), Restarts = 1, RfmSegments = false },
            Regression = new RegressionSettings
            {
                Target = "holdout_frequency", Trainers = ["ridge"],
                AutoMl = new AutoMlSettings { Enabled = false, TimeBudgetSeconds = 0.5, MaxTrials = 1, Folds = 2, Metric = "spearman" },
            },
            Clv = new ClvSettings { HorizonMonths = 36, DiscountRate = 0.1 / 3, Margin = 0.3, AcquisitionCost = 12.5, ServiceCostPerOrder = 1 },
            Evaluation = new EvaluationSettings { Report = ["json"] },
            Output = new OutputSettings { ModelsDir = "/var/clv models" },
        };

        var yaml = TrainConfigLoader.ToYaml(config);
        var parsed = TrainConfigLoader.Parse(yaml, FileName);

        Same(config, parsed);
        Assert.Equal(yaml, TrainConfigLoader.ToYaml(parsed));
        Assert.Contains("  delimiter: tab\n", yaml);
        Assert.Contains("  name: \"null\"\n", yaml);
    }

    [Fact]
    public void StructuralComparisonSeesListItemsAndTuples()
    {
        Assert.ThrowsAny<Exception>(() => Same(new TrainConfig(), new TrainConfig { Evaluation = new EvaluationSettings { Report = ["html"] } }));
        Assert.ThrowsAny<Exception>(() => Same(new TrainConfig(), new TrainConfig { Segmentation = new SegmentationSettings { KRange = (2, 9) } }));
    }

    [Fact]
    public void DocumentedYamlRoundTrips()
    {
        var config = TrainConfigLoader.Parse(DocumentedTrainYaml.Text, FileName);
        Same(config, TrainConfigLoader.Parse(TrainConfigLoader.ToYaml(config), FileName));
    }
}
