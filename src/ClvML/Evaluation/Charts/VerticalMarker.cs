namespace ClvML.Evaluation.Charts;

/// <summary>A labelled vertical line across a line chart, such as the end of the calibration period.</summary>
/// <param name="X">Position on the x axis.</param>
/// <param name="Label">Text written beside the line at the top of the plot.</param>
public sealed record VerticalMarker(double X, string Label);
