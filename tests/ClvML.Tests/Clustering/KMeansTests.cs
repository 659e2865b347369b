using ClvML.Clustering;
using ClvML.Features;
using ClvML.Numerics;

namespace ClvML.Tests.Clustering;

public sealed class KMeansTests
{
    private static readonly double[][] ThreeCentres = [[0, 0], [20, 0], [0, 20]];

    [Fact]
    public void Well_separated_blobs_are_recovered_exactly()
    {
        var (x, truth) = ClusteringTestData.Blobs(ThreeCentres, 300, seed: 7);
        var model = new KMeans(new KMeansOptions { ClusterCount = 3, Transform = FeatureTransformKind.None, Seed = 1 }).Fit(x);
        // The same partition up to a renaming of the clusters: every blob maps to one cluster, and no two blobs to the same one.
        var mapping = Enumerable.Range(0, 3).Select(b => model.TrainingAssignments[Array.IndexOf(truth, b)]).ToArray();
        Assert.Equal(3, mapping.Distinct().Count());
        for (var i = 0; i < truth.Length; i++) Assert.Equal(mapping[truth[i]], model.TrainingAssignments[i]);
        Assert.True(model.Converged);
        // Each centroid is within 0.2 of its blob's centre (sd 1, 300 points: the mean's sd is 0.058).
        for (var b = 0; b < 3; b++)
        {
            var centroid = model.Centroid(mapping[b]);
            Assert.Equal(ThreeCentres[b][0], centroid[0], 0.2);
            Assert.Equal(ThreeCentres[b][1], centroid[1], 0.2);
        }
    }

    [Fact]
    public void Lloyd_inertia_never_increases_and_Hamerly_follows_the_same_path()
    {
        var x = DenseRows.FromColumns(ClusteringTestData.Uniform(20_000, 3, seed: 3).Columns);
        var start = KMeansPlusPlus.Seed(x, null, 12, 4, new RandomStreams(5), threads: 2);
        var history = new List<double>();
        var lloyd = LloydIterations.Run(x, null, start, 300, 0, 2, history);
        Assert.True(history.Count > 10, $"only {history.Count} iterations");
        for (var i = 1; i < history.Count; i++)
            Assert.True(history[i] <= history[i - 1], $"inertia rose at iteration {i}: {history[i - 1]:R} -> {history[i]:R}");
        Assert.Equal(history[^1], lloyd.Inertia, 1e-9 * lloyd.Inertia);

        var hamerly = HamerlyIterations.Run(x, null, start, 300, 0, 2);
        Assert.Equal(lloyd.Iterations, hamerly.Iterations);
        Assert.Equal(lloyd.Assignments, hamerly.Assignments);
        for (var v = 0; v < lloyd.Centroids.Length; v++) Assert.Equal(lloyd.Centroids[v], hamerly.Centroids[v], 1e-12);
        Assert.Equal(lloyd.Inertia, hamerly.Inertia, 1e-9 * lloyd.Inertia);
    }

    [Fact]
    public void Restarts_never_return_a_worse_inertia_than_one_run()
    {
        var x = ClusteringTestData.Uniform(3000, 2, seed: 11);
        var better = 0;
        for (var seed = 0; seed < 8; seed++)
        {
            var options = new KMeansOptions { ClusterCount = 9, Transform = FeatureTransformKind.None, Seed = seed };
            var one = new KMeans(options).Fit(x).Inertia;
            var many = new KMeans(options with { Restarts = 6 }).Fit(x).Inertia;
            Assert.True(many <= one, $"seed {seed}: {many:R} > {one:R}");
            if (many < one) better++;
        }
        Assert.True(better > 0, "restarts never found a better solution on uniform data");
    }

