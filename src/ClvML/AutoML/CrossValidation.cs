using ClvML.Features;
using ClvML.Models;

namespace ClvML.AutoML;

/// <summary>Seeded k-fold cross-validation: each row belongs to one fold; the metric is averaged over folds.</summary>
public static class CrossValidation
{
    /// <summary>Fold of every row: a seeded shuffle dealt round-robin, so fold sizes differ by at most one.</summary>
    public static int[] AssignFolds(int rows, int folds, int seed)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        new Random(seed).Shuffle(order);
        var fold = new int[rows];
        for (var i = 0; i < rows; i++) fold[order[i]] = i % folds;
        return fold;
    }

    /// <summary>
    /// Mean and standard deviation over folds of <paramref name="metric"/> for the trainer at
    /// <paramref name="point"/>, and the out-of-fold predictions (each row predicted by the model that did not see it).
    /// </summary>
    public static (double Mean, double Std, double[] OutOfFold) Score(TrainerSpace space, double[] point, FeatureMatrix features, double[] target, int[] foldOf,
        RegressionMetric metric, int seed, CancellationToken cancellation)
    {
        var k = foldOf.Max() + 1;
        var scores = new double[k];
        var outOfFold = new double[foldOf.Length];
        for (var fold = 0; fold < k; fold++)
        {
            cancellation.ThrowIfCancellationRequested();
            var train = Enumerable.Range(0, foldOf.Length).Where(i => foldOf[i] != fold).ToArray();
            var test = Enumerable.Range(0, foldOf.Length).Where(i => foldOf[i] == fold).ToArray();
            var model = space.Fit(features.Select(train), [.. train.Select(i => target[i])], point, seed, cancellation);
            var predicted = model.Predict(features.Select(test));
            scores[fold] = metric.Compute([.. test.Select(i => target[i])], predicted);
            for (var j = 0; j < test.Length; j++) outOfFold[test[j]] = predicted[j];
        }
        var mean = scores.Average();
        var std = Math.Sqrt(scores.Select(s => (s - mean) * (s - mean)).Sum() / Math.Max(1, k - 1));
        return (mean, std, outOfFold);
    }
}
