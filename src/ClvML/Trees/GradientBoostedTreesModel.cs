using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClvML.Features;
using ClvML.Models;

namespace ClvML.Trees;

/// <summary>
/// A fitted boosted-tree model: prediction = link(initial score + sum of tree outputs), then expm1
/// when trained on log1p(target), held to the training targets' <see cref="TargetRange"/> (boosting
/// with shrinkage can undershoot zero on zero-inflated spend). Immutable; saved and loaded as JSON with
/// a format version (GradientBoostedTreesModelJson).
/// </summary>
public sealed class GradientBoostedTreesModel : IRegressionModel, IFeatureImportance
{
    /// <inheritdoc />
    public string Kind => KindName;

    /// <summary>The registry name of this kind.</summary>
    public const string KindName = "gbdt";

    /// <inheritdoc />
    public void Save(string path) => GradientBoostedTreesModelJson.Save(this, path);

    /// <summary>Creates a model from its parts (as <see cref="GradientBoostedTrees.Fit"/> or the JSON reader do).</summary>
    internal GradientBoostedTreesModel(IReadOnlyList<string> featureNames, BoostingObjective objective, double tweediePower, bool logTarget,
        double initialScore, IReadOnlyList<RegressionTree> trees, BinMapper bins, IReadOnlyList<BoostingRound> history, TargetRange? range = null)
    {
        foreach (var tree in trees)
            if (tree.Feature.Max() >= featureNames.Count)
                throw new ArgumentException($"A tree splits on feature {tree.Feature.Max()}, but the model has {featureNames.Count} features.");
        FeatureNames = featureNames;
        Objective = objective;
        TweediePower = tweediePower;
        LogTarget = logTarget;
        InitialScore = initialScore;
        Trees = trees;
        Bins = bins;
        History = history;
        Range = range ?? TargetRange.Unbounded;
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
    internal IReadOnlyList<RegressionTree> Trees { get; }
    /// <summary>The training bins (thresholds are their upper bounds).</summary>
    internal BinMapper Bins { get; }
    /// <summary>Training and validation loss after each round (empty for a loaded model).</summary>
    public IReadOnlyList<BoostingRound> History { get; }
    /// <summary>The interval predictions are held to.</summary>
    public TargetRange Range { get; }

    /// <summary>Predictions for every row of <paramref name="features"/> (columns matched by name).</summary>
    public void Predict(FeatureMatrix features, Span<double> destination)
    {
        if (destination.Length != features.RowCount) throw new ArgumentException($"{destination.Length} destinations for {features.RowCount} rows.", nameof(destination));
        Predict(features).CopyTo(destination);
    }

    /// <summary>Predictions for every row of <paramref name="features"/> (columns matched by name).</summary>
    public double[] Predict(FeatureMatrix features)
    {
        var columns = Align(features);
        CheckNoInfinity(FeatureNames, columns);
        var n = features.RowCount;
        var featureCount = columns.Length;
        var result = new double[n];
        // Tree by tree over a block of rows: a tree's nodes stay in L1 while the block passes
        // through. The block's values are copied column by column (value of feature f of the block's
        // row i at f * Block + i), so a walk step finds a row's value from the node's feature and the
        // row's position in the block alone.
        Parallel.For(0, (n + Block - 1) / Block, TreeParallelism.Options, () => new double[Block * Math.Max(1, featureCount)], (b, _, blockValues) =>
        {
            var start = b * Block;
            var scores = result.AsSpan(start, Math.Min(Block, n - start));
            var missing = false;
            for (var f = 0; f < featureCount; f++)
            {
                var values = columns[f].AsSpan(start, scores.Length);
                values.CopyTo(blockValues.AsSpan(f * Block));
                // One NaN sends the whole block down the walk that follows default directions.
                foreach (var x in values) missing |= double.IsNaN(x);
            }
            scores.Fill(InitialScore);
            foreach (var tree in Trees)
            {
                // Missing values need each node's default direction; blocks without any take the lean walk.
                if (tree.Complete is { } complete) CompleteTreeWalk.Add(complete, blockValues, scores, missing);
                else if (!missing && tree.Steps is { } steps) AddTreeWithoutMissing(steps, tree.Depth, tree.Value, blockValues, scores);
                else AddTree(tree, blockValues, scores);
            }
            for (var i = 0; i < scores.Length; i++)
            {
                var prediction = ObjectiveFunctions.Link(Objective, scores[i]);
                scores[i] = Range.Clamp(LogTarget ? double.ExpM1(prediction) : prediction);
            }
            return blockValues;
        }, _ => { });
        return result;
    }

    /// <summary>
    /// Refuses an infinite value, naming its feature and row: NaN means "missing" to the trees (it follows each
    /// node's default direction), but an infinity would silently take the last bin's branch as if it were data.
    /// </summary>
    internal static void CheckNoInfinity(IReadOnlyList<string> names, IReadOnlyList<double[]> columns)
    {
        for (var f = 0; f < columns.Count; f++)
        {
            var column = columns[f];
            for (var i = 0; i < column.Length; i++)
                if (double.IsInfinity(column[i]))
                    throw new ArgumentException($"Feature '{names[f]}' of row {i} is {column[i]}; boosted trees read NaN as missing, but an infinite value is refused.");
        }
    }

    /// <summary>Rows per prediction block (the node layout of <see cref="RegressionTree.StepNode"/> assumes it).</summary>
    internal const int Block = 1 << RegressionTree.PredictionBlockShift;

    /// <summary>
    /// Eight rows walk the tree side by side for exactly <paramref name="depth"/> steps (leaves point
    /// to themselves), so their chains of dependent loads overlap; a step is
    /// Left + (x &gt; threshold ? 1 : 0), with no branch on the data. The block's values are column by
    /// column, so the eight rows' values lie at fixed distances from the first's and the rows need one
    /// register each (their nodes), which lets all eight walks stay in registers. Indices are valid by
    /// construction (the tree was checked when built), so the walk reads without bounds checks.
    /// </summary>
    private static void AddTreeWithoutMissing(RegressionTree.StepNode[] steps, int depth, double[] values, double[] blockValues, Span<double> scores)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(steps);
        ref var x0 = ref MemoryMarshal.GetArrayDataReference(blockValues);
        var i = 0;
        for (; i + 7 < scores.Length; i += 8)
        {
            nint a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0;
            ref var x = ref Unsafe.Add(ref x0, i);
            for (var level = 0; level < depth; level++)
            {
                a = Step(ref nodes, a, ref x);
                b = Step(ref nodes, b, ref Unsafe.Add(ref x, 1));
                c = Step(ref nodes, c, ref Unsafe.Add(ref x, 2));
                d = Step(ref nodes, d, ref Unsafe.Add(ref x, 3));
                e = Step(ref nodes, e, ref Unsafe.Add(ref x, 4));
                f = Step(ref nodes, f, ref Unsafe.Add(ref x, 5));
                g = Step(ref nodes, g, ref Unsafe.Add(ref x, 6));
                h = Step(ref nodes, h, ref Unsafe.Add(ref x, 7));
            }
            scores[i] += values[a >> RegressionTree.StepNode.SizeShift];
            scores[i + 1] += values[b >> RegressionTree.StepNode.SizeShift];
            scores[i + 2] += values[c >> RegressionTree.StepNode.SizeShift];
            scores[i + 3] += values[d >> RegressionTree.StepNode.SizeShift];
            scores[i + 4] += values[e >> RegressionTree.StepNode.SizeShift];
            scores[i + 5] += values[f >> RegressionTree.StepNode.SizeShift];
            scores[i + 6] += values[g >> RegressionTree.StepNode.SizeShift];
            scores[i + 7] += values[h >> RegressionTree.StepNode.SizeShift];
        }
        for (; i < scores.Length; i++)
        {
            nint node = 0;
            ref var x = ref Unsafe.Add(ref x0, i);
            for (var level = 0; level < depth; level++) node = Step(ref nodes, node, ref x);
            scores[i] += values[node >> RegressionTree.StepNode.SizeShift];
        }
    }

