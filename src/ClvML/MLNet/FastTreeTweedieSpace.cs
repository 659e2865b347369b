using ClvML.Models;

namespace ClvML.MLNet;

/// <summary>FastTree with the Tweedie loss: ML.NET's AutoML sweeps it over FastTree's space (trainer-estimators.json gives FastTreeTweedie the fast_tree_option search space).</summary>
public sealed class FastTreeTweedieSpace : FastTreeSpace
{
    /// <inheritdoc />
    public override string Name => FastTreeTweedieRegressor.KindName;

    /// <inheritdoc />
    public override IRegressor Trainer(double[] point, int seed) => new FastTreeTweedieRegressor(Options(point, seed));
}
