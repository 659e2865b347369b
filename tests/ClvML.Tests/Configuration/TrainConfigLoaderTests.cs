using ClvML.Configuration;
using Xunit;
using static ClvML.Tests.Configuration.ConfigAssert;
using ClvML.Data;
using ClvML.Registry;

namespace ClvML.Tests.Configuration;

public sealed class TrainConfigLoaderTests
{
    private static TrainConfig Parse(string yaml) => TrainConfigLoader.Parse(yaml, FileName);

    [Fact]
    public void DocumentedYamlIsExactlyTheDefaults() =>
        Same(new TrainConfig(), Parse(DocumentedTrainYaml.Text));

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("# only a comment\n   # and another\n")]
    [InlineData("---\n")]
    [InlineData("~\n")]
    public void EmptyDocumentIsTheDefaults(string yaml) => Same(new TrainConfig(), Parse(yaml));

    [Fact]
    public void AbsentOrNullSectionIsItsDefaults()
    {
        var config = Parse("run:\n  seed: 7\ndata:\nclv: ~\n");
        Same(new TrainConfig { Run = new RunSettings { Seed = 7 } }, config);
    }

    [Fact]
    public void AllProblemsAreReportedTogetherInFileOrder()
    {
        const string yaml = """
            clv:
              margin: 0
            run:
              seed: abc
            data:
              source: xls
              header: false
            features:
              time_units: week
            """;
        var problems = Problems(yaml);
        Assert.Equal(
            [("clv.margin", 2), ("run.seed", 4), ("data.source", 6), ("features.time_units", 9), ("data.column_names", 0)],
            problems.Select(p => (p.Path, p.Line)));
        Assert.Equal("expected a finite number > 0; found '0'", problems[0].Message);
        Assert.Equal("expected an integer; found 'abc'", problems[1].Message);
        Assert.Equal("expected one of sample, csv, parquet, sqlite, postgres; found 'xls'", problems[2].Message);
        var e = Assert.Throws<ConfigException>(() => Parse(yaml));
        Assert.Contains("5 problems", e.Message);
        Assert.Contains("line 4: run.seed: expected an integer; found 'abc'", e.Message);
    }

    [Fact]
    public void UnknownKeySuggestsTheNearestAndListsTheAllowed()
    {
        var problem = Single("features:\n  time_units: day\n", "features.time_units", 2);
        Assert.Equal(
            "unknown key 'time_units'; did you mean 'time_unit'? (allowed here: time_unit, purchase_period, calibration_end, observation_end, holdout)",
            problem.Message);
    }

    [Fact]
    public void UnknownSectionAndFarOffKeysAreNamed()
    {
        var problems = Problems("segmentaton:\n  k: 3\nrun:\n  colour: blue\n");
        Assert.Equal("segmentaton", problems[0].Path);
        Assert.Contains("did you mean 'segmentation'?", problems[0].Message);
        Assert.Equal(("run.colour", 4), (problems[1].Path, problems[1].Line));
        Assert.DoesNotContain("did you mean", problems[1].Message);
        Assert.Equal("unknown key 'colour' (allowed here: name, seed)", problems[1].Message);
    }

    [Fact]
    public void EnumsAreLowerCase()
    {
        Assert.Equal(DataSourceKind.Parquet, Parse("data:\n  source: parquet\n  path: x.parquet\n").Data.Source);
        var problem = Single("data:\n  source: CSV\n  path: x.csv\n", "data.source", 2);
        Assert.Contains("found 'CSV'; did you mean 'csv'?", problem.Message);
        Single("features:\n  purchase_period: fortnight\n", "features.purchase_period", 2);
        Single("data:\n  bad_rows: skip\n", "data.bad_rows", 2);
    }

    [Theory]
    [InlineData("run:\n  seed: abc\n", "run.seed", "expected an integer; found 'abc'")]
    [InlineData("run:\n  seed: 4.5\n", "run.seed", "expected an integer; found '4.5'")]
    [InlineData("data:\n  sample:\n    customers: 0\n", "data.sample.customers", "expected an integer >= 1; found '0'")]
    [InlineData("segmentation:\n  restarts: 0\n", "segmentation.restarts", "expected an integer >= 1; found '0'")]
    [InlineData("regression:\n  automl:\n    folds: 1\n", "regression.automl.folds", "expected an integer >= 2; found '1'")]
    [InlineData("regression:\n  automl:\n    time_budget_seconds: 0\n", "regression.automl.time_budget_seconds", "expected a finite number > 0; found '0'")]
    [InlineData("clv:\n  discount_rate: -0.1\n", "clv.discount_rate", "expected a finite number >= 0; found '-0.1'")]
    [InlineData("clv:\n  acquisition_cost: NaN\n", "clv.acquisition_cost", "expected a finite number >= 0; found 'NaN'")]
    [InlineData("clv:\n  horizon_months: [12]\n", "clv.horizon_months", "expected an integer >= 1; found a list")]
    [InlineData("probabilistic:\n  enabled: yes\n", "probabilistic.enabled", "expected true or false; found 'yes'")]
    [InlineData("probabilistic:\n  fit_time_limit_seconds: 0\n", "probabilistic.fit_time_limit_seconds", "expected a finite number > 0; found '0'")]
    [InlineData("probabilistic:\n  fit_time_limit_seconds: -5\n", "probabilistic.fit_time_limit_seconds", "expected a finite number > 0; found '-5'")]
    [InlineData("probabilistic:\n  fit_time_limit_seconds: .inf\n", "probabilistic.fit_time_limit_seconds", "expected a finite number > 0; found '.inf'")]
    [InlineData("probabilistic:\n  fit_time_limit_seconds: 1e12\n", "probabilistic.fit_time_limit_seconds", "expected at most 1e9 seconds; found 1000000000000")]
    [InlineData("probabilistic:\n  max_evaluations: 0\n", "probabilistic.max_evaluations", "expected an integer >= 1; found '0'")]
    [InlineData("probabilistic:\n  max_evaluations: 1e4\n", "probabilistic.max_evaluations", "expected an integer >= 1; found '1e4'")]
    [InlineData("run:\n  seed:\n", "run.seed", "expected an integer; found null")]
    [InlineData("run: 5\n", "run", "expected a section (a mapping of keys); found '5'")]
    public void WrongTypesAreReported(string yaml, string path, string message) =>
        Assert.Equal(message, Single(yaml, path, yaml.Count(c => c == '\n')).Message);

    [Fact]
    public void KIsAnIntegerOrAuto()
    {
        Assert.Null(Parse("segmentation:\n  k: auto\n").Segmentation.K);
        Assert.Null(Parse("segmentation:\n  k: null\n").Segmentation.K);
        Assert.Equal(5, Parse("segmentation:\n  k: 5\n").Segmentation.K);
        Assert.Equal("expected an integer >= 2 or auto; found '1'", Single("segmentation:\n  k: 1\n", "segmentation.k", 2).Message);
        Single("segmentation:\n  k: Auto\n", "segmentation.k", 2);
    }

    [Theory]
    [InlineData("[5, 3]")]
    [InlineData("[1, 4]")]
    [InlineData("[2]")]
    [InlineData("[2, 4, 6]")]
    [InlineData("[2, x]")]
    [InlineData("2")]
    [InlineData("null")]
    public void KRangeMustBeTwoOrderedIntegersFromTwo(string value)
    {
        var problem = Single($"segmentation:\n  k_range: {value}\n", "segmentation.k_range", 2);
        Assert.StartsWith("expected [min, max], two integers with 2 <= min <= max; found ", problem.Message);
    }

    [Fact]
    public void KRangeReadsMinAndMax()
    {
        Assert.Equal((3, 8), Parse("segmentation:\n  k_range: [3, 8]\n").Segmentation.KRange);
        Assert.Equal((4, 4), Parse("segmentation:\n  k_range:\n    - 4\n    - 4\n").Segmentation.KRange);
    }

    [Fact]
    public void TimestampFormatIsAStringOrAList()
    {
        Assert.Equal(["yyyyMMdd"], Parse("data:\n  timestamp_format: yyyyMMdd\n").Data.TimestampFormats);
        Assert.Equal(["M/d/yyyy H:mm", "M/d/yyyy"],
            Parse("data:\n  timestamp_format: [\"M/d/yyyy H:mm\", M/d/yyyy]\n").Data.TimestampFormats);
        Assert.Empty(Parse("data:\n  timestamp_format: null\n").Data.TimestampFormats);
        Assert.Empty(Parse("data:\n  timestamp_format: []\n").Data.TimestampFormats);
        Single("data:\n  timestamp_format: {a: b}\n", "data.timestamp_format", 2);
        Single("data:\n  timestamp_format: \"%\"\n", "data.timestamp_format", 2);
    }

    [Theory]
    [InlineData("whitespace", "whitespace")]
    [InlineData("tab", "\t")]
    [InlineData("\"\\t\"", "\t")]
    [InlineData("'\\t'", "\t")]
    [InlineData("\";\"", ";")]
    [InlineData("\" \"", " ")]
    [InlineData("\"|\"", "|")]
    public void DelimiterIsOneCharacterTabOrWhitespace(string value, string expected) =>
        Assert.Equal(expected, Parse($"data:\n  delimiter: {value}\n").Data.Delimiter);

    [Theory]
    [InlineData("\";;\"")]
    [InlineData("spaces")]
    [InlineData("\"\\\"\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void BadDelimiterIsReported(string value) =>
        Assert.StartsWith("expected a single character, \"\\t\" (or tab), or whitespace; found ",
            Single($"data:\n  delimiter: {value}\n", "data.delimiter", 2).Message);

    [Fact]
    public void HeaderFalseNeedsUniqueColumnNames()
    {
        var problem = Single("data:\n  header: false\n", "data.column_names", 0);
        Assert.Contains("header: false needs column_names", problem.Message);
        var data = Parse("data:\n  header: false\n  column_names: [id, customer_id, date, amount]\n").Data;
        Assert.False(data.Header);
        Assert.Equal(["id", "customer_id", "date", "amount"], data.ColumnNames);
        var duplicate = Single("data:\n  header: false\n  column_names: [id, date,\n    id]\n", "data.column_names", 4);
        Assert.Equal("item 3: 'id' is listed twice; each value may appear once", duplicate.Message);
    }

    [Fact]
    public void QuantityAndUnitPriceGoTogether()
    {
        var problem = Single("data:\n  columns:\n    quantity: qty\n", "data.columns.unit_price", 0);
        Assert.Contains("quantity is given, so unit_price is needed too", problem.Message);
        Single("data:\n  columns:\n    unit_price: price\n", "data.columns.quantity", 0);
    }

    [Fact]
    public void QuantityTimesUnitPriceReplacesTheDefaultAmount()
    {
        var columns = Parse("data:\n  columns:\n    quantity: qty\n    unit_price: price\n").Data.Columns;
        Assert.Null(columns.Amount);
        Assert.Equal(("qty", "price"), (columns.Quantity, columns.UnitPrice));
        Assert.Null(Parse("data:\n  columns:\n    amount: null\n    quantity: q\n    unit_price: p\n").Data.Columns.Amount);
    }

    [Fact]
    public void AmountWithQuantityAndUnitPriceIsOverDetermined()
    {
        var problem = Single("data:\n  columns:\n    amount: total\n    quantity: q\n    unit_price: p\n", "data.columns.amount", 3);
        Assert.Contains("remove amount", problem.Message);
        Assert.Contains("not all three", problem.Message);
    }

    [Fact]
    public void NullAmountWithoutQuantityIsAProblemForTransactionsOnly()
    {
        Single("data:\n  columns:\n    amount: null\n", "data.columns.amount", 3);
        Assert.Null(Parse("data:\n  kind: summary\n  columns:\n    amount: ~\n").Data.Columns.Amount);
    }

    [Fact]
    public void SourcesNeedTheirKeys()
    {
        Assert.Equal("source 'csv' needs a path: the file to read",
            Single("data:\n  source: csv\n", "data.path", 0).Message);
        Assert.Equal(["data.path", "data.query"], Problems("data:\n  source: sqlite\n").Select(p => p.Path));
        Assert.Equal(["data.query", "data.connection_string"], Problems("data:\n  source: postgres\n").Select(p => p.Path));
        Single("data:\n  source: parquet\n  path: null\n", "data.path", 3);
        var data = Parse("data:\n  source: postgres\n  query: select * from t\n  connection_string: ${PGCONN}\n").Data;
        Assert.Equal("${PGCONN}", data.ConnectionString);
        Assert.Equal("select * from t", data.Query);
        Assert.Equal("data/tx.csv", Parse("data:\n  source: csv\n  path: data/tx.csv\n").Data.Path);
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2024/01/31")]
    [InlineData("31-01-2024")]
    [InlineData("2024-01-31T00:00")]
    public void BadDateIsReported(string value) =>
        Assert.Equal($"expected a date yyyy-MM-dd (e.g. 2024-06-30); found '{value}'",
            Single($"features:\n  calibration_end: {value}\n", "features.calibration_end", 2).Message);

    [Fact]
    public void DatesAndHoldoutSplitTheData()
    {
        var features = Parse("features:\n  calibration_end: 1997-09-30\n  observation_end: 1998-06-30\n").Features;
        Assert.Equal(new DateOnly(1997, 9, 30), features.CalibrationEnd);
        Assert.Equal(new DateOnly(1998, 6, 30), features.ObservationEnd);
        Assert.Equal(39.0, Parse("features:\n  calibration_end: 1997-09-30\n  holdout: 39\n").Features.Holdout);
        Single("features:\n  holdout: 0\n", "features.holdout", 2);
    }

    [Theory]
    [InlineData("1997-09-30")]
    [InlineData("1997-01-01")]
    public void ObservationEndMustBeAfterCalibrationEnd(string observationEnd)
    {
        var problem = Single($"features:\n  calibration_end: 1997-09-30\n  observation_end: {observationEnd}\n", "features.observation_end", 3);
        Assert.Equal($"observation_end ({observationEnd}) must be after calibration_end (1997-09-30)", problem.Message);
    }

    [Fact]
    public void CalibrationEndObservationEndAndHoldoutTogetherAreOverDetermined() =>
        Assert.Contains("over-determine",
            Single("features:\n  calibration_end: 1997-09-30\n  observation_end: 1998-06-30\n  holdout: 39\n", "features.holdout", 4).Message);

    [Theory]
    [InlineData("probabilistic:\n  transaction_models: [bgnbd, bg_nbd]\n", "probabilistic.transaction_models", "item 2: expected one of bgnbd, pareto_nbd, mbgnbd, bgbb; found 'bg_nbd'; did you mean 'bgnbd'?")]
    [InlineData("probabilistic:\n  spend_model: lognormal\n", "probabilistic.spend_model", "expected one of gamma_gamma; found 'lognormal'")]
    [InlineData("regression:\n  trainers: gbdt\n", "regression.trainers", "expected a list of {trainers}; found 'gbdt' (write [gbdt])")]
    [InlineData("regression:\n  trainers: [gbdt, gbdt]\n", "regression.trainers", "item 2: 'gbdt' is listed twice; each value may appear once")]
    [InlineData("regression:\n  trainers: []\n", "regression.trainers", "expected at least one trainer while the stage is enabled (or set enabled: false)")]
    [InlineData("regression:\n  target: spend\n", "regression.target", "expected one of holdout_spend, holdout_frequency; found 'spend'")]
    [InlineData("regression:\n  automl:\n    metric: r2\n", "regression.automl.metric", "expected one of rmse, mae, normalized_gini, spearman; found 'r2'")]
    [InlineData("segmentation:\n  transform: log\n", "segmentation.transform", "expected one of none, standardize, log_standardize; found 'log'")]
    [InlineData("segmentation:\n  engine: sklearn\n", "segmentation.engine", "expected one of clvml, mlnet; found 'sklearn'")]
    [InlineData("segmentation:\n  features: []\n", "segmentation.features", "expected at least one feature-table column to cluster on, e.g. [recency, frequency, monetary_value]")]
    [InlineData("segmentation:\n  features: [recency, recency]\n", "segmentation.features", "item 2: 'recency' is listed twice; each value may appear once")]
    [InlineData("evaluation:\n  report: [html, pdf]\n", "evaluation.report", "item 2: expected one of html, markdown, json; found 'pdf'")]
    [InlineData("evaluation:\n  primary_metric: auc\n", "evaluation.primary_metric",
        "expected one of mae, rmse, r2, bias, spearman, normalized_gini, decile_mape, top_decile_capture, top_20pct_capture; found 'auc'")]
    public void NamesAreCheckedAgainstTheKnownLists(string yaml, string path, string message) =>
        // {trainers}: every registered regressor, in registration order (a new trainer needs no edit here).
        Assert.Equal(message.Replace("{trainers}", string.Join(", ", ModelRegistry.Regressors.Select(k => k.Name))),
            Single(yaml, path, 2 + (yaml.Contains("automl") ? 1 : 0)).Message);

    [Fact]
    public void DisabledStageMayListNothing()
    {
        var config = Parse("regression:\n  enabled: false\n  trainers: []\nevaluation:\n  report: []\n");
        Assert.Empty(config.Regression.Trainers);
        Assert.Empty(config.Evaluation.Report);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\\\b")]
    [InlineData("..")]
    [InlineData("'.'")]
    [InlineData("\" \"")]
    [InlineData("\"\"")]
    public void RunNameIsOneDirectoryName(string value) =>
        Single($"run:\n  name: {value}\n", "run.name", 2);

    [Fact]
    public void TopLevelMustBeAMapping()
    {
        var problem = Single("- run\n- data\n", "(top level)", 1);
        Assert.Contains("found a list", problem.Message);
        Single("just text\n", "(top level)", 1);
        Single("run: {}\n---\nrun: {}\n", "(top level)", 3);
    }

    [Theory]
    [InlineData("run:\n  name: a\n seed: 1\n", 3)]
    [InlineData("run:\n  name: \"unterminated\n", 2)]
    [InlineData("run:\n  name: a\n  name: b\n", 3)]
    [InlineData("run:\n  name: a: b\n", 2)]
    [InlineData("data:\n  attributes: [a, b\nrun:\n  seed: 1\n", 2)]
    [InlineData("data:\n  attributes: [a, b\n", 3)] // YamlDotNet reports the end of the text
    public void YamlSyntaxErrorIsOneProblemWithALine(string yaml, int line)
    {
        var problem = Single(yaml, "(top level)", line);
        Assert.StartsWith("YAML syntax error", problem.Message);
        Assert.DoesNotContain(" at YamlDotNet", problem.Message);
    }
}
