using ClvML.Features;
using ClvML.Models;

namespace ClvML.Trees;

/// <summary>
/// Histogram gradient-boosted regression trees (Friedman 2001; the histogram design of LightGBM,
/// Ke et al. 2017, and XGBoost's <c>hist</c>, Chen &amp; Guestrin 2016): quantile bins, Newton
/// leaf values -G/(H + lambda), leaf-wise growth, shrinkage, row and feature subsampling and early
/// stopping on a held-out fraction. <see cref="Fit"/> returns an immutable
/// <see cref="GradientBoostedTreesModel"/>; the same options, data and seed give the same model.
/// </summary>
public sealed class GradientBoostedTrees : IRegressor
{
    /// <summary>Creates the estimator; options are validated at once.</summary>
    public GradientBoostedTrees(GradientBoostedTreesOptions? options = null)
    {
        Options = options ?? new GradientBoostedTreesOptions();
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public GradientBoostedTreesOptions Options { get; }

    /// <inheritdoc />
    public string Kind => GradientBoostedTreesModel.KindName;

    /// <inheritdoc />
    IRegressionModel IRegressor.Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights, CancellationToken cancellationToken) =>
        Fit(features, target, weights, cancellationToken);

    /// <summary>Fits the model to <paramref name="target"/> with optional per-row <paramref name="weights"/>.</summary>
    /// <param name="features">The design matrix (NaN = missing).</param>
    /// <param name="target">One finite target per row.</param>
    /// <param name="weights">Optional non-negative row weights.</param>
    /// <param name="cancellation">Checked before every boosting round, so a budget is never overrun by more than one round.</param>
    /// <exception cref="ArgumentException">The target or weights are not finite or do not fit the objective; the message says which row.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired.</exception>
    public GradientBoostedTreesModel Fit(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights = default,
        CancellationToken cancellation = default)
    {
        var n = features.RowCount;
        CheckInputs(features, target, weights);
        CheckTargetDomain(target);
        var o = Options;
        var y = new double[n];
        for (var i = 0; i < n; i++) y[i] = o.LogTarget ? double.LogP1(target[i]) : target[i];
        var w = weights.IsEmpty ? null : weights.ToArray();

        var random = new Random(o.Seed);
        var (train, validation) = SplitRows(n, o.ValidationFraction, random);
        var binSource = validation.Length == 0 ? features : features.Select(train);
        var bins = BinMapper.Fit(binSource.Columns, o.MaximumBins, seed: o.Seed);
        var binned = bins.TransformRows(features.Columns);

        var initial = ObjectiveFunctions.InitialScore(o.Objective, Gather(y, train), w is null ? default : Gather(w, train));
        var unitHessian = o.Objective == BoostingObjective.SquaredError && w is null;
        var score = new double[n];
        Array.Fill(score, initial);
        var gradients = new double[n];
        var hessians = new double[n];
        if (unitHessian) Array.Fill(hessians, 1.0);
        var levelWise = o.TreeOptions.GrowsLevelWise ? new LevelWiseGrower(binned, bins, o.TreeOptions, unitHessian) : null;
        var bestFirst = levelWise is null ? new TreeGrower(binned, bins, o.TreeOptions, unitHessian) : null;
        var trees = new List<RegressionTree>();
        var history = new List<BoostingRound>();
        var rows = new int[train.Length];
        var leaves = new List<LeafRows>();
        var inTree = new bool[n];
        // Squared error without weights on every row, in order: the grower's last pass writes the next
        // round's gradients (the same values, loss and bound as the gradient pass would find).
        var nextGradients = levelWise is not null && unitHessian && validation.Length == 0 && o.RowSubsample >= 1
            ? new SquaredErrorGradients(y, gradients) : null;
        var gradientsReady = false;
        double bestValidation = double.PositiveInfinity;
        var bestRound = 0;
        for (var round = 0; round < o.NumberOfTrees; round++)
        {
            cancellation.ThrowIfCancellationRequested();
            // The gradient pass also sums the loss of the model so far: the previous round's training loss.
            var (loss, gradientBound, hessianBound) = gradientsReady
                ? (nextGradients!.Loss, nextGradients.MaxGradient, 1.0)
                : ComputeGradients(o, train, y, score, w, gradients, hessians);
            if (round > 0) history[round - 1] = history[round - 1] with { TrainLoss = loss };
            var count = SampleRows(train, o.RowSubsample, random, rows);
            var allowed = SampleFeatures(features.FeatureCount, o.FeatureSubsample, random);
            leaves.Clear();
            // The largest gradient of the training rows bounds that of the sampled rows.
            var tree = levelWise?.Grow(rows, count, gradients, hessians, allowed, gradientBound, hessianBound, score, nextGradients)
                ?? bestFirst!.Grow(rows, count, gradients, hessians, allowed, leaves);
            trees.Add(tree);
            gradientsReady = nextGradients is not null;

            // Rows the tree was grown on get their leaf's value directly (each row once, so they are
            // updated in parallel; the level-wise grower has done so in its last pass); rows left out by
            // subsampling are routed through the tree.
            var subsampled = count < train.Length;
            if (levelWise is not null)
            {
                if (subsampled)
                    for (var i = 0; i < count; i++) inTree[rows[i]] = true;
            }
            else
                Parallel.ForEach(leaves, TreeParallelism.Options, leaf =>
                {
                    var value = tree.Value[leaf.Node];
                    for (var i = leaf.Start; i < leaf.Start + leaf.Count; i++) score[rows[i]] += value;
                    if (subsampled)
                        for (var i = leaf.Start; i < leaf.Start + leaf.Count; i++) inTree[rows[i]] = true;
                });
            if (subsampled)
            {
                foreach (var row in train)
                    if (!inTree[row]) score[row] += tree.PredictBinned(binned, row);
                for (var i = 0; i < count; i++) inTree[rows[i]] = false;
            }
            foreach (var row in validation) score[row] += tree.PredictBinned(binned, row);

            var validationLoss = validation.Length == 0 ? double.NaN : ObjectiveFunctions.Loss(o.Objective, o.TweediePower, y, score, validation);
            history.Add(new BoostingRound(round + 1, double.NaN, validationLoss));
            if (validation.Length == 0) continue;
            if (validationLoss < bestValidation)
            {
                bestValidation = validationLoss;
                bestRound = round + 1;
            }
            else if (round + 1 - bestRound >= o.EarlyStoppingRounds) break;
        }
        history[^1] = history[^1] with { TrainLoss = ObjectiveFunctions.Loss(o.Objective, o.TweediePower, y, score, train) };
        if (validation.Length > 0) trees.RemoveRange(bestRound, trees.Count - bestRound);
        return new GradientBoostedTreesModel(features.Names, o.Objective, o.TweediePower, o.LogTarget, initial, trees, bins, history,
            TargetRange.Of(target, o.NonNegative));
    }

