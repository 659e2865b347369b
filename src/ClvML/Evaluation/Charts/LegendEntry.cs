namespace ClvML.Evaluation.Charts;

/// <summary>One legend entry: a line sample (line charts) or a filled box (bars).</summary>
internal readonly record struct LegendEntry(string Name, string Color, bool IsBox, string? Dash = null, double StrokeWidth = 2.5);
