using ClvML.Models;

namespace ClvML.Linear;

/// <summary>ZILN regression for the search: the L2 penalty.</summary>
public sealed class ZilnRegressionSpace : TrainerSpace
{
    /// <inheritdoc />
    public override string Name => ZilnRegressionModel.KindName;

    /// <inheritdoc />
    public override IReadOnlyList<SearchDimension> Dimensions { get; } = [new("penalty", 1e-6, 1, LogScale: true)];

    /// <inheritdoc />
    public override double[] LowCostStart => DefaultPoint;

    // ZilnRegressionOptions' default: penalty 1e-3.
    /// <inheritdoc />
    public override double[] DefaultPoint => [Dimensions[0].Encode(1e-3)];

    /// <inheritdoc />
    public override IRegressor Trainer(double[] point, int seed) =>
        new ZilnRegression(new ZilnRegressionOptions { Penalty = Dimensions[0].Decode(point[0]), NonNegative = NonNegative });
}
