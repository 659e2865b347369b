using System.Text.Json;
using ClvML.Evaluation.Report;

namespace ClvML.Tests.Evaluation.Report;

/// <summary>report/metrics.json has the DESIGN.md shape, round-trips, and writes NaN as null.</summary>
public sealed class MetricsJsonTests
{
    [Fact]
    public void Metrics_json_has_the_design_shape()
    {
        using var json = JsonDocument.Parse(MetricsJson.ToJson(DemoReport.Metrics()));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("format_version").GetInt32());
        Assert.Equal("mae", root.GetProperty("primary_metric").GetString());
        var models = root.GetProperty("models");
        Assert.Equal(JsonValueKind.Array, models.ValueKind);
        Assert.Equal(DemoReport.Models.Length, models.GetArrayLength());
        foreach (var model in models.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, model.GetProperty("name").ValueKind);
            Assert.Equal(JsonValueKind.String, model.GetProperty("kind").ValueKind);
            var metrics = model.GetProperty("metrics");
            foreach (var key in new[] { "mae", "rmse", "r2", "bias", "spearman", "normalized_gini", "decile_mape", "top_decile_capture" })
                Assert.True(metrics.TryGetProperty(key, out var value) && value.ValueKind is JsonValueKind.Number or JsonValueKind.Null, key);
        }
        var holdout = root.GetProperty("holdout");
        Assert.Equal(2357, holdout.GetProperty("customers").GetInt32());
        Assert.Equal("1997-10-01", holdout.GetProperty("start").GetString());
        Assert.Equal("week", holdout.GetProperty("time_unit").GetString());
    }

    [Fact]
    public void Nan_is_written_as_null()
    {
        var document = new MetricsDocument([new ModelMetrics("apv", "heuristic", [KeyValuePair.Create("r2", double.NaN), KeyValuePair.Create("mae", double.PositiveInfinity)])],
            [KeyValuePair.Create<string, object?>("spend", double.NaN)]);
        var text = MetricsJson.ToJson(document);
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        using var json = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("models")[0].GetProperty("metrics").GetProperty("r2").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("holdout").GetProperty("spend").ValueKind);
        Assert.True(double.IsNaN(MetricsJson.Read(text).Models[0]["r2"]));
    }

    [Fact]
    public void Doubles_round_trip_bit_for_bit()
    {
        double[] values = [0.1 + 0.2, 1.0 / 3, Math.PI * 1e-17, 123456789.123456789, -2.5e300, double.Epsilon];
        var document = new MetricsDocument([new ModelMetrics("m", "regression", values.Select((v, i) => KeyValuePair.Create($"v{i}", v)))], []);
        var read = MetricsJson.Read(MetricsJson.ToJson(document));
        for (var i = 0; i < values.Length; i++)
            Assert.Equal(BitConverter.DoubleToInt64Bits(values[i]), BitConverter.DoubleToInt64Bits(read.Models[0][$"v{i}"]));
    }

    [Fact]
    public void Document_round_trips_through_read()
    {
        var original = DemoReport.Metrics();
        var read = MetricsJson.Read(MetricsJson.ToJson(original));
        Assert.Equal(original.PrimaryMetric, read.PrimaryMetric);
        Assert.Equal(original.Models.Select(m => (m.Name, m.Kind)), read.Models.Select(m => (m.Name, m.Kind)));
        for (var i = 0; i < original.Models.Count; i++)
            Assert.Equal(original.Models[i].Metrics.Select(m => m.Key), read.Models[i].Metrics.Select(m => m.Key));
        Assert.Equal(2357L, read.Holdout.Single(h => h.Key == "customers").Value);
        Assert.Equal(94321.57, read.Holdout.Single(h => h.Key == "actual_spend").Value);
        // Writing what was read gives the same text.
        Assert.Equal(MetricsJson.ToJson(original), MetricsJson.ToJson(read));
    }

    [Fact]
    public void Newer_or_broken_files_are_refused_naming_the_file()
    {
        var newer = Assert.Throws<InputException>(() => MetricsJson.Read("{\"format_version\": 99, \"models\": []}", "models/run/report/metrics.json"));
        Assert.Contains("models/run/report/metrics.json", newer.Message);
        Assert.Contains("version 99", newer.Message);
        Assert.Throws<InputException>(() => MetricsJson.Read("{\"holdout\": {}}"));
        Assert.Throws<InputException>(() => MetricsJson.Read("{\"models\": [{\"name\": \"x\"}]}"));
        Assert.Throws<InputException>(() => MetricsJson.Read("not json"));
    }

    [Fact]
    public void Duplicate_metrics_and_unknown_holdout_types_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ModelMetrics("m", "k", [KeyValuePair.Create("mae", 1.0), KeyValuePair.Create("mae", 2.0)]));
        var document = new MetricsDocument([], [KeyValuePair.Create<string, object?>("bad", new object())]);
        Assert.Throws<ArgumentException>(() => MetricsJson.ToJson(document));
    }
}
