using System.Globalization;

namespace ClvML.Evaluation.Charts;

/// <summary>
/// A matrix of values as coloured cells with row and column labels and a colour-scale legend
/// (P(alive) by frequency and recency). Colours come from <see cref="ViridisScale"/>; cells
/// without a finite value are drawn light grey and counted in a note.
/// </summary>
public sealed class HeatMap(string title) : Chart(title)
{
    private const string MissingCellColor = "#EFEFEF";
    private const double ScaleBarWidth = 16;
    private const int ScaleSteps = 64;

    /// <summary>Cell values, [row, column].</summary>
    public double[,] Values { get; init; } = new double[0, 0];

    /// <summary>One label per row.</summary>
    public IReadOnlyList<string> RowLabels { get; init; } = [];

    /// <summary>One label per column.</summary>
    public IReadOnlyList<string> ColumnLabels { get; init; } = [];

    /// <summary>Title of the row (vertical) axis.</summary>
    public string RowAxisTitle { get; init; } = "";

    /// <summary>Title of the column (horizontal) axis.</summary>
    public string ColumnAxisTitle { get; init; } = "";

    /// <summary>Title of the colour scale (what a cell's value is).</summary>
    public string ValueTitle { get; init; } = "Value";

    /// <summary>
    /// Draws row 0 at the bottom, so that a numeric row axis (frequency) grows upwards like a y
    /// axis; false draws row 0 at the top, like a table.
    /// </summary>
    public bool FirstRowAtBottom { get; init; } = true;

    /// <summary>Fixed lower end of the colour scale (0 for a probability), or null for the smallest value.</summary>
    public double? ValueMinimum { get; init; }

    /// <summary>Fixed upper end of the colour scale (1 for a probability), or null for the largest value.</summary>
    public double? ValueMaximum { get; init; }

    /// <summary>.NET format of the values written in cells large enough to hold them, and in tooltips.</summary>
    public string ValueFormat { get; init; } = "0.00";

    private protected override string Render(ChartCanvas canvas)
    {
        var rows = Values.GetLength(0);
        var columns = Values.GetLength(1);
        if (RowLabels.Count != rows || ColumnLabels.Count != columns)
            throw new ArgumentException($"Heat map '{Title}' is {rows} x {columns} but has {RowLabels.Count} row and {ColumnLabels.Count} column labels.");

        var finite = Values.Cast<double>().Where(double.IsFinite).ToList();
        var skipped = rows * columns - finite.Count;
        canvas.NoteSkipped(skipped, "cell without a finite value (grey)", "cells without a finite value (grey)");
        var low = ValueMinimum ?? (finite.Count > 0 ? finite.Min() : 0);
        var high = ValueMaximum ?? (finite.Count > 0 ? finite.Max() : 1);
        var scale = AxisScale.Create([low, high], new ChartAxis(ValueTitle) { Minimum = ValueMinimum, Maximum = ValueMaximum }, 5);

        var top = canvas.DrawTitle(Title);
        var rowLabelWidth = RowLabels.Select(l => ChartText.Width(ChartText.Truncate(l, 16), ChartCanvas.LabelFontSize)).DefaultIfEmpty(0).Max();
        var rowTitle = CartesianFrame.YTitleLines(RowAxisTitle, canvas.Height);
        var left = ChartCanvas.Margin + CartesianFrame.YTitleWidth(rowTitle.Count) + rowLabelWidth + 10;
        var scaleLabelWidth = scale.Labels.Select(l => ChartText.Width(l, ChartCanvas.LabelFontSize)).DefaultIfEmpty(0).Max();
        var right = canvas.Width - ChartCanvas.Margin - 22 - scaleLabelWidth - 8 - ScaleBarWidth - 24;
        var plotTop = top + 10;
        var cellWidth = (right - left) / Math.Max(1, columns);
        var (columnLabels, rotated, labelHeight, labelWidth) = ColumnLabelLayout(cellWidth);
        var bottom = 5 + labelHeight + 8 + ChartCanvas.AxisTitleFontSize + 8 + canvas.NotesHeight + ChartCanvas.Margin / 2;
        // Rows get at least 9 pixels each, so a 30-row matrix is not squashed into a strip.
        canvas.EnsureHeight(plotTop + Math.Max(180, 9 * rows) + bottom);
        var plot = new PlotArea(left, plotTop, right - left, canvas.Height - bottom - plotTop);
        var cellHeight = plot.Height / Math.Max(1, rows);

        DrawCells(canvas, plot, cellWidth, cellHeight, scale);
        DrawRowLabels(canvas, plot, cellHeight);
        CartesianFrame.DrawYTitle(canvas, plot, RowAxisTitle, rowTitle);
        CartesianFrame.DrawXAxisCategories(canvas, columnLabels, plot, ColumnAxisTitle, rotated, labelHeight, labelWidth);
        DrawScale(canvas, plot, scale);
        if (rows == 0 || columns == 0 || finite.Count == 0) canvas.DrawNoData(plot);
        canvas.DrawNotes();

        return $"Heat map of {ValueTitle} by {RowAxisTitle} (rows, {rows}) and {ColumnAxisTitle} (columns, {columns}); values from {Format(finite.Count > 0 ? finite.Min() : double.NaN)} to {Format(finite.Count > 0 ? finite.Max() : double.NaN)}.";
    }

