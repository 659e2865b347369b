using ClvML.Models;

namespace ClvML.MLNet;

/// <summary>
/// SDCA's option space, as ML.NET's AutoML sweeps it (dotnet/machinelearning,
/// src/Microsoft.ML.AutoML/CodeGen/sdca_search_space.json): L1 and L2 penalties 0.03125-32768 (log), starting at
/// AutoML's defaults (L1 1, L2 0.1), which are also the trainer's defaults here.
/// </summary>
public sealed class SdcaSpace : TrainerSpace
{
    /// <inheritdoc />
    public override string Name => SdcaRegressor.KindName;

    /// <inheritdoc />
    public override IReadOnlyList<SearchDimension> Dimensions { get; } =
    [
        new("l1_regularization", 0.03125, 32768, LogScale: true),
        new("l2_regularization", 0.03125, 32768, LogScale: true),
    ];

    /// <inheritdoc />
    public override double[] LowCostStart => DefaultPoint;

    /// <inheritdoc />
    public override double[] DefaultPoint
    {
        get
        {
            var o = new SdcaRegressorOptions();
            return [Dimensions[0].Encode(o.L1Regularization), Dimensions[1].Encode(o.L2Regularization)];
        }
    }

    /// <inheritdoc />
    public override IRegressor Trainer(double[] point, int seed) => new SdcaRegressor(new SdcaRegressorOptions
    {
        L1Regularization = Dimensions[0].Decode(point[0]),
        L2Regularization = Dimensions[1].Decode(point[1]),
        Seed = seed,
        NonNegative = NonNegative,
    });
}