    /// <summary>One step of the walk from the node at byte offset <paramref name="offset"/>, for the row whose first feature's value is <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Step(ref RegressionTree.StepNode nodes, nint offset, ref double x)
    {
        ref var node = ref Unsafe.AddByteOffset(ref nodes, offset);
        return node.LeftOffset + ((Unsafe.AddByteOffset(ref x, node.ColumnOffset) > node.Threshold ? 1 : 0) << RegressionTree.StepNode.SizeShift);
    }

    private static void AddTree(RegressionTree tree, double[] blockValues, Span<double> scores)
    {
        var nodes = tree.Packed;
        var values = tree.Value;
        for (var i = 0; i < scores.Length; i++)
        {
            var index = 0;
            var node = nodes[0];
            // Leaves point to themselves, so a step that does not move has reached a leaf.
            while (true)
            {
                var x = blockValues[node.Feature * Block + i];
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
        for (var f = 0; f < row.Length; f++)
            if (double.IsInfinity(row[f])) throw new ArgumentException($"Feature '{FeatureNames[f]}' is {row[f]}; NaN means missing, but an infinite value is refused.", nameof(row));
        var score = InitialScore;
        foreach (var tree in Trees) score += tree.Predict(row);
        var prediction = ObjectiveFunctions.Link(Objective, score);
        return Range.Clamp(LogTarget ? double.ExpM1(prediction) : prediction);
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
