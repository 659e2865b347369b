namespace ClvML.Probabilistic;

/// <summary>Starting points of the likelihood fits, scaled to the data's time unit.</summary>
internal static class Starts
{
    /// <summary>
    /// A time-scale start for alpha and beta: lifetimes rescales T to a maximum of 10 and starts every
    /// parameter at 1, which is alpha = max T / 10 in the data's unit. Later starts vary shapes and scale.
    /// </summary>
    public static double TimeScale(PurchaseSummary data) => Math.Max(data.MaximumT / 10, 1e-3);

    /// <summary>Pareto/NBD: shapes and scales of the purchase and dropout rates.</summary>
    public static IReadOnlyList<double[]> ScaleScale(PurchaseSummary data)
    {
        var s = TimeScale(data);
        return [[1, s, 1, s], [0.5, 2 * s, 0.5, 2 * s], [2, 0.5 * s, 2, 0.5 * s], [0.3, s, 3, 10 * s]];
    }

    /// <summary>BG/NBD and MBG/NBD: r, alpha, a, b.</summary>
    public static IReadOnlyList<double[]> ShapeScaleShapeShape(PurchaseSummary data)
    {
        var s = TimeScale(data);
        return [[1, s, 1, 1], [0.5, 4 * s, 0.5, 2], [2, 0.25 * s, 2, 0.5], [0.2, s, 3, 10]];
    }
}
