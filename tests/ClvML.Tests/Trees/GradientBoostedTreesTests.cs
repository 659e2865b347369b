using ClvML;
using ClvML.Features;
using ClvML.Trees;

namespace ClvML.Tests.Trees;

public sealed class GradientBoostedTreesTests
{
    [Fact]
    public void One_tree_at_learning_rate_1_has_leaf_values_minus_G_over_H_plus_lambda()
    {
        // Two well-separated groups, one split. Squared error: g = F0 - y, h = 1, F0 = mean(y).
        double[] x = [0, 0, 0, 1, 1];
        double[] y = [1, 2, 6, 10, 11];
        var options = new GradientBoostedTreesOptions { NumberOfTrees = 1, LearningRate = 1, MinimumSamplesPerLeaf = 1, L2Regularization = 1.5 };
        var model = new GradientBoostedTrees(options).Fit(new FeatureMatrix(["x"], [x]), y);
        var mean = y.Average();
        var tree = Assert.Single(model.Trees);
        Assert.Equal(3, tree.NodeCount);
        var left = tree.Value[tree.Left[0]];
        var right = tree.Value[tree.Right[0]];
        Assert.Equal(-((mean - 1) + (mean - 2) + (mean - 6)) / (3 + 1.5), left, 15);
        Assert.Equal(-((mean - 10) + (mean - 11)) / (2 + 1.5), right, 15);
        Assert.Equal(mean, model.InitialScore, 15);
    }

    [Fact]
    public void A_step_function_is_recovered_exactly()
    {
        var x = Enumerable.Range(0, 400).Select(i => i / 400.0).ToArray();
        var y = x.Select(v => v < 0.25 ? 1.0 : v < 0.6 ? 5.0 : -2.0).ToArray();
        var options = new GradientBoostedTreesOptions
        {
            NumberOfTrees = 200, LearningRate = 0.5, MinimumSamplesPerLeaf = 1, L2Regularization = 0, MaximumLeaves = 4,
        };
        var model = new GradientBoostedTrees(options).Fit(new FeatureMatrix(["x"], [x]), y);
        var predicted = model.Predict(new FeatureMatrix(["x"], [x]));
        for (var i = 0; i < x.Length; i++) Assert.Equal(y[i], predicted[i], 9);
        // The first tree finds both steps: its thresholds lie between the step's neighbouring points.
        var thresholds = model.Trees[0].Threshold.Where((_, node) => model.Trees[0].Feature[node] >= 0).Order().ToArray();
        Assert.Contains(thresholds, t => t > 99 / 400.0 && t < 100 / 400.0);
        Assert.Contains(thresholds, t => t > 239 / 400.0 && t < 240 / 400.0);
    }

    [Theory]
    [InlineData(BoostingObjective.SquaredError)]
    [InlineData(BoostingObjective.Poisson)]
    [InlineData(BoostingObjective.Tweedie)]
    public void Training_loss_decreases_every_round(BoostingObjective objective)
    {
        var (x, y) = TreeTestData.Smooth(3000, seed: 1);
        if (objective != BoostingObjective.SquaredError) y = y.Select(v => Math.Max(0, v + 1)).ToArray();
        var model = new GradientBoostedTrees(new GradientBoostedTreesOptions { NumberOfTrees = 60, Objective = objective }).Fit(x, y);
        Assert.Equal(60, model.History.Count);
        for (var i = 1; i < model.History.Count; i++)
            Assert.True(model.History[i].TrainLoss < model.History[i - 1].TrainLoss, $"round {i + 1}: {model.History[i].TrainLoss} >= {model.History[i - 1].TrainLoss}");
    }

    [Fact]
    public void The_fit_learns_a_smooth_function_with_missing_values()
    {
        var (x, y) = TreeTestData.Smooth(20_000, seed: 2);
        var (testX, testY) = TreeTestData.Smooth(5000, seed: 3);
        var model = new GradientBoostedTrees(new GradientBoostedTreesOptions { NumberOfTrees = 200 }).Fit(x, y);
        var predicted = model.Predict(testX);
        var rmse = Math.Sqrt(predicted.Zip(testY, (p, t) => (p - t) * (p - t)).Average());
        var baseline = Math.Sqrt(testY.Select(t => (t - y.Average()) * (t - y.Average())).Average());
        // Noise sd is 0.1/sqrt(12) = 0.029; 5% of rows lose x1, which alone explains sd ~0.7 of y.
        Assert.True(rmse < 0.25 * baseline, $"rmse {rmse} vs baseline {baseline}");
        var importance = model.FeatureImportance();
        Assert.True(importance["x0"] > importance["x2"] && importance["x1"] > importance["x2"]);
        Assert.Equal(1.0, importance.Values.Sum(), 12);
    }

