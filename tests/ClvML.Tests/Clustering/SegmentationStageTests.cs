using System.Globalization;
using ClvML.Configuration;
using ClvML.Data.Sample;
using ClvML.Data;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Training;

namespace ClvML.Tests.Clustering;

/// <summary>The stage called directly, as the lead's merged TrainingJob will, with extra per-customer columns.</summary>
public sealed class SegmentationStageTests
{
    [Fact]
    public void Extra_columns_become_mean_columns_of_the_profiles()
    {
        var data = new DataSettings { Columns = new ColumnMapping { OrderId = "order_id" } };
        var features = new FeatureSettings { TimeUnit = TimeUnit.Week, PurchasePeriod = TimeUnit.Day, CalibrationEnd = new DateOnly(2025, 6, 30) };
        var source = new SampleTransactionSource(customers: 3000, seed: 7, data);
        var table = FeatureBuilder.FromTransactions(source, data, features, () => new RejectLog(source.Name, BadRowPolicy.Reject)).Table;
        var config = new TrainConfig { Segmentation = new SegmentationSettings { K = 4, Restarts = 2 } };
        var pAlive = Enumerable.Range(0, table.Count).Select(i => (i % 10) / 10.0).ToArray();
        var folder = Path.Combine(Path.GetTempPath(), "clvml-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var run = RunDirectory.Create(folder, "stage");
            var lines = new List<string>();
            var files = SegmentationStage.Run(config, table, run, lines.Add, new Dictionary<string, double[]> { ["p_alive"] = pAlive });
            Assert.Equal(["segments/kmeans.json", "segments/profiles.csv", "segments/assignments.csv", "segments/rfm_segments.csv"], files.Select(f => f.Path));
            Assert.Equal(["kmeans", "cluster_profiles", "segment_assignments", "rfm_segments"], files.Select(f => f.Kind));
            Assert.Contains(lines, l => l.StartsWith("segmentation: k-means, k = 4, 2 restarts on [recency, frequency, monetary_value, tenure_days] (log_standardize)", StringComparison.Ordinal));

            var profiles = File.ReadAllLines(Path.Combine(run.Path, "segments", "profiles.csv"));
            Assert.EndsWith(",mean_tenure_days,median_tenure_days,mean_p_alive", profiles[0]);
            var clusters = File.ReadAllLines(Path.Combine(run.Path, "segments", "assignments.csv")).Skip(1)
                .Select(l => int.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(table.Count, clusters.Length);
            foreach (var line in profiles.Skip(1))
            {
                var cluster = int.Parse(line.Split(',')[0], CultureInfo.InvariantCulture);
                var expected = Enumerable.Range(0, table.Count).Where(i => clusters[i] == cluster).Average(i => pAlive[i]);
                Assert.Equal(expected, double.Parse(line.Split(',')[^1], CultureInfo.InvariantCulture), 1e-12);
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_summary_input_without_tenure_days_names_the_reason()
    {
        var window = new FeatureWindow(null, null, null, null);
        var table = new CustomerFeatureTable(["a", "b"], [1, 0], [3, 0], [5, 4], [10, 0], TimeUnit.Week, window);
        var e = Assert.Throws<InputException>(() => ModelInputs.Select(table, ["recency", "tenure_days"], "segmentation.features"));
        Assert.Equal("segmentation.features: unknown feature 'tenure_days' (a summary input has no RFM columns); the feature table has [frequency, recency, T, monetary_value].", e.Message);
        var empty = new CustomerFeatureTable([], [], [], [], [], TimeUnit.Week, window);
        Assert.Equal("segmentation.features: the feature table has no customers; there is nothing to model.",
            Assert.Throws<InputException>(() => ModelInputs.Select(empty, ["recency"], "segmentation.features")).Message);
    }
}