    private string Format(double value) => double.IsFinite(value) ? value.ToString(ValueFormat, CultureInfo.InvariantCulture) : "none";

    /// <summary>
    /// How column labels fit: horizontal, keeping every n-th label when they are wider than a cell;
    /// past every third, rotated (which needs only a line height per label) and thinned to that.
    /// </summary>
    private (IReadOnlyList<string> Labels, bool Rotated, double Height, double LabelWidth) ColumnLabelLayout(double cellWidth)
    {
        var lineHeight = ChartCanvas.LabelFontSize + 4;
        // Wide cells keep every label, cut to the cell when needed (the tooltip has the full text).
        if (ChartText.FittingCharacters(cellWidth - 4, ChartCanvas.LabelFontSize) >= 6) return (ColumnLabels, false, lineHeight, cellWidth);
        var widest = ColumnLabels.Select(l => ChartText.Width(l, ChartCanvas.LabelFontSize)).DefaultIfEmpty(0).Max();
        var stride = Math.Max(1, (int)Math.Ceiling((widest + 6) / Math.Max(1e-9, cellWidth)));
        if (stride <= 3) return (Thinned(ColumnLabels, stride), false, lineHeight, stride * cellWidth);
        // Rotated: the frame thins them to what does not overlap.
        var (_, height) = CartesianFrame.CategoryLabelLayout(ColumnLabels, cellWidth);
        return (ColumnLabels, true, height, cellWidth);
    }

    /// <summary>Every how many rows a label fits: a line of text needs its font size plus a little.</summary>
    private static int LineStride(double size) => Math.Max(1, (int)Math.Ceiling((ChartCanvas.LabelFontSize + 3) / Math.Max(1e-9, size)));

    private static IReadOnlyList<string> Thinned(IReadOnlyList<string> labels, int stride) =>
        stride == 1 ? labels : [.. labels.Select((l, i) => i % stride == 0 ? l : "")];

    private double Position(double value, AxisScale scale) => scale.Max > scale.Min ? Math.Clamp(scale.Fraction(value), 0, 1) : 0.5;

