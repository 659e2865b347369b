namespace ClvML;

/// <summary>
/// The interval a fitted regressor holds its predictions to: from the smallest to the largest
/// target it was trained on, and never below zero for a quantity that cannot be negative (spend,
/// purchases). A model knows nothing of targets beyond those it has seen; a tree model stays inside
/// them by construction, and holding a linear model there keeps an input outside the training data
/// (a customer lapsed longer than any in training) from turning into negative or runaway spend. The
/// range is part of the model, so cross-validation, the report and scoring see the same numbers.
/// </summary>
/// <param name="Minimum">The smallest prediction.</param>
/// <param name="Maximum">The largest prediction.</param>
public readonly record struct TargetRange(double Minimum, double Maximum)
{
    /// <summary>No bounds: what a model saved before ranges existed predicts.</summary>
    public static TargetRange Unbounded { get; } = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The range of <paramref name="target"/>; with <paramref name="nonNegative"/> its floor is at least 0.</summary>
    /// <param name="target">The training targets (finite; at least one).</param>
    /// <param name="nonNegative">The predicted quantity cannot be negative, even where some targets are (net returns).</param>
    public static TargetRange Of(ReadOnlySpan<double> target, bool nonNegative)
    {
        if (target.IsEmpty) throw new ArgumentException("A target range needs at least one target.", nameof(target));
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var y in target)
        {
            if (y < min) min = y;
            if (y > max) max = y;
        }
        return nonNegative ? new TargetRange(Math.Max(min, 0), Math.Max(max, 0)) : new TargetRange(min, max);
    }

    /// <summary><paramref name="prediction"/> held to the range (NaN stays NaN).</summary>
    public double Clamp(double prediction) => prediction < Minimum ? Minimum : prediction > Maximum ? Maximum : prediction;
}