    [Fact]
    public void Early_stopping_keeps_the_best_round()
    {
        var (x, y) = TreeTestData.Smooth(4000, seed: 4);
        var options = new GradientBoostedTreesOptions { NumberOfTrees = 2000, LearningRate = 0.3, ValidationFraction = 0.2, EarlyStoppingRounds = 5 };
        var model = new GradientBoostedTrees(options).Fit(x, y);
        Assert.True(model.History.Count < 2000);
        var best = model.History.MinBy(r => r.ValidationLoss);
        Assert.Equal(best.Trees, model.Trees.Count);
        Assert.Equal(model.Trees.Count + 5, model.History.Count);
    }

    [Fact]
    public void Unit_weights_equal_no_weights_and_bad_targets_are_named()
    {
        var (x, y) = TreeTestData.Smooth(2000, seed: 5);
        var options = new GradientBoostedTreesOptions { NumberOfTrees = 20, RowSubsample = 0.7, FeatureSubsample = 0.67, Seed = 9 };
        var plain = new GradientBoostedTrees(options).Fit(x, y).Predict(x);
        var weighted = new GradientBoostedTrees(options).Fit(x, y, Enumerable.Repeat(1.0, y.Length).ToArray()).Predict(x);
        Assert.Equal(plain, weighted);

        y[17] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => new GradientBoostedTrees(options).Fit(x, y));
        Assert.Contains("row 17", e.Message);
        y = y.Select(v => Math.Abs(v)).ToArray();
        y[17] = -1;
        e = Assert.Throws<ArgumentException>(() => new GradientBoostedTrees(options with { Objective = BoostingObjective.Poisson }).Fit(x, y));
        Assert.Contains("row 17", e.Message);
        Assert.Throws<ArgumentException>(() => new GradientBoostedTrees(options with { MaximumBins = 300 }));
    }
}

public sealed class GradientBoostedTreesPersistenceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clvml-gbdt-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Same_seed_gives_identical_model_files_and_a_loaded_model_predicts_identically()
    {
        var (x, y) = TreeTestData.Smooth(5000, seed: 6);
        var options = new GradientBoostedTreesOptions { NumberOfTrees = 30, RowSubsample = 0.8, FeatureSubsample = 0.67, Seed = 4, ValidationFraction = 0.1 };
        var first = Path.Combine(_folder, "a.json");
        var second = Path.Combine(_folder, "b.json");
        var model = new GradientBoostedTrees(options).Fit(x, y);
        GradientBoostedTreesModelJson.Save(model, first);
        GradientBoostedTreesModelJson.Save(new GradientBoostedTrees(options).Fit(x, y), second);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));

        var loaded = GradientBoostedTreesModelJson.Load(first);
        Assert.Equal(model.Predict(x), loaded.Predict(x));
        // A different seed draws other rows and features, so the model differs.
        GradientBoostedTreesModelJson.Save(new GradientBoostedTrees(options with { Seed = 5 }).Fit(x, y), second);
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Level_wise_growth_with_subsampling_gives_identical_model_files()
    {
        // Depth 5 with 32 leaves grows level by level; 60,000 rows are several chunks for the threads.
        var (x, y) = TreeTestData.Smooth(60_000, seed: 7);
        var options = new GradientBoostedTreesOptions { NumberOfTrees = 12, MaximumDepth = 5, MaximumLeaves = 32, RowSubsample = 0.7, Seed = 5, ValidationFraction = 0.1 };
        var first = Path.Combine(_folder, "level-a.json");
        var second = Path.Combine(_folder, "level-b.json");
        GradientBoostedTreesModelJson.Save(new GradientBoostedTrees(options).Fit(x, y), first);
        GradientBoostedTreesModelJson.Save(new GradientBoostedTrees(options).Fit(x, y), second);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Subset_predictions_equal_the_slice_of_full_predictions()
    {
        var (x, y) = TreeTestData.Smooth(3000, seed: 7);
        var model = new GradientBoostedTrees(new GradientBoostedTreesOptions { NumberOfTrees = 20 }).Fit(x, y);
        var all = model.Predict(x);
        int[] rows = [5, 17, 2999, 0, 1500];
        Assert.Equal(rows.Select(r => all[r]), model.Predict(x.Select(rows)));
    }

    [Fact]
    public void Block_prediction_with_and_without_missing_values_equals_the_row_by_row_walk()
    {
        // 5% of x1 missing in the first half only: blocks of 512 rows in the second half take the
        // branch-free walk for rows without missing values, the others the walk with default directions.
        var (x, y) = TreeTestData.Smooth(4000, seed: 12);
        var model = new GradientBoostedTrees(new GradientBoostedTreesOptions { NumberOfTrees = 30 }).Fit(x, y);
        var (testX, _) = TreeTestData.Smooth(3000, seed: 13);
        for (var i = 1500; i < 3000; i++)
            if (double.IsNaN(testX.Columns[1][i])) testX.Columns[1][i] = 0.25;
        // Values exactly on a threshold must go left, as the row walk sends them.
        testX.Columns[model.Trees[0].Feature[0]][2000] = model.Trees[0].Threshold[0];
        var predicted = model.Predict(testX);
        var row = new double[3];
        for (var i = 0; i < testX.RowCount; i++)
        {
            testX.CopyRow(i, row);
            Assert.Equal(model.PredictRow(row), predicted[i]);
        }
    }

    [Fact]
    public void Growing_a_level_side_by_side_gives_the_trees_of_one_node_at_a_time()
    {
        // Depth 4 with 16 leaves: the leaf limit cannot bind, so best-first order does not matter.
        // Histogram sums may differ in the last bits (serial vs chunked), so predictions agree to
        // rounding and the tree shapes exactly.
        var (x, y) = TreeTestData.Smooth(60_000, seed: 21);
        var options = new GradientBoostedTreesOptions { NumberOfTrees = 15, MaximumDepth = 4, MaximumLeaves = 16 };
        var levelWise = new GradientBoostedTrees(options).Fit(x, y);
        var oneAtATime = new GradientBoostedTrees(options with { LevelWiseGrowth = false }).Fit(x, y);
        Assert.Equal(oneAtATime.Trees.Select(t => t.LeafCount), levelWise.Trees.Select(t => t.LeafCount));
        Assert.Equal(oneAtATime.Trees.Select(t => t.Feature.Order()), levelWise.Trees.Select(t => t.Feature.Order()), new SequenceComparer());
        var a = levelWise.Predict(x);
        var b = oneAtATime.Predict(x);
        for (var i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 1e-9);
    }

    [Theory]
    [InlineData(6, 1.0)] // depth-limited: the last level's pass adds the leaf values
    [InlineData(6, 0.7)] // with row subsampling: rows left out are routed through the tree
    [InlineData(2, 1.0)] // shallow: the depth limit is reached on the second level
    public void Level_wise_scores_updated_while_growing_match_the_trees_predictions(int depth, double rowSubsample)
    {
        // A step function: after two levels no split gains, so growth also stops before the depth limit.
        var x = Enumerable.Range(0, 50_000).Select(i => (i % 1000) / 1000.0).ToArray();
        var y = x.Select(v => v < 0.3 ? 2.0 : v < 0.8 ? -1.0 : 4.0).ToArray();
        var noisy = y.Select((v, i) => v + (i % 7) / 8.0).ToArray();
        var features = new FeatureMatrix(["x"], [x]);
        foreach (var target in (double[][])[y, noisy])
        {
            var options = new GradientBoostedTreesOptions
            {
                NumberOfTrees = 5, MaximumDepth = depth, MaximumLeaves = 1 << depth, LearningRate = 0.5, RowSubsample = rowSubsample, MinimumSamplesPerLeaf = 1,
            };
            var model = new GradientBoostedTrees(options).Fit(features, target);
            var predicted = model.Predict(features);
            // The last training loss is computed from the scores the fit kept; the model's own
            // predictions give the same loss when every score update added the right leaf.
            var loss = predicted.Zip(target, (p, t) => 0.5 * (p - t) * (p - t)).Average();
            Assert.Equal(loss, model.History[^1].TrainLoss, 12);
        }
    }

    private sealed class SequenceComparer : IEqualityComparer<IEnumerable<int>>
    {
        public bool Equals(IEnumerable<int>? a, IEnumerable<int>? b) => a!.SequenceEqual(b!);
        public int GetHashCode(IEnumerable<int> value) => 0;
    }

    [Fact]
    public void Block_prediction_walks_lopsided_and_deep_trees_to_the_leaves_the_row_walk_finds_missing_values_included()
    {
        // Chains with a leaf on alternate sides at every depth (leaves far above the deepest level, which
        // the complete-tree layout extends), one deeper than that layout takes, and a lone leaf.
        var random = new Random(31);
        RegressionTree[] trees = [Chain(3, random), Chain(CompleteTreeLayout.MaxDepth, random), Chain(CompleteTreeLayout.MaxDepth + 1, random), Chain(0, random)];
        Assert.NotNull(trees[1].Complete);
        Assert.Null(trees[2].Complete);
        var columns = new double[2][];
        for (var f = 0; f < 2; f++)
            columns[f] = Enumerable.Range(0, 1500).Select(_ => random.NextDouble()).ToArray();
        // Values exactly on thresholds, and the extremes of double (infinities are refused), at rows in several blocks and the last partial one.
        for (var k = 0; k < trees[1].NodeCount; k++)
            if (trees[1].Feature[k] >= 0) columns[trees[1].Feature[k]][37 * k % 1500] = trees[1].Threshold[k];
        columns[0][600] = double.MaxValue;
        columns[1][1499] = double.MinValue;
        // Missing values in the middle block only (rows 512 .. 1023), so blocks with and without them are walked.
        for (var i = 520; i < 1000; i += 7) columns[i % 2][i] = double.NaN;
        var features = new FeatureMatrix(["a", "b"], columns);
        var model = new GradientBoostedTreesModel(["a", "b"], BoostingObjective.SquaredError, 1.5, false, 0.25, trees, BinMapper.Fit(columns, 16), []);
        var predicted = model.Predict(features);
        var row = new double[2];
        for (var i = 0; i < features.RowCount; i++)
        {
            features.CopyRow(i, row);
            Assert.Equal(model.PredictRow(row), predicted[i]);
        }
    }

    /// <summary>Split k (feature k % 2) has a leaf as its left child when k is even, as its right child when odd; the other child is split k + 1.</summary>
    private static RegressionTree Chain(int depth, Random random)
    {
        var n = 2 * depth + 1;
        var (feature, threshold, left, right) = (new int[n], new double[n], new int[n], new int[n]);
        Array.Fill(feature, -1);
        var value = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 8, 3)).ToArray();
        var split = 0;
        for (var k = 0; k < depth; k++)
        {
            feature[split] = k % 2;
            threshold[split] = Math.Round(0.1 + 0.8 * random.NextDouble(), 3);
            (left[split], right[split]) = (2 * k + 1, 2 * k + 2);
            split = k % 2 == 0 ? right[split] : left[split];
        }
        var defaultLeft = Enumerable.Range(0, n).Select(_ => random.Next(2) == 0).ToArray();
        return new RegressionTree(feature, threshold, new byte[n], defaultLeft, left, right, value, new double[n]);
    }

    [Fact]
    public void Unit_weights_give_the_model_file_of_no_weights()
    {
        // Without weights the grower's last pass writes the next gradients; with weights the gradient
        // pass does, summing hessians too. Both must see the same gradients and grow the same trees.
        var (x, y) = TreeTestData.Smooth(40_000, seed: 17);
        var options = new GradientBoostedTreesOptions { NumberOfTrees = 12, MaximumDepth = 5, MaximumLeaves = 32 };
        var plain = new GradientBoostedTrees(options).Fit(x, y);
        var weighted = new GradientBoostedTrees(options).Fit(x, y, Enumerable.Repeat(1.0, y.Length).ToArray());
        var (a, b) = (Path.Combine(_folder, "plain.json"), Path.Combine(_folder, "weighted.json"));
        plain.Save(a);
        weighted.Save(b);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        for (var i = 0; i < plain.History.Count; i++) Assert.Equal(weighted.History[i].TrainLoss, plain.History[i].TrainLoss, 1e-12);
    }

    [Fact]
    public void A_tree_whose_child_comes_before_its_parent_is_refused()
    {
        // Node 1 points back to node 0: a cycle a corrupt file could smuggle into the prediction walk.
        var error = Assert.Throws<ArgumentException>(() => new RegressionTree(
            [0, 0, -1, -1, -1], [0.5, 0.5, 0, 0, 0], [1, 1, 0, 0, 0], [true, true, false, false, false], [1, 0, -1, -1, -1], [2, 3, -1, -1, -1],
            [0, 0, 1, 2, 3], [1, 1, 0, 0, 0]));
        Assert.Contains("Node 1", error.Message);
    }

    [Fact]
    public void A_newer_format_version_is_refused_with_the_file_named()
    {
        var (x, y) = TreeTestData.Smooth(500, seed: 8);
        var path = Path.Combine(_folder, "m.json");
        GradientBoostedTreesModelJson.Save(new GradientBoostedTrees(new GradientBoostedTreesOptions { NumberOfTrees = 2 }).Fit(x, y), path);
        File.WriteAllText(path, File.ReadAllText(path).Replace($"\"format_version\":{GradientBoostedTreesModelJson.FormatVersion}", "\"format_version\":9"));
        var e = Assert.Throws<InputException>(() => GradientBoostedTreesModelJson.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("format version 9", e.Message);
    }
}