    [Fact]
    public void Same_seed_gives_identical_centroids_with_one_and_two_threads()
    {
        // 60,000 rows: 15 chunks, so two threads really split the work.
        var x = ClusteringTestData.Skewed(60_000, seed: 2);
        var options = new KMeansOptions { ClusterCount = 6, Restarts = 2, Seed = 42 };
        var one = new KMeans(options with { MaximumThreads = 1 }).Fit(x);
        var two = new KMeans(options with { MaximumThreads = 2 }).Fit(x);
        for (var j = 0; j < 6; j++) Assert.Equal(one.Centroid(j), two.Centroid(j)); // exact equality of doubles
        Assert.Equal(one.Inertia, two.Inertia);
        Assert.Equal(one.TrainingAssignments, two.TrainingAssignments);
        var again = new KMeans(options with { MaximumThreads = 2 }).Fit(x);
        for (var j = 0; j < 6; j++) Assert.Equal(two.Centroid(j), again.Centroid(j));
    }

    [Fact]
    public void Save_then_load_gives_identical_centroids_and_assignments()
    {
        var x = ClusteringTestData.Skewed(5000, seed: 4);
        var model = new KMeans(new KMeansOptions { ClusterCount = 5, Restarts = 3, Seed = 9 }).Fit(x).WithLabels(["a", "b", "c", "d", "e, with comma"]);
        var path = Path.Combine(Path.GetTempPath(), $"clvml-kmeans-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            var loaded = KMeansModel.Load(path);
            Assert.Equal(model.Labels, loaded.Labels);
            Assert.Equal(model.FeatureNames, loaded.FeatureNames);
            Assert.Equal(model.Transform.Kind, loaded.Transform.Kind);
            Assert.Equal(model.Transform.Center, loaded.Transform.Center);
            Assert.Equal(model.Transform.Scale, loaded.Transform.Scale);
            for (var j = 0; j < 5; j++) Assert.Equal(model.Centroid(j), loaded.Centroid(j));
            Assert.Equal(model.Inertia, loaded.Inertia);
            Assert.Equal(model.TrainingAssignments, loaded.Predict(x));
            Assert.Equal(model.Predict(x), loaded.Predict(x));
            Assert.Empty(loaded.TrainingAssignments);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_newer_format_version_is_refused_with_a_message()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clvml-kmeans-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(path, """{"format":"clvml.kmeans","format_version":99}""");
            var e = Assert.Throws<InputException>(() => KMeansModel.Load(path));
            Assert.Contains("written with format version 99, but this ClvML reads up to version 1", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Prediction_on_a_subset_equals_the_slice_of_the_full_prediction()
    {
        var x = ClusteringTestData.Skewed(9000, seed: 5);
        var model = new KMeans(new KMeansOptions { ClusterCount = 7, Seed = 3 }).Fit(x);
        var full = model.Predict(x);
        Assert.Equal(model.TrainingAssignments, full);
        var rows = Enumerable.Range(0, 9000).Where(i => i % 7 == 3).Reverse().ToArray();
        var subset = model.Predict(x.Select(rows));
        Assert.Equal(rows.Select(i => full[i]), subset);
    }

    [Fact]
    public void Weights_of_one_equal_no_weights()
    {
        var x = ClusteringTestData.Skewed(12_000, seed: 6);
        var options = new KMeansOptions { ClusterCount = 5, Restarts = 2, Seed = 8 };
        var plain = new KMeans(options).Fit(x);
        var weighted = new KMeans(options).Fit(x, Enumerable.Repeat(1.0, 12_000).ToArray());
        for (var j = 0; j < 5; j++) Assert.Equal(plain.Centroid(j), weighted.Centroid(j));
        Assert.Equal(plain.Inertia, weighted.Inertia);
        Assert.Equal(plain.TrainingAssignments, weighted.TrainingAssignments);
    }

    [Fact]
    public void Integer_weights_equal_repeated_rows()
    {
        // Weight 2 on a row is the row twice: the same centroids up to rounding.
        var x = ClusteringTestData.Blobs(ThreeCentres, 50, seed: 12).X;
        var weights = Enumerable.Range(0, x.RowCount).Select(i => i % 3 == 0 ? 2.0 : 1.0).ToArray();
        var repeated = x.Select([.. Enumerable.Range(0, x.RowCount).SelectMany(i => i % 3 == 0 ? new[] { i, i } : [i])]);
        var options = new KMeansOptions { ClusterCount = 3, Transform = FeatureTransformKind.None, Seed = 2 };
        var weighted = new KMeans(options).Fit(x, weights);
        var copies = new KMeans(options).Fit(repeated);
        Assert.Equal(copies.Inertia, weighted.Inertia, 1e-9 * copies.Inertia);
        var a = Enumerable.Range(0, 3).Select(weighted.Centroid).OrderBy(c => c[0]).ThenBy(c => c[1]).ToArray();
        var b = Enumerable.Range(0, 3).Select(copies.Centroid).OrderBy(c => c[0]).ThenBy(c => c[1]).ToArray();
        for (var j = 0; j < 3; j++)
            for (var f = 0; f < 2; f++) Assert.Equal(b[j][f], a[j][f], 1e-12);
    }

    [Fact]
    public void An_empty_cluster_is_moved_onto_the_farthest_row()
    {
        // Two centroids start on the same point; one of them gets no rows and must be repaired, not lost.
        var x = DenseRows.FromColumns([[0, 0.1, 0.2, 10, 10.1, 10.2]]);
        var start = new double[] { 0.1, 0.1 };
        var run = LloydIterations.Run(x, null, start, 100, 0, 1);
        Assert.Equal([0.1, 10.1], run.Centroids.Order().Select(c => Math.Round(c, 12)));
        Assert.Equal(0.04, run.Inertia, 1e-12);
    }

    [Fact]
    public void Errors_name_their_cause()
    {
        var kmeans = new KMeans(new KMeansOptions { ClusterCount = 4, Transform = FeatureTransformKind.None });
        var duplicates = new FeatureMatrix(["a", "b"], [[1, 1, 2, 2, 3, 3], [5, 5, 6, 6, 7, 7]]);
        Assert.Equal("k-means: k = 4 clusters, but the data have only 3 distinct rows; choose k <= 3 (segmentation.k or k_range).",
            Assert.Throws<InputException>(() => kmeans.Fit(duplicates)).Message);
        var nan = new FeatureMatrix(["a", "monetary_value"], [[1, 2, 3, 4, 5], [1, 2, double.NaN, 4, 5]]);
        Assert.StartsWith("k-means: feature 'monetary_value' is NaN in row 3; every feature value must be finite",
            Assert.Throws<InputException>(() => kmeans.Fit(nan)).Message);
        var infinite = new FeatureMatrix(["a"], [[1, double.PositiveInfinity]]);
        Assert.Contains("is +infinity in row 2", Assert.Throws<InputException>(() => kmeans.Fit(infinite)).Message);
        var empty = new FeatureMatrix(["a"], [Array.Empty<double>()]);
        Assert.Equal("k-means: the feature table is empty; there are no customers to cluster.",
            Assert.Throws<InputException>(() => kmeans.Fit(empty)).Message);
        var x = ClusteringTestData.Uniform(10, 1, seed: 1);
        Assert.Contains("weight of row 2 is -1; weights must be finite and >= 0",
            Assert.Throws<InputException>(() => kmeans.Fit(x, [1, -1, 1, 1, 1, 1, 1, 1, 1, 1])).Message);
        var model = kmeans.Fit(x);
        Assert.Contains("the model needs feature 'x0', which the input lacks",
            Assert.Throws<InputException>(() => model.Predict(new FeatureMatrix(["y"], [[1.0]]))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(new KMeansOptions { ClusterCount = 0 }));
    }

    [Fact]
    public void Log_standardize_is_fitted_on_the_training_rows_and_maps_centroids_back()
    {
        var x = ClusteringTestData.Skewed(4000, seed: 10);
        var model = new KMeans(new KMeansOptions { ClusterCount = 3, Seed = 1 }).Fit(x);
        var logged = x.Columns[2].Select(v => Math.Log(1 + v)).ToArray();
        var mean = logged.Average();
        Assert.Equal(mean, model.Transform.Center[2], 1e-12);
        Assert.Equal(Math.Sqrt(logged.Select(v => (v - mean) * (v - mean)).Average()), model.Transform.Scale[2], 1e-12);
        // A centroid in feature units maps back onto the same transformed centroid.
        var back = model.Transform.Apply([.. model.CentroidInFeatureUnits(0).Select(v => new[] { v })]);
        for (var f = 0; f < 3; f++) Assert.Equal(model.Centroid(0)[f], back.Values[f], 1e-12);
    }
}
