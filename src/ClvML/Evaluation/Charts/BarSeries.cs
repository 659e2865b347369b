namespace ClvML.Evaluation.Charts;

/// <summary>One named group member of a <see cref="BarChart"/>: one value per category.</summary>
/// <param name="Name">Name shown in the legend.</param>
/// <param name="Values">One value per category, in category order; non-finite values draw no bar and are counted in a note.</param>
/// <param name="Role">How the series is coloured (the actual values in black).</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, SeriesRole Role = SeriesRole.Model);