    private static void CheckInputs(FeatureMatrix features, ReadOnlySpan<double> target, ReadOnlySpan<double> weights)
    {
        if (features.RowCount == 0) throw new ArgumentException("The feature matrix has no rows.");
        if (target.Length != features.RowCount) throw new ArgumentException($"{target.Length} targets for {features.RowCount} rows.");
        if (!weights.IsEmpty && weights.Length != features.RowCount) throw new ArgumentException($"{weights.Length} weights for {features.RowCount} rows.");
        for (var i = 0; i < target.Length; i++)
            if (!double.IsFinite(target[i])) throw new ArgumentException($"Target of row {i} is {target[i]}; targets must be finite.");
        for (var i = 0; i < weights.Length; i++)
            if (!(weights[i] >= 0) || !double.IsFinite(weights[i])) throw new ArgumentException($"Weight of row {i} is {weights[i]}; weights must be finite and not negative.");
        GradientBoostedTreesModel.CheckNoInfinity(features.Names, features.Columns);
    }

    /// <summary>Poisson, Tweedie and log targets need y >= 0; checked here, where the objective is known.</summary>
    private void CheckTargetDomain(ReadOnlySpan<double> target)
    {
        if (Options.Objective == BoostingObjective.SquaredError && !Options.LogTarget) return;
        for (var i = 0; i < target.Length; i++)
            if (target[i] < 0) throw new ArgumentException($"Target of row {i} is {target[i]}; the {Options.Objective} objective{(Options.LogTarget ? " with a log target" : "")} needs targets >= 0.");
    }

