namespace ClvML.Evaluation.Charts;

/// <summary>One named line of a <see cref="LineChart"/>: points in x order as given (not sorted).</summary>
public sealed record LineSeries
{
    /// <summary>Creates a series from parallel x and y values.</summary>
    public LineSeries(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, SeriesRole role = SeriesRole.Model)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"Series '{name}' has {x.Count} x values but {y.Count} y values.", nameof(y));
        Name = name;
        X = x;
        Y = y;
        Role = role;
    }

    /// <summary>Name shown in the legend (a model name, "Actual", "Random").</summary>
    public string Name { get; }

    /// <summary>X values.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Y values; a non-finite value breaks the line there and is counted in a note.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>How the series is drawn.</summary>
    public SeriesRole Role { get; }

    /// <summary>Draws a dot at every point; null draws them only on short series (up to 30 points), where they help reading values.</summary>
    public bool? ShowMarkers { get; init; }
}
