using ClvML.Models;

namespace ClvML.Linear;

/// <summary>Huber regression for the search: the tuning constant and the ridge penalty.</summary>
public sealed class HuberRegressionSpace : TrainerSpace
{
    /// <inheritdoc />
    public override string Name => HuberRegressionModel.KindName;

    /// <inheritdoc />
    public override IReadOnlyList<SearchDimension> Dimensions { get; } =
    [
        // From nearly L1 (1.1 robust standard deviations) to nearly least squares (4).
        new("epsilon", 1.1, 4.0, LogScale: true),
        new("alpha", 1e-4, 1e4, LogScale: true),
    ];

    /// <inheritdoc />
    public override double[] LowCostStart => DefaultPoint;

    // HuberRegressionOptions' defaults: epsilon 1.345, alpha 1.
    /// <inheritdoc />
    public override double[] DefaultPoint => [Dimensions[0].Encode(1.345), Dimensions[1].Encode(1)];

    /// <inheritdoc />
    public override IRegressor Trainer(double[] point, int seed) => new HuberRegression(new HuberRegressionOptions
    {
        Epsilon = Dimensions[0].Decode(point[0]),
        Alpha = Dimensions[1].Decode(point[1]),
        NonNegative = NonNegative,
    });
}
