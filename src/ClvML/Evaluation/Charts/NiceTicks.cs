namespace ClvML.Evaluation.Charts;

/// <summary>
/// Axis ticks at "nice" values: steps of 1, 2 or 5 times a power of ten, with the axis widened to
/// whole steps so that it starts and ends on a labelled tick ("loose labelling"). Implements
/// P. S. Heckbert, "Nice numbers for graph labels", in A. Glassner (ed.), Graphics Gems,
/// Academic Press, 1990, pp. 61-63.
/// </summary>
internal static class NiceTicks
{
    /// <summary>
    /// Heckbert's nice number: a value of the form 1, 2, 5 or 10 times a power of ten near
    /// <paramref name="x"/>; rounded to the nearest when <paramref name="round"/>, else the smallest
    /// such value not below <paramref name="x"/>.
    /// </summary>
    public static double NiceNumber(double x, bool round)
    {
        if (!(x > 0) || !double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Must be positive and finite.");
        var exponent = Math.Floor(Math.Log10(x));
        var power = Math.Pow(10, exponent);
        var fraction = x / power;
        double nice;
        if (round)
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        else
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    /// <summary>
    /// Loose ticks covering [<paramref name="min"/>, <paramref name="max"/>] with about
    /// <paramref name="targetCount"/> ticks. Equal bounds are widened around the value so that a
    /// single point or a constant series still gets a readable axis.
    /// </summary>
    public static AxisTicks Compute(double min, double max, int targetCount = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) throw new ArgumentException($"Axis bounds must be finite, got {min} and {max}.");
        if (targetCount < 2) throw new ArgumentOutOfRangeException(nameof(targetCount), targetCount, "Must be at least 2.");
        if (min > max) (min, max) = (max, min);
        if (min == max)
        {
            // A tenth of the value either side keeps its order of magnitude on the labels.
            var half = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= half;
            max += half;
        }
        var range = NiceNumber(max - min, round: false);
        var step = NiceNumber(range / (targetCount - 1), round: true);
        var first = Math.Floor(min / step);
        var last = Math.Ceiling(max / step);
        // Decimals of the step: ticks are rounded to them so that 3 * 0.1 prints as 0.3.
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step)));
        var values = new double[(int)(last - first) + 1];
        for (var i = 0; i < values.Length; i++)
        {
            var value = (first + i) * step;
            values[i] = decimals <= 15 ? Math.Round(value, decimals) : value;
            if (values[i] == 0) values[i] = 0; // no "-0"
        }
        return new AxisTicks(values[0], values[^1], step, values);
    }
}

/// <summary>Ticks of one axis: the axis runs from <see cref="Min"/> to <see cref="Max"/>, both ticks.</summary>
/// <param name="Min">First tick and start of the axis.</param>
/// <param name="Max">Last tick and end of the axis.</param>
/// <param name="Step">Distance between ticks (for a log axis, the ratio between decades).</param>
/// <param name="Values">Tick positions in increasing order.</param>
internal sealed record AxisTicks(double Min, double Max, double Step, IReadOnlyList<double> Values);
