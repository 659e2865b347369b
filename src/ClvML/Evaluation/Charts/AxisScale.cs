using System.Globalization;

namespace ClvML.Evaluation.Charts;

/// <summary>
/// A numeric axis resolved against the data: its bounds, ticks and tick labels, and the mapping
/// of a value to a fraction of the axis length.
/// </summary>
internal sealed class AxisScale
{
    private AxisScale(double min, double max, bool log, IReadOnlyList<double> ticks, IReadOnlyList<string> labels)
    {
        Min = min;
        Max = max;
        IsLog = log;
        Ticks = ticks;
        Labels = labels;
    }

    public double Min { get; }

    public double Max { get; }

    public bool IsLog { get; }

    public IReadOnlyList<double> Ticks { get; }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>
    /// Resolves the axis over the finite <paramref name="values"/> (for a log axis, the positive ones;
    /// the caller has already skipped and counted the others).
    /// </summary>
    public static AxisScale Create(IEnumerable<double> values, ChartAxis axis, int targetTicks = 6)
    {
        var any = false;
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v) || (axis.LogScale && v <= 0)) continue;
            any = true;
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }
        if (axis.LogScale) return CreateLog(any ? low : 1, any ? high : 10, axis);

        if (!any) (low, high) = (0, 1);
        if (axis.IncludeZero)
        {
            low = Math.Min(low, 0);
            high = Math.Max(high, 0);
        }
        if (axis.Minimum is { } fixedMin && double.IsFinite(fixedMin)) low = fixedMin;
        if (axis.Maximum is { } fixedMax && double.IsFinite(fixedMax)) high = fixedMax;
        if (low > high) (low, high) = (high, low);

        var ticks = NiceTicks.Compute(low, high, targetTicks);
        // Fixed bounds are kept exactly (a share axis ends at 100%, not at a tick beyond it).
        var min = axis.Minimum is { } a && double.IsFinite(a) ? Math.Min(a, high) : ticks.Min;
        var max = axis.Maximum is { } b && double.IsFinite(b) ? Math.Max(b, low) : ticks.Max;
        if (min == max) (min, max) = (ticks.Min, ticks.Max);
        var inside = ticks.Values.Where(t => t >= min - 1e-9 * (max - min) && t <= max + 1e-9 * (max - min)).ToArray();
        // One unit for the whole axis: "0, 5k, 10k, 15k", never "5000" beside "10k".
        var unit = inside.Select(Math.Abs).DefaultIfEmpty(0).Max();
        return new AxisScale(min, max, false, inside, [.. inside.Select(t => FormatTick(t, ticks.Step, axis.Format, unit))]);
    }

    /// <summary>Position of <paramref name="value"/> along the axis: 0 at <see cref="Min"/>, 1 at <see cref="Max"/>.</summary>
    public double Fraction(double value) => IsLog
        ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);

    /// <summary>Whether <paramref name="value"/> can be placed on this axis at all.</summary>
    public bool CanShow(double value) => double.IsFinite(value) && (!IsLog || value > 0);

    /// <summary>
    /// Log axis over whole decades; with at most two decades the 2 and 5 multiples are ticked as
    /// well, so that a short axis still has several labels.
    /// </summary>
    private static AxisScale CreateLog(double low, double high, ChartAxis axis)
    {
        if (axis.Minimum is { } a && a > 0) low = a;
        if (axis.Maximum is { } b && b > 0 && b > low) high = b;
        var first = (int)Math.Floor(Math.Log10(low));
        var last = (int)Math.Ceiling(Math.Log10(high));
        if (last == first) last++;
        var ticks = new List<double>();
        var multiples = last - first <= 2 ? new[] { 1.0, 2, 5 } : [1.0];
        for (var e = first; e <= last; e++)
        {
            foreach (var m in multiples)
            {
                var v = m * Math.Pow(10, e);
                if (v <= Math.Pow(10, last) * 1.000001) ticks.Add(RoundToSignificant(v));
            }
        }
        var min = Math.Pow(10, first);
        var max = Math.Pow(10, last);
        return new AxisScale(min, max, true, ticks, [.. ticks.Select(t => FormatTick(t, t, axis.Format))]);
    }

    private static double RoundToSignificant(double v) => double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes a tick with the decimals its step needs (steps are 1, 2 or 5 times a power of ten, so
    /// that many decimals are exact); large values in thousands or millions to keep labels short.
    /// </summary>
    /// <param name="value">The tick.</param>
    /// <param name="step">Distance to the next tick.</param>
    /// <param name="format">Number or percent.</param>
    /// <param name="axisMagnitude">Largest absolute tick of the axis, which picks the unit (k, M) for all its labels; NaN to pick per tick.</param>
    internal static string FormatTick(double value, double step, AxisLabelFormat format, double axisMagnitude = double.NaN)
    {
        step = Math.Abs(step);
        if (format == AxisLabelFormat.Percent)
            return Fixed(value * 100, step * 100) + "%";
        // Zero needs no unit ("0", not "0k").
        if (value == 0) return "0";
        var magnitude = double.IsNaN(axisMagnitude) ? Math.Max(Math.Abs(value), step) : Math.Max(axisMagnitude, step);
        if (magnitude >= 1e6 && step >= 1e5) return Fixed(value / 1e6, step / 1e6) + "M";
        if (magnitude >= 1e4 && step >= 1e3) return Fixed(value / 1e3, step / 1e3) + "k";
        return Fixed(value, step);
    }

    private static string Fixed(double value, double step)
    {
        var decimals = step > 0 ? Math.Clamp(-(int)Math.Floor(Math.Log10(step) + 1e-9), 0, 10) : 0;
        var text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0 ? text[1..] : text;
    }
}
