using ClvML.Features;

namespace ClvML.Trees;

/// <summary>
/// A fitted boosted-tree model: prediction = link(initial score + sum of tree outputs), then expm1
/// when trained on log1p(target). Immutable; saved and loaded as JSON with a format version
/// (GradientBoostedTreesModelJson).
/// </summary>
public sealed class GradientBoostedTreesModel : IRegressionModel
{
    /// <inheritdoc />
    public string Kind => "gbdt";

    /// <inheritdoc />
    public void Save(string path) => GradientBoostedTreesModelJson.Save(this, path);

    /// <summary>Creates a model from its parts (as <see cref="GradientBoostedTrees.Fit"/> or the JSON reader do).</summary>
    public GradientBoostedTreesModel(IReadOnlyList<string> featureNames, BoostingObjective objective, double tweediePower, bool logTarget,
        double initialScore, IReadOnlyList<RegressionTree> trees, BinMapper bins, IReadOnlyList<BoostingRound> history)
    {
        FeatureNames = featureNames;
        Objective = objective;
        TweediePower = tweediePower;
        LogTarget = logTarget;
        InitialScore = initialScore;
        Trees = trees;
        Bins = bins;
        History = history;
    }

    /// <summary>Names of the features, in the order <see cref="Predict(FeatureMatrix)"/> expects.</summary>
    public IReadOnlyList<string> FeatureNames { get; }
    /// <summary>The loss the model was trained with.</summary>
    public BoostingObjective Objective { get; }
    /// <summary>Tweedie variance power (used with <see cref="BoostingObjective.Tweedie"/>).</summary>
    public double TweediePower { get; }
    /// <summary>Whether the model was trained on log1p(target).</summary>
    public bool LogTarget { get; }
    /// <summary>The raw score before any tree.</summary>
    public double InitialScore { get; }
    /// <summary>The trees, in boosting order.</summary>
    public IReadOnlyList<RegressionTree> Trees { get; }
    /// <summary>The training bins (thresholds are their upper bounds).</summary>
    public BinMapper Bins { get; }
    /// <summary>Training and validation loss after each round (empty for a loaded model).</summary>
    public IReadOnlyList<BoostingRound> History { get; }

    /// <summary>Predictions for every row of <paramref name="features"/> (columns matched by name).</summary>
    public double[] Predict(FeatureMatrix features)
    {
        var columns = Align(features);
        var n = features.RowCount;
        var result = new double[n];
        // Tree by tree over a block of rows: a tree's nodes stay in L1 while the block passes through.
        const int block = 1024;
        Parallel.For(0, (n + block - 1) / block, b =>
        {
            var start = b * block;
            var scores = result.AsSpan(start, Math.Min(block, n - start));
            scores.Fill(InitialScore);
            foreach (var tree in Trees) AddTree(tree, columns, start, scores);
            for (var i = 0; i < scores.Length; i++)
            {
                var prediction = ObjectiveFunctions.Link(Objective, scores[i]);
                scores[i] = LogTarget ? double.ExpM1(prediction) : prediction;
            }
        });
        return result;
    }

    private static void AddTree(RegressionTree tree, double[][] columns, int start, Span<double> scores)
    {
        var nodes = tree.Packed;
        var values = tree.Value;
        for (var i = 0; i < scores.Length; i++)
        {
            var row = start + i;
            var index = 0;
            var node = nodes[0];
            // Leaves point to themselves, so a step that does not move has reached a leaf.
            while (true)
            {
                var x = columns[node.Feature][row];
                var next = x <= node.Threshold || (double.IsNaN(x) && node.DefaultLeft) ? node.Left : node.Right;
                if (next == index) break;
                index = next;
                node = nodes[index];
            }
            scores[i] += values[index];
        }
    }

    /// <summary>The prediction for one row of raw feature values, in <see cref="FeatureNames"/> order.</summary>
    public double PredictRow(ReadOnlySpan<double> row)
    {
        var score = InitialScore;
        foreach (var tree in Trees) score += tree.Predict(row);
        var prediction = ObjectiveFunctions.Link(Objective, score);
        return LogTarget ? double.ExpM1(prediction) : prediction;
    }

    /// <summary>Total split gain per feature, normalised to sum to 1 (0 for all when no tree splits).</summary>
    public IReadOnlyDictionary<string, double> FeatureImportance()
    {
        var gain = new double[FeatureNames.Count];
        foreach (var tree in Trees)
            for (var node = 0; node < tree.NodeCount; node++)
                if (tree.Feature[node] >= 0) gain[tree.Feature[node]] += tree.Gain[node];
        var total = gain.Sum();
        return FeatureNames.Select((name, f) => (name, value: total > 0 ? gain[f] / total : 0.0)).ToDictionary(p => p.name, p => p.value);
    }

    private double[][] Align(FeatureMatrix features)
    {
        var columns = new double[FeatureNames.Count][];
        for (var f = 0; f < FeatureNames.Count; f++)
        {
            var index = features.Names.ToList().IndexOf(FeatureNames[f]);
            if (index < 0)
                throw new ArgumentException($"Feature '{FeatureNames[f]}' the model was trained on is missing; the matrix has [{string.Join(", ", features.Names)}].");
            columns[f] = features.Columns[index];
        }
        return columns;
    }
}
