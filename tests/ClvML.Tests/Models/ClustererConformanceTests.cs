using System.Diagnostics;
using ClvML.Clustering;
using ClvML.Features;
using ClvML.Models;
using ClvML.Registry;

namespace ClvML.Tests.Models;

/// <summary>
/// What every registered k-means engine must do, checked for each entry of <see cref="ModelRegistry.Clusterers"/> (a
/// newly registered engine is tested without editing this file), through <see cref="ClustererKind.Create"/> with the
/// segmentation defaults' transform (log then standardize) and one restart.
/// </summary>
public sealed class ClustererConformanceTests
{
    public static TheoryData<string> Engines => [.. ModelRegistry.Clusterers.Select(k => k.Engine)];

    private static readonly FeatureMatrix Data = ConformanceData.Regression(600, seed: 21).X;

    private static IClusterer Clusterer(string engine, long seed = 4, int k = 4) =>
        ModelRegistry.FindClusterer(engine)!.Create(new KMeansOptions { ClusterCount = k, Seed = seed });

    private static IClusteringModel Fit(string engine, long seed = 4) => Clusterer(engine, seed).Fit(Data);

    [Theory, MemberData(nameof(Engines))]
    public void Save_then_load_gives_identical_assignments_labels_and_centroids(string engine)
    {
        var registered = ModelRegistry.FindClusterer(engine)!;
        var model = Fit(engine).WithLabels(["a", "b", "c", "d"]);
        var folder = Directory.CreateTempSubdirectory("clvml-conformance-");
        try
        {
            var path = Path.Combine(folder.FullName, registered.FileName);
            model.Save(path);
            var loaded = registered.Load(path);
            Assert.Equal(registered.Kind, loaded.Kind);
            Assert.Equal(model.FeatureNames, loaded.FeatureNames);
            Assert.Equal(model.ClusterCount, loaded.ClusterCount);
            Assert.Equal(["a", "b", "c", "d"], loaded.Labels);
            Assert.Equal(model.Inertia, loaded.Inertia);
            for (var c = 0; c < model.ClusterCount; c++) Assert.Equal(model.CentroidInFeatureUnits(c), loaded.CentroidInFeatureUnits(c));
            var fresh = ConformanceData.Regression(200, seed: 77).X;
            Assert.Equal(model.Predict(Data), loaded.Predict(Data));
            Assert.Equal(model.Predict(fresh), loaded.Predict(fresh));
            Assert.Empty(loaded.TrainingAssignments);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory, MemberData(nameof(Engines))]
    public void The_training_assignments_are_the_model_s_predictions_of_its_training_rows(string engine)
    {
        var model = Fit(engine);
        Assert.Equal(model.Predict(Data), model.TrainingAssignments);
        Assert.Equal(4, model.ClusterCount);
        Assert.All(model.TrainingAssignments, c => Assert.InRange(c, 0, 3));
        Assert.True(model.Inertia > 0);
    }

    [Theory, MemberData(nameof(Engines))]
    public void Unit_weights_give_the_same_model_as_no_weights(string engine)
    {
        var ones = Enumerable.Repeat(1.0, Data.RowCount).ToArray();
        var weighted = Clusterer(engine).Fit(Data, ones);
        var unweighted = Clusterer(engine).Fit(Data);
        Assert.Equal(unweighted.TrainingAssignments, weighted.TrainingAssignments);
        Assert.Equal(unweighted.Inertia, weighted.Inertia);
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_subset_is_assigned_as_the_slice_of_the_full_assignment(string engine)
    {
        var model = Fit(engine);
        var full = model.Predict(Data);
        int[] rows = [.. Enumerable.Range(0, Data.RowCount).Where(i => i % 5 == 2).Reverse()];
        Assert.Equal(rows.Select(i => full[i]), model.Predict(Data.Select(rows)));
        Assert.Empty(model.Predict(Data.Select([])));
        var reordered = new FeatureMatrix([.. Data.Names.Reverse(), "unused"], [.. Data.Columns.Reverse(), new double[Data.RowCount]]);
        Assert.Equal(full, model.Predict(reordered));
    }

    [Theory, MemberData(nameof(Engines))]
    public void NaN_and_infinite_inputs_are_refused_naming_column_and_row(string engine)
    {
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var x = ConformanceData.With(Data, "monetary_value", 31, bad);
            var fit = Assert.ThrowsAny<Exception>(() => Clusterer(engine).Fit(x));
            Assert.True(fit is ArgumentException or InputException, $"{engine}: fit threw {fit.GetType().Name}: {fit.Message}");
            Assert.True(ConformanceData.NamesPlace(fit.Message, "monetary_value", 31), $"{engine}: fit on {bad}: '{fit.Message}' should name the column and row");
            var predict = Assert.ThrowsAny<Exception>(() => Fit(engine).Predict(x));
            Assert.True(predict is ArgumentException or InputException, $"{engine}: predict threw {predict.GetType().Name}: {predict.Message}");
            Assert.True(ConformanceData.NamesPlace(predict.Message, "monetary_value", 31), $"{engine}: predict on {bad}: '{predict.Message}' should name the column and row");
        }
    }

    [Theory, MemberData(nameof(Engines))]
    public void The_seed_fixes_the_result_and_another_seed_changes_it(string engine)
    {
        // Uniform points have many local optima of k-means, so seeding decides which one a single restart finds.
        var x = ClvML.Tests.Clustering.ClusteringTestData.Uniform(500, 3, seed: 2);
        var first = Clusterer(engine, seed: 1, k: 7).Fit(x);
        var again = Clusterer(engine, seed: 1, k: 7).Fit(x);
        Assert.Equal(first.TrainingAssignments, again.TrainingAssignments);
        Assert.Equal(first.Inertia, again.Inertia);
        var other = Clusterer(engine, seed: 2, k: 7).Fit(x);
        Assert.False(first.Inertia == other.Inertia && first.TrainingAssignments.SequenceEqual(other.TrainingAssignments),
            $"{engine}: seeds 1 and 2 gave the same clustering of uniform points");
    }

    [Theory, MemberData(nameof(Engines))]
    public void A_cancelled_token_stops_the_fit_at_once(string engine)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => Clusterer(engine).Fit(Data, default, cancelled.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{engine} took {clock.Elapsed.TotalSeconds:F2} s to notice a cancelled token");
    }

    [Theory, MemberData(nameof(Engines))]
    public void Fit_leaves_its_inputs_unchanged(string engine)
    {
        var x = ConformanceData.Copy(Data);
        var w = Enumerable.Range(0, x.RowCount).Select(i => 1 + i % 4 * 0.25).ToArray();
        var weights = (double[])w.Clone();
        Clusterer(engine).Fit(x, weights);
        for (var f = 0; f < x.FeatureCount; f++) Assert.Equal(Data.Columns[f], x.Columns[f]);
        Assert.Equal(w, weights);
    }
}
