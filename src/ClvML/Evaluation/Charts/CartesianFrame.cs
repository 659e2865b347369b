namespace ClvML.Evaluation.Charts;

/// <summary>
/// Axes of the x/y charts: grid lines, ticks, tick labels and axis titles. Horizontal grid lines
/// only: they carry the value reading, vertical ones mostly add clutter (Tufte's data-ink).
/// </summary>
internal static class CartesianFrame
{
    private const double TickLength = 5;
    private const double YTitleWidth = 22;
    private const double CategoryLabelAngle = -35;
    private const int RotatedLabelMaxCharacters = 22;

    /// <summary>Space left of the plot for the y tick labels and the rotated y title.</summary>
    public static double LeftMargin(AxisScale y) =>
        ChartCanvas.Margin + YTitleWidth + y.Labels.Select(l => ChartText.Width(l, ChartCanvas.LabelFontSize)).DefaultIfEmpty(0).Max() + TickLength + 6;

    /// <summary>Space below the plot for numeric x tick labels and the x title.</summary>
    public static double BottomMarginNumeric() => TickLength + ChartCanvas.LabelFontSize + 10 + ChartCanvas.AxisTitleFontSize + 8;

    public static void DrawYAxis(ChartCanvas canvas, AxisScale y, PlotArea plot, string title)
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
        DrawYTitle(canvas, plot, title);
    }

    public static void DrawYTitle(ChartCanvas canvas, PlotArea plot, string title)
    {
        var fit = ChartText.FittingCharacters(plot.Height, ChartCanvas.AxisTitleFontSize);
        var x = ChartCanvas.Margin + ChartCanvas.AxisTitleFontSize;
        var y = plot.Top + plot.Height / 2;
        canvas.Svg.Text(x, y, ChartText.Truncate(title, fit), ChartCanvas.AxisTitleFontSize, TextAnchor.Middle, rotateDegrees: -90, fullText: title);
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

    public static void DrawXAxisCategories(ChartCanvas canvas, IReadOnlyList<string> labels, PlotArea plot, string title, bool rotated, double labelHeight)
    {
        var svg = canvas.Svg;
        var band = plot.Width / Math.Max(1, labels.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            var centre = plot.Left + (i + 0.5) * band;
            svg.Line(centre, plot.Bottom, centre, plot.Bottom + TickLength, ChartPalette.MutedInk);
            var labelY = plot.Bottom + TickLength + ChartCanvas.LabelFontSize + 2;
            if (rotated)
                svg.Text(centre + 4, labelY, ChartText.Truncate(labels[i], RotatedLabelMaxCharacters), ChartCanvas.LabelFontSize,
                    TextAnchor.End, ChartPalette.MutedInk, rotateDegrees: CategoryLabelAngle, fullText: labels[i]);
            else
                svg.Text(centre, labelY, labels[i], ChartCanvas.LabelFontSize, TextAnchor.Middle, ChartPalette.MutedInk);
        }
        DrawXTitle(canvas, plot, title, plot.Bottom + TickLength + labelHeight + 4);
    }
}
