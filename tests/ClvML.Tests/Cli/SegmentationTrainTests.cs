using System.Globalization;
using System.Text.Json;
using ClvML.Clustering;

namespace ClvML.Tests.Cli;

/// <summary>`clvml train` with the segmentation stage (k: auto) on the real data sets: a k table, profiles, assignments and RFM segments in the run.</summary>
public sealed class SegmentationTrainTests
{
    private const string SegmentationOnly = """
        segmentation:
          k: auto
          k_range: [2, 8]
          restarts: 4
        probabilistic:
          enabled: false
        regression:
          enabled: false
        """;

    [Fact]
    public void Cdnow_k_auto_writes_a_k_table_and_profiles()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", $"""
            run:
              name: cdnow
            {SharedData.CdnowSampleYaml()}
            {SegmentationOnly}
            """);
        var k = AssertSegmentationRun(run, config, customers: 2357, expectedRevenue: null);
        Assert.Equal(CdnowChosenK, k);
    }

    [Fact]
    public void Online_retail_k_auto_writes_a_k_table_and_profiles()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", $"""
            run:
              name: retail
            {SharedData.OnlineRetailYaml()}
            {SegmentationOnly}
            """);
        var k = AssertSegmentationRun(run, config, customers: null, expectedRevenue: null);
        Assert.Equal(OnlineRetailChosenK, k);
    }

    // The k each data set gets with seed 42 (the default), k_range [2, 8] and 4 restarts.
    private const int CdnowChosenK = 3;
    private const int OnlineRetailChosenK = 3;

    private static int AssertSegmentationRun(CliRun run, string config, int? customers, double? expectedRevenue)
    {
        Assert.Equal(0, run.Run("train", "--config", config));
        var runPath = run.Stdout.TrimEnd().Split('\n')[^1];
        var segments = Path.Combine(runPath, "segments");

        var kTable = File.ReadAllLines(Path.Combine(segments, "k_selection.csv"));
        Assert.Equal("k,inertia,silhouette,davies_bouldin,calinski_harabasz,iterations,rank_sum,chosen", kTable[0]);
        Assert.Equal(8, kTable.Length); // header + k = 2..8
        var rows = kTable.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(["2", "3", "4", "5", "6", "7", "8"], rows.Select(r => r[0]));
        var chosen = Assert.Single(rows, r => r[7] == "1");
        var k = int.Parse(chosen[0], CultureInfo.InvariantCulture);
        foreach (var r in rows)
        {
            var silhouette = D(r[2]);
            Assert.InRange(silhouette, -1, 1);
            Assert.True(D(r[1]) > 0 && D(r[3]) > 0 && D(r[4]) > 0, string.Join(",", r));
        }
        // Inertia falls as k grows (each k is the best of 4 restarts; the elbow curve).
        for (var i = 1; i < rows.Length; i++) Assert.True(D(rows[i][1]) < D(rows[i - 1][1]));

        var profiles = File.ReadAllLines(Path.Combine(segments, "profiles.csv"));
        Assert.StartsWith("cluster,label,customers,customer_share,revenue,revenue_share,mean_recency_days,median_recency_days", profiles[0]);
        Assert.Equal(k + 1, profiles.Length);
        var assignments = File.ReadAllLines(Path.Combine(segments, "assignments.csv"));
        Assert.Equal("customer_id,cluster,label,r,f,m,rfm_code,rfm_segment", assignments[0]);
        var n = assignments.Length - 1;
        if (customers is { } expected) Assert.Equal(expected, n);
        using var reader = new Microsoft.VisualBasic.FileIO.TextFieldParser(Path.Combine(segments, "profiles.csv")) { Delimiters = [","], HasFieldsEnclosedInQuotes = true };
        reader.ReadFields();
        var profileRows = new List<string[]>();
        while (!reader.EndOfData) profileRows.Add(reader.ReadFields()!);
        Assert.Equal(n, profileRows.Sum(p => int.Parse(p[2], CultureInfo.InvariantCulture)));
        Assert.Equal(1.0, profileRows.Sum(p => D(p[3])), 1e-9);
        Assert.Equal(1.0, profileRows.Sum(p => D(p[5])), 1e-9);
        Assert.Equal(k, profileRows.Select(p => p[1]).Distinct().Count());

        // The saved model reproduces the written assignments from features.csv.
        var model = KMeansModel.Load(Path.Combine(segments, "kmeans.json"));
        Assert.Equal(k, model.ClusterCount);
        Assert.Equal(profileRows.Select(p => p[1]), model.Labels);
        var features = File.ReadAllLines(Path.Combine(runPath, "features.csv"));
        var header = features[0].Split(',');
        var columns = model.FeatureNames.Select(name => Array.IndexOf(header, name)).ToArray();
        var x = new ClvML.Features.FeatureMatrix(model.FeatureNames, [.. columns.Select(c => features.Skip(1).Select(l => D(l.Split(',')[c])).ToArray())]);
        var predicted = model.Predict(x);
        var written = assignments.Skip(1).Select(l => int.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(written, predicted);

        var rfm = File.ReadAllLines(Path.Combine(segments, "rfm_segments.csv"));
        Assert.Equal("segment,customers,customer_share,revenue,revenue_share,mean_recency_days,mean_purchases,mean_revenue", rfm[0]);
        Assert.Equal(n, rfm.Skip(1).Sum(l => int.Parse(l.Split(',')[^7], CultureInfo.InvariantCulture)));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(runPath, "manifest.json")));
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToArray();
        Assert.Contains("segments/kmeans.json", files);
        Assert.Contains("segments/k_selection.csv", files);
        Assert.Contains("segments/profiles.csv", files);
        Assert.Contains("segments/assignments.csv", files);
        Assert.Contains("segments/rfm_segments.csv", files);
        Assert.Contains($"segmentation: chose k = {k}", run.Stdout + run.Stderr);
        return k;
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}

public sealed class SegmentationStageErrorTests
{
    [Fact]
    public void An_unknown_feature_names_the_key_and_the_choices()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", """
            data:
              sample:
                customers: 300
            segmentation:
              features: [recency, spend]
            probabilistic:
              enabled: false
            regression:
              enabled: false
            """);
        Assert.Equal(2, run.Run("train", "--config", config));
        Assert.Contains("segmentation.features: unknown feature 'spend'; the feature table has [frequency, recency, T, monetary_value, recency_days, orders, total_spend, avg_order_value, tenure_days].", run.Stderr);
    }

    [Fact]
    public void A_summary_input_with_the_default_features_clusters_on_T_for_tenure()
    {
        using var run = new CliRun();
        var summary = SharedData.File("cdnow", "cdnow_customers_summary_with_transactions.csv");
        var config = run.Write("train.yaml", $"""
            data:
              source: csv
              kind: summary
              path: {summary}
              columns:
                customer_id: ID
                frequency: x
                recency: t_x
                t: T
                monetary_value: zbar
            segmentation:
              k: 3
            probabilistic:
              enabled: false
            regression:
              enabled: false
            """);
        Assert.True(run.Run("train", "--config", config) == 0, run.Stderr);
        Assert.Contains("segmentation: summary input, so the default features use T for tenure_days", run.Stdout);
        var model = File.ReadAllText(Path.Combine(run.Stdout.TrimEnd().Split('\n')[^1], "segments", "kmeans.json"));
        Assert.Contains("\"T\"", model);
        Assert.DoesNotContain("tenure_days", model);
    }

    [Fact]
    public void A_fixed_k_writes_no_k_table()
    {
        using var run = new CliRun();
        var config = run.Write("train.yaml", """
            data:
              sample:
                customers: 2000
            segmentation:
              k: 4
              rfm_segments: false
            probabilistic:
              enabled: false
            regression:
              enabled: false
            """);
        Assert.Equal(0, run.Run("train", "--config", config));
        var segments = Path.Combine(run.Stdout.TrimEnd().Split('\n')[^1], "segments");
        Assert.False(File.Exists(Path.Combine(segments, "k_selection.csv")));
        Assert.False(File.Exists(Path.Combine(segments, "rfm_segments.csv")));
        Assert.Equal(5, File.ReadAllLines(Path.Combine(segments, "profiles.csv")).Length);
        Assert.Equal("customer_id,cluster,label", File.ReadLines(Path.Combine(segments, "assignments.csv")).First());
    }
}
