using ClvML.Models;

namespace ClvML.Linear;

/// <summary>Ridge: the penalty and whether to fit the log of the target.</summary>
public sealed class RidgeSpace : TrainerSpace
{
    /// <inheritdoc />
    public override string Name => "ridge";

    /// <inheritdoc />
    public override IReadOnlyList<SearchDimension> Dimensions { get; } =
    [
        new("alpha", 1e-4, 1e4, LogScale: true),
        SearchDimension.Choice("log_target", "false", "true"),
    ];

    /// <inheritdoc />
    public override double[] LowCostStart => [0.5, 0.25];

    // RidgeOptions' defaults: alpha 1, plain target.
    /// <inheritdoc />
    public override double[] DefaultPoint => [Dimensions[0].Encode(1), 0.25];

    /// <inheritdoc />
    public override IRegressor Trainer(double[] point, int seed)
    {
        var options = new RidgeOptions { Alpha = Dimensions[0].Decode(point[0]), LogTarget = Dimensions[1].Decode(point[1]) == 1, NonNegative = NonNegative };
        return new Ridge(options);
    }
}
