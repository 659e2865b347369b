using ClvML.Features;

namespace ClvML.Models;

/// <summary>A trainer the search can tune: its dimensions, a cheap starting point, and how a point becomes a fitted model.</summary>
public abstract class TrainerSpace
{
    /// <summary>Trainer name as in <c>regression.trainers</c>.</summary>
    public abstract string Name { get; }
    /// <summary>The tuned hyper-parameters.</summary>
    public abstract IReadOnlyList<SearchDimension> Dimensions { get; }
    /// <summary>
    /// Where the search starts: a point that is cheap to evaluate (few, small trees), as FLAML's CFO
    /// does, so that cost grows only where quality pays for it.
    /// </summary>
    public abstract double[] LowCostStart { get; }

    /// <summary>The trainer's default options as a point (used when the search is off).</summary>
    public abstract double[] DefaultPoint { get; }

    /// <summary>Whether the target cannot be negative (spend, purchases): the fitted models floor their predictions at 0.</summary>
    public bool NonNegative { get; init; }

    /// <summary>The trainer with the options at unit point <paramref name="point"/> and seed <paramref name="seed"/>.</summary>
    public abstract IRegressor Trainer(double[] point, int seed);

    /// <summary>Fits the model at unit point <paramref name="point"/> (the trainer there, fitted with unit weights).</summary>
    public IRegressionModel Fit(FeatureMatrix features, double[] target, double[] point, int seed, CancellationToken cancellation) =>
        Trainer(point, seed).Fit(features, target, default, cancellation);

    /// <summary>The hyper-parameters at <paramref name="point"/>, by name, as text.</summary>
    public IReadOnlyDictionary<string, string> Describe(double[] point) =>
        Dimensions.Select((d, i) => (d.Name, Value: d.Describe(point[i]))).ToDictionary(p => p.Name, p => p.Value);
}

