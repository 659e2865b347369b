namespace ClvML.Evaluation.Charts;

/// <summary>
/// Axes of the x/y charts: grid lines, ticks, tick labels and axis titles. Horizontal grid lines
/// only: they carry the value reading, vertical ones mostly add clutter (Tufte's data-ink).
/// </summary>
internal static class CartesianFrame
{
    private const double TickLength = 5;
    private const double YTitleLineHeight = ChartCanvas.AxisTitleFontSize + 4;
    private const double CategoryLabelAngle = -35;
    private const int RotatedLabelMaxCharacters = 22;

    /// <summary>Space left of the plot for the y tick labels and the rotated y title.</summary>
    public static double LeftMargin(AxisScale y, int titleLines) =>
        ChartCanvas.Margin + YTitleWidth(titleLines) + y.Labels.Select(l => ChartText.Width(l, ChartCanvas.LabelFontSize)).DefaultIfEmpty(0).Max() + TickLength + 6;

    /// <summary>Width the rotated y title takes.</summary>
    public static double YTitleWidth(int lines) => lines * YTitleLineHeight + 4;

    /// <summary>
    /// The y title broken into at most two lines to fit the plot height. The height is not known yet
    /// when the left margin is laid out, so a conservative estimate is used (plots only grow).
    /// </summary>
    public static List<string> YTitleLines(string title, double canvasHeight)
    {
        // Title, one legend row, x labels and x title take about 130 pixels together.
        var estimatedPlotHeight = Math.Max(120, canvasHeight - 130);
        return ChartText.Wrap(title, ChartText.FittingCharacters(estimatedPlotHeight, ChartCanvas.AxisTitleFontSize), 2);
    }

    /// <summary>Space below the plot for numeric x tick labels and the x title.</summary>
    public static double BottomMarginNumeric() => TickLength + ChartCanvas.LabelFontSize + 10 + ChartCanvas.AxisTitleFontSize + 8;

    public static void DrawYAxis(ChartCanvas canvas, AxisScale y, PlotArea plot, string title, IReadOnlyList<string> titleLines)
    {
        var svg = canvas.Svg;
        for (var i = 0; i < y.Ticks.Count; i++)
        {
            var py = plot.Y(y.Fraction(y.Ticks[i]));
            svg.Line(plot.Left, py, plot.Right, py, ChartPalette.Grid);
            svg.Line(plot.Left - TickLength, py, plot.Left, py, ChartPalette.MutedInk);
            svg.Text(plot.Left - TickLength - 4, py + ChartCanvas.LabelFontSize * 0.35, y.Labels[i], ChartCanvas.LabelFontSize, TextAnchor.End, ChartPalette.MutedInk);
        }
        svg.Line(plot.Left, plot.Top, plot.Left, plot.Bottom, ChartPalette.Ink);
        DrawYTitle(canvas, plot, title, titleLines);
    }

    public static void DrawYTitle(ChartCanvas canvas, PlotArea plot, string title, IReadOnlyList<string> lines)
    {
        var y = plot.Top + plot.Height / 2;
        for (var i = 0; i < lines.Count; i++)
        {
            var x = ChartCanvas.Margin + ChartCanvas.AxisTitleFontSize + i * YTitleLineHeight;
            canvas.Svg.Text(x, y, lines[i], ChartCanvas.AxisTitleFontSize, TextAnchor.Middle, rotateDegrees: -90, fullText: lines.Count == 1 ? title : null);
        }
    }

    public static void DrawXAxisNumeric(ChartCanvas canvas, AxisScale x, PlotArea plot, string title)
    {
        var svg = canvas.Svg;
        svg.Line(plot.Left, plot.Bottom, plot.Right, plot.Bottom, ChartPalette.Ink);
        for (var i = 0; i < x.Ticks.Count; i++)
        {
            var px = plot.X(x.Fraction(x.Ticks[i]));
            svg.Line(px, plot.Bottom, px, plot.Bottom + TickLength, ChartPalette.MutedInk);
            svg.Text(px, plot.Bottom + TickLength + ChartCanvas.LabelFontSize + 2, x.Labels[i], ChartCanvas.LabelFontSize, TextAnchor.Middle, ChartPalette.MutedInk);
        }
        DrawXTitle(canvas, plot, title, plot.Bottom + TickLength + ChartCanvas.LabelFontSize + 8);
    }

