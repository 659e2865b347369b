namespace ClvML.Evaluation.Charts;

/// <summary>
/// Options of one chart axis. Bounds not given are taken from the data and widened to nice ticks
/// (<see cref="NiceTicks"/>).
/// </summary>
/// <param name="Title">Axis title, with its unit (for example "Holdout spend (USD)").</param>
public sealed record ChartAxis(string Title)
{
    /// <summary>Fixed lower bound, or null to take it from the data.</summary>
    public double? Minimum { get; init; }

    /// <summary>Fixed upper bound, or null to take it from the data.</summary>
    public double? Maximum { get; init; }

    /// <summary>Widens the data range to include zero, so that heights compare as ratios.</summary>
    public bool IncludeZero { get; init; }

    /// <summary>
    /// Base-10 logarithmic scale (y axis of line charts only); values that are not positive cannot be
    /// drawn on it and are skipped with a note on the chart.
    /// </summary>
    public bool LogScale { get; init; }

    /// <summary>How tick labels are written.</summary>
    public AxisLabelFormat Format { get; init; } = AxisLabelFormat.Number;
}

/// <summary>How the tick labels of an axis are written.</summary>
public enum AxisLabelFormat
{
    /// <summary>Plain numbers with as many decimals as the tick step needs; thousands as "k", millions as "M".</summary>
    Number,

    /// <summary>Shares written as percentages (0.25 is "25%").</summary>
    Percent,
}
