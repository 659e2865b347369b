namespace ClvML.Evaluation.Charts;

/// <summary>
/// Grouped bars: one group per category, one bar per series (decile table actual vs predicted,
/// repeat-purchase distribution, holdout purchases by calibration frequency, segment sizes).
/// The value axis always includes zero, since bar lengths are read as ratios; negative values
/// hang below the zero line.
/// </summary>
public sealed class BarChart(string title) : Chart(title)
{
    /// <summary>Category labels along the x axis; long ones are rotated and cut, with the full text in a tooltip.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The series; each has one value per category.</summary>
    public IReadOnlyList<BarSeries> Series { get; init; } = [];

    /// <summary>Title of the category axis.</summary>
    public string CategoryAxisTitle { get; init; } = "";

    /// <summary>The value axis (<see cref="ChartAxis.LogScale"/> is ignored: bars need a zero).</summary>
    public ChartAxis ValueAxis { get; init; } = new("Value");

    /// <summary>Writes each value above its bar when the bars are wide enough to hold it.</summary>
    public bool ShowValues { get; init; }

    private protected override string Render(ChartCanvas canvas)
    {
        foreach (var s in Series)
            if (s.Values.Count != Categories.Count)
                throw new ArgumentException($"Bar chart '{Title}': series '{s.Name}' has {s.Values.Count} values for {Categories.Count} categories.");
        var skipped = Series.Sum(s => s.Values.Count(v => !double.IsFinite(v)));
        var axis = ValueAxis with { LogScale = false, IncludeZero = true };
        var y = AxisScale.Create(Series.SelectMany(s => s.Values), axis);
        canvas.NoteSkipped(skipped, "bar with a missing or infinite value", "bars with missing or infinite values");

        var entries = Series.Select((s, i) => LegendFor(s, ModelIndex(i))).ToList();
        var top = canvas.DrawTitle(Title);
        var yTitle = CartesianFrame.YTitleLines(ValueAxis.Title, canvas.Height);
        var left = CartesianFrame.LeftMargin(y, yTitle.Count);
        var right = canvas.Width - ChartCanvas.Margin - 6;
        var legendHeight = Series.Count > 1 ? ChartCanvas.LegendHeight(entries, left, right) : 0;
        var plotTop = top + legendHeight + 10;
        var band = (right - left) / Math.Max(1, Categories.Count);
        var (rotated, labelHeight) = CartesianFrame.CategoryLabelLayout(Categories, band);
        var bottom = 5 + labelHeight + 8 + ChartCanvas.AxisTitleFontSize + 8 + canvas.NotesHeight + ChartCanvas.Margin / 2;
        canvas.EnsureHeight(plotTop + 180 + bottom);
        var plot = new PlotArea(left, plotTop, right - left, canvas.Height - bottom - plotTop);

        if (Series.Count > 1) canvas.DrawLegend(entries, left, right, top);
        CartesianFrame.DrawYAxis(canvas, y, plot, ValueAxis.Title, yTitle);
        DrawBars(canvas, y, plot, band, entries);
        // The zero line is drawn over the bars: it is the baseline both signs grow from.
        var zero = plot.Y(y.Fraction(0));
        canvas.Svg.Line(plot.Left, zero, plot.Right, zero, ChartPalette.Ink);
        CartesianFrame.DrawXAxisCategories(canvas, Categories, plot, CategoryAxisTitle, rotated, labelHeight);
        if (Categories.Count == 0 || Series.Count == 0 || skipped == Series.Count * Categories.Count) canvas.DrawNoData(plot);
        canvas.DrawNotes();

        return $"Bar chart of {ValueAxis.Title} by {(CategoryAxisTitle.Length > 0 ? CategoryAxisTitle : "category")} for {Categories.Count} categories and {Series.Count} series: {string.Join(", ", Series.Select(s => s.Name))}.";
    }

    private int ModelIndex(int seriesIndex) => Series.Take(seriesIndex).Count(s => s.Role == SeriesRole.Model);

    private static LegendEntry LegendFor(BarSeries s, int modelIndex) => s.Role switch
    {
        // Dark grey, not black: large black areas dominate the page; still clearly "the observed one".
        SeriesRole.Actual => new LegendEntry(s.Name, "#3A3A3A", true),
        SeriesRole.Reference => new LegendEntry(s.Name, ChartPalette.Reference, true),
        _ => new LegendEntry(s.Name, ChartPalette.SeriesColor(modelIndex), true),
    };

    private void DrawBars(ChartCanvas canvas, AxisScale y, PlotArea plot, double band, List<LegendEntry> entries)
    {
        if (Series.Count == 0) return;
        // A fifth of each band is left empty so that groups read as groups.
        var groupWidth = band * 0.8;
        var gap = Series.Count > 1 ? Math.Min(2, groupWidth / Series.Count * 0.1) : 0;
        var barWidth = groupWidth / Series.Count;
        var zero = plot.Y(y.Fraction(0));
        var valueFits = ShowValues && barWidth >= 30;
        for (var c = 0; c < Categories.Count; c++)
        {
            var groupLeft = plot.Left + c * band + (band - groupWidth) / 2;
            for (var s = 0; s < Series.Count; s++)
            {
                var value = Series[s].Values[c];
                if (!double.IsFinite(value)) continue;
                var f = Math.Clamp(y.Fraction(value), 0, 1);
                var py = plot.Y(f);
                var x = groupLeft + s * barWidth + gap / 2;
                var tooltip = $"{Series[s].Name}, {Categories[c]}: {ChartText.Value(value)}";
                canvas.Svg.Rect(x, Math.Min(py, zero), barWidth - gap, Math.Abs(zero - py), entries[s].Color, tooltip);
                if (valueFits)
                {
                    var labelY = value >= 0 ? py - 4 : py + ChartCanvas.LabelFontSize;
                    canvas.Svg.Text(x + (barWidth - gap) / 2, labelY, ChartText.Value(value), ChartCanvas.LabelFontSize - 1, TextAnchor.Middle, ChartPalette.MutedInk);
                }
            }
        }
    }
}