    public static void DrawXTitle(ChartCanvas canvas, PlotArea plot, string title, double below)
    {
        var fit = ChartText.FittingCharacters(plot.Width, ChartCanvas.AxisTitleFontSize);
        canvas.Svg.Text(plot.Left + plot.Width / 2, below + ChartCanvas.AxisTitleFontSize + 2, ChartText.Truncate(title, fit),
            ChartCanvas.AxisTitleFontSize, TextAnchor.Middle, fullText: title);
    }

    /// <summary>
    /// How category labels fit under bands of <paramref name="bandWidth"/> pixels: horizontal when
    /// every label fits its band, else rotated and cut to a fixed length (the full text stays in a
    /// tooltip). Returns whether labels are rotated and the height they need.
    /// </summary>
    public static (bool Rotated, double Height) CategoryLabelLayout(IReadOnlyList<string> labels, double bandWidth)
    {
        var fit = ChartText.FittingCharacters(bandWidth - 4, ChartCanvas.LabelFontSize);
        if (labels.All(l => l.Length <= fit)) return (false, ChartCanvas.LabelFontSize + 4);
        var longest = labels.Select(l => Math.Min(l.Length, RotatedLabelMaxCharacters)).DefaultIfEmpty(1).Max();
        var radians = -CategoryLabelAngle * Math.PI / 180;
        return (true, ChartText.Width(new string('x', longest), ChartCanvas.LabelFontSize) * Math.Sin(radians) + ChartCanvas.LabelFontSize + 4);
    }

    /// <param name="canvas">Where to draw.</param>
    /// <param name="labels">One label per band; empty ones are skipped (thinned axes).</param>
    /// <param name="plot">The plot area.</param>
    /// <param name="title">Axis title.</param>
    /// <param name="rotated">Whether labels are rotated (from <see cref="CategoryLabelLayout"/>).</param>
    /// <param name="labelHeight">Height the labels take.</param>
    /// <param name="labelWidth">Width a horizontal label may take; null for one band.</param>
    public static void DrawXAxisCategories(ChartCanvas canvas, IReadOnlyList<string> labels, PlotArea plot, string title, bool rotated, double labelHeight,
        double? labelWidth = null)
    {
        var svg = canvas.Svg;
        var band = plot.Width / Math.Max(1, labels.Count);
        var horizontalFit = ChartText.FittingCharacters((labelWidth ?? band) - 4, ChartCanvas.LabelFontSize);
        // Rotated labels are parallel lines band * sin(angle) apart; closer than a line of text they
        // overlap, so then only every stride-th is written (the tick marks still show every band).
        var stride = rotated
            ? Math.Max(1, (int)Math.Ceiling((ChartCanvas.LabelFontSize + 2) / Math.Max(1e-9, band * Math.Sin(-CategoryLabelAngle * Math.PI / 180))))
            : 1;
        for (var i = 0; i < labels.Count; i++)
        {
            var centre = plot.Left + (i + 0.5) * band;
            svg.Line(centre, plot.Bottom, centre, plot.Bottom + TickLength, ChartPalette.MutedInk);
            if (labels[i].Length == 0 || i % stride != 0) continue;
            var labelY = plot.Bottom + TickLength + ChartCanvas.LabelFontSize + 2;
            if (rotated)
                svg.Text(centre + 4, labelY, ChartText.Truncate(labels[i], RotatedLabelMaxCharacters), ChartCanvas.LabelFontSize,
                    TextAnchor.End, ChartPalette.MutedInk, rotateDegrees: CategoryLabelAngle, fullText: labels[i]);
            else
                svg.Text(centre, labelY, ChartText.Truncate(labels[i], horizontalFit), ChartCanvas.LabelFontSize, TextAnchor.Middle, ChartPalette.MutedInk, fullText: labels[i]);
        }
        DrawXTitle(canvas, plot, title, plot.Bottom + TickLength + labelHeight + 4);
    }
}