    private void DrawCells(ChartCanvas canvas, PlotArea plot, double cellWidth, double cellHeight, AxisScale scale)
    {
        var rows = Values.GetLength(0);
        var columns = Values.GetLength(1);
        // Values in cells only where they fit; a dense matrix is read from its colours.
        var writeValues = cellWidth >= ChartText.Width(Format(scale.Max) + "0", ChartCanvas.LabelFontSize - 1) && cellHeight >= ChartCanvas.LabelFontSize + 4;
        // Hair-line gaps between cells separate them when cells are big enough to be read one by one.
        var stroke = cellWidth >= 10 && cellHeight >= 10 ? "#FFFFFF" : null;
        // Without the gaps, each cell overlaps the next by half a pixel: abutting rectangles at
        // fractional positions otherwise show anti-aliasing seams.
        var overlap = stroke is null ? 0.5 : 0;
        for (var r = 0; r < rows; r++)
        {
            var y = FirstRowAtBottom ? plot.Bottom - (r + 1) * cellHeight : plot.Top + r * cellHeight;
            for (var c = 0; c < columns; c++)
            {
                var value = Values[r, c];
                var x = plot.Left + c * cellWidth;
                var width = c < columns - 1 ? cellWidth + overlap : cellWidth;
                var height = (FirstRowAtBottom ? r > 0 : r < rows - 1) ? cellHeight + overlap : cellHeight;
                var tooltip = $"{RowAxisTitle} {RowLabels[r]}, {ColumnAxisTitle} {ColumnLabels[c]}: {Format(value)}";
                if (!double.IsFinite(value))
                {
                    canvas.Svg.Rect(x, y, width, height, MissingCellColor, tooltip, stroke, 0.75);
                    continue;
                }
                var t = Position(value, scale);
                canvas.Svg.Rect(x, y, width, height, ViridisScale.ColorAt(t), tooltip, stroke, 0.75);
                if (writeValues)
                    canvas.Svg.Text(x + cellWidth / 2, y + cellHeight / 2 + (ChartCanvas.LabelFontSize - 1) * 0.35, Format(value), ChartCanvas.LabelFontSize - 1,
                        TextAnchor.Middle, ViridisScale.NeedsDarkText(t) ? ChartPalette.Ink : "#FFFFFF");
            }
        }
    }

    private void DrawRowLabels(ChartCanvas canvas, PlotArea plot, double cellHeight)
    {
        var labels = Thinned(RowLabels, LineStride(cellHeight));
        for (var r = 0; r < labels.Count; r++)
        {
            if (labels[r].Length == 0) continue;
            var centre = FirstRowAtBottom ? plot.Bottom - (r + 0.5) * cellHeight : plot.Top + (r + 0.5) * cellHeight;
            canvas.Svg.Text(plot.Left - 6, centre + ChartCanvas.LabelFontSize * 0.35, ChartText.Truncate(labels[r], 16), ChartCanvas.LabelFontSize,
                TextAnchor.End, ChartPalette.MutedInk, fullText: labels[r]);
        }
    }

    /// <summary>The colour legend: a vertical bar of the scale with ticked values and its title.</summary>
    private void DrawScale(ChartCanvas canvas, PlotArea plot, AxisScale scale)
    {
        var x = plot.Right + 24;
        var height = Math.Min(plot.Height, 260);
        var top = plot.Top + (plot.Height - height) / 2;
        var step = height / ScaleSteps;
        for (var i = 0; i < ScaleSteps; i++)
        {
            // Each band slightly overlaps the next so that no hairline seams show between them.
            var t = (i + 0.5) / ScaleSteps;
            canvas.Svg.Rect(x, top + height - (i + 1) * step, ScaleBarWidth, step + 0.5, ViridisScale.ColorAt(scale.Max > scale.Min ? t : 0.5));
        }
        canvas.Svg.Rect(x, top, ScaleBarWidth, height, "none", null, ChartPalette.MutedInk, 0.75);
        if (scale.Max > scale.Min)
        {
            for (var i = 0; i < scale.Ticks.Count; i++)
            {
                var py = top + height - scale.Fraction(scale.Ticks[i]) * height;
                canvas.Svg.Line(x + ScaleBarWidth, py, x + ScaleBarWidth + 4, py, ChartPalette.MutedInk);
                canvas.Svg.Text(x + ScaleBarWidth + 7, py + ChartCanvas.LabelFontSize * 0.35, scale.Labels[i], ChartCanvas.LabelFontSize, fill: ChartPalette.MutedInk);
            }
        }
        var titleX = canvas.Width - ChartCanvas.Margin - 4;
        var fit = ChartText.FittingCharacters(height, ChartCanvas.AxisTitleFontSize);
        canvas.Svg.Text(titleX, top + height / 2, ChartText.Truncate(ValueTitle, fit), ChartCanvas.AxisTitleFontSize, TextAnchor.Middle, rotateDegrees: -90, fullText: ValueTitle);
    }
}