    private static (int[] Train, int[] Validation) SplitRows(int n, double fraction, Random random)
    {
        var all = Enumerable.Range(0, n).ToArray();
        var validationCount = (int)Math.Round(n * fraction);
        if (validationCount == 0) return (all, []);
        random.Shuffle(all);
        var validation = all[..validationCount];
        var train = all[validationCount..];
        Array.Sort(validation);
        Array.Sort(train);
        return (train, validation);
    }

    private static int SampleRows(int[] train, double fraction, Random random, int[] rows)
    {
        Array.Copy(train, rows, train.Length);
        if (fraction >= 1) return train.Length;
        var count = Math.Max(1, (int)(train.Length * fraction));
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, train.Length);
            (rows[i], rows[j]) = (rows[j], rows[i]);
        }
        // Ascending rows read the bin columns in order while histograms are built.
        Array.Sort(rows, 0, count);
        return count;
    }

    private static bool[] SampleFeatures(int featureCount, double fraction, Random random)
    {
        var allowed = new bool[featureCount];
        if (fraction >= 1)
        {
            Array.Fill(allowed, true);
            return allowed;
        }
        var order = Enumerable.Range(0, featureCount).ToArray();
        random.Shuffle(order);
        foreach (var f in order.Take(Math.Max(1, (int)Math.Round(featureCount * fraction)))) allowed[f] = true;
        return allowed;
    }

    /// <summary>
    /// Gradients and hessians at the current scores; returns the mean loss there (block sums added in
    /// block order) and the largest |gradient| and |hessian|, which the level-wise grower's fixed-point
    /// scale needs and would otherwise find in a pass of its own.
    /// </summary>
    private static (double Loss, double MaxGradient, double MaxHessian) ComputeGradients(GradientBoostedTreesOptions o, int[] train, double[] y,
        double[] score, double[]? w, double[] gradients, double[] hessians)
    {
        const int block = SquaredErrorGradients.BlockRows;
        var blocks = (train.Length + block - 1) / block;
        var losses = new double[blocks];
        var maxGradients = new double[blocks];
        var maxHessians = new double[blocks];
        Parallel.For(0, blocks, TreeParallelism.Options, b =>
        {
            var end = Math.Min((b + 1) * block, train.Length);
            double loss = 0, maxGradient = 0, maxHessian = 0;
            if (o.Objective == BoostingObjective.SquaredError && w is null)
            {
                // The common case without the per-row objective dispatch (the hessians were set to 1 once,
                // in Fit), by the code the level-wise grower's last pass uses for the next round. Training
                // on every row, the rows are 0 .. n-1 in order.
                (losses[b], maxGradients[b]) = new SquaredErrorGradients(y, gradients).Compute(train.AsSpan(b * block, end - b * block), score, inOrder: train.Length == y.Length);
                maxHessians[b] = 1;
                return;
            }
            for (var i = b * block; i < end; i++)
            {
                var row = train[i];
                var (g, h) = ObjectiveFunctions.At(o.Objective, o.TweediePower, y[row], score[row]);
                var weight = w is null ? 1 : w[row];
                gradients[row] = weight * g;
                hessians[row] = weight * h;
                maxGradient = Math.Max(maxGradient, Math.Abs(gradients[row]));
                maxHessian = Math.Max(maxHessian, Math.Abs(hessians[row]));
                loss += ObjectiveFunctions.RowLoss(o.Objective, o.TweediePower, y[row], score[row]);
            }
            (losses[b], maxGradients[b], maxHessians[b]) = (loss, maxGradient, maxHessian);
        });
        double total = 0;
        foreach (var l in losses) total += l;
        return (total / train.Length, maxGradients.DefaultIfEmpty().Max(), maxHessians.DefaultIfEmpty().Max());
    }

    private static double[] Gather(double[] values, int[] rows)
    {
        var result = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++) result[i] = values[rows[i]];
        return result;
    }
}

/// <summary>Losses after one boosting round.</summary>
/// <param name="Trees">Trees so far.</param>
/// <param name="TrainLoss">Mean loss on the training rows.</param>
/// <param name="ValidationLoss">Mean loss on the held-out rows (NaN without early stopping).</param>
public readonly record struct BoostingRound(int Trees, double TrainLoss, double ValidationLoss);
