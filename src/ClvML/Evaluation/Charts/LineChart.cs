namespace ClvML.Evaluation.Charts;

/// <summary>
/// Several named series of (x, y) points on one pair of axes: gain curves with the random
/// diagonal, weekly repeat-transaction tracking with the calibration end marked, k-selection
/// curves. Lines break at missing (non-finite) values rather than bridging them.
/// </summary>
public sealed class LineChart(string title) : Chart(title)
{
    private const int MarkerThreshold = 30;

    /// <summary>The x axis.</summary>
    public ChartAxis XAxis { get; init; } = new("x");

    /// <summary>The y axis (may be logarithmic).</summary>
    public ChartAxis YAxis { get; init; } = new("y");

    /// <summary>The series, drawn in order (later ones on top) and listed in the legend in that order.</summary>
    public IReadOnlyList<LineSeries> Series { get; init; } = [];

    /// <summary>Vertical marker lines.</summary>
    public IReadOnlyList<VerticalMarker> Markers { get; init; } = [];

    private protected override string Render(ChartCanvas canvas)
    {
        var (series, skipped) = DrawablePoints();
        var pointCount = series.Sum(s => s.Points.Count);
        var x = AxisScale.Create(series.SelectMany(s => s.Points.Select(p => p.X)).Concat(Markers.Select(m => m.X)), XAxis with { LogScale = false });
        var y = AxisScale.Create(series.SelectMany(s => s.Points.Select(p => p.Y)), YAxis);
        if (YAxis.LogScale) canvas.NoteSkipped(skipped, "point that is missing, infinite or not positive (log scale)", "points that are missing, infinite or not positive (log scale)");
        else canvas.NoteSkipped(skipped, "point with a missing or infinite value", "points with missing or infinite values");

        var entries = Series.Select((s, i) => LegendFor(s, ModelIndex(i))).ToList();
        var top = canvas.DrawTitle(Title);
        var yTitle = CartesianFrame.YTitleLines(YAxis.Title, canvas.Height);
        var left = CartesianFrame.LeftMargin(y, yTitle.Count);
        var right = canvas.Width - Math.Max(ChartCanvas.Margin + 6, ChartText.Width(x.Labels.LastOrDefault() ?? "", ChartCanvas.LabelFontSize) / 2 + 6);
        var legendHeight = ChartCanvas.LegendHeight(entries, left, right);
        var plotTop = top + legendHeight + 10;
        var bottom = CartesianFrame.BottomMarginNumeric() + canvas.NotesHeight + ChartCanvas.Margin / 2;
        canvas.EnsureHeight(plotTop + 180 + bottom);
        var plot = new PlotArea(left, plotTop, right - left, canvas.Height - bottom - plotTop);

        canvas.DrawLegend(entries, left, right, top);
        CartesianFrame.DrawYAxis(canvas, y, plot, YAxis.Title, yTitle);
        CartesianFrame.DrawXAxisNumeric(canvas, x, plot, XAxis.Title);
        DrawMarkers(canvas, x, plot);
        DrawSeries(canvas, series, x, y, plot);
        if (pointCount == 0) canvas.DrawNoData(plot);
        canvas.DrawNotes();

        return $"Line chart of {YAxis.Title} against {XAxis.Title} with {Series.Count} series: {string.Join(", ", Series.Select(s => s.Name))}{(pointCount == 0 ? " (no data)" : "")}.";
    }

    /// <summary>Index among the model series, so that "Actual" and reference lines do not use up palette colours.</summary>
    private int ModelIndex(int seriesIndex) => Series.Take(seriesIndex).Count(s => s.Role == SeriesRole.Model);

    private static LegendEntry LegendFor(LineSeries s, int modelIndex) => s.Role switch
    {
        SeriesRole.Actual => new LegendEntry(s.Name, ChartPalette.Black, false, null, 3),
        SeriesRole.Reference => new LegendEntry(s.Name, ChartPalette.Reference, false, "5 4", 1.5),
        _ => new LegendEntry(s.Name, ChartPalette.SeriesColor(modelIndex), false, ChartPalette.SeriesDash(modelIndex), 2.25),
    };

    /// <summary>Splits each series into runs of drawable points; a gap starts a new run.</summary>
    private (List<(LineSeries Series, List<(double X, double Y)> Points, List<List<(double X, double Y)>> Runs)>, int Skipped) DrawablePoints()
    {
        var skipped = 0;
        var result = new List<(LineSeries, List<(double, double)>, List<List<(double, double)>>)>();
        foreach (var s in Series)
        {
            var points = new List<(double, double)>();
            var runs = new List<List<(double, double)>>();
            List<(double, double)>? run = null;
            for (var i = 0; i < s.X.Count; i++)
            {
                var ok = double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]) && (!YAxis.LogScale || s.Y[i] > 0);
                if (!ok)
                {
                    skipped++;
                    run = null;
                    continue;
                }
                points.Add((s.X[i], s.Y[i]));
                if (run is null) runs.Add(run = []);
                run.Add((s.X[i], s.Y[i]));
            }
            result.Add((s, points, runs));
        }
        return (result, skipped);
    }

    private void DrawMarkers(ChartCanvas canvas, AxisScale x, PlotArea plot)
    {
        foreach (var m in Markers)
        {
            if (!double.IsFinite(m.X)) continue;
            var f = x.Fraction(m.X);
            if (f < 0 || f > 1) continue;
            var px = plot.X(f);
            canvas.Svg.Line(px, plot.Top, px, plot.Bottom, ChartPalette.MutedInk, 1.25, "6 4");
            // Label on the side with more room, so it stays inside the plot.
            var onLeft = f > 0.6;
            canvas.Svg.Text(onLeft ? px - 5 : px + 5, plot.Top + ChartCanvas.LabelFontSize + 2, m.Label, ChartCanvas.LabelFontSize,
                onLeft ? TextAnchor.End : TextAnchor.Start, ChartPalette.MutedInk);
        }
    }

    private void DrawSeries(ChartCanvas canvas, List<(LineSeries Series, List<(double X, double Y)> Points, List<List<(double X, double Y)>> Runs)> series,
        AxisScale x, AxisScale y, PlotArea plot)
    {
        // Drawn inside a nested viewport padded by a few pixels: lines beyond fixed axis bounds are
        // clipped, while dots on the axis edge stay whole.
        const double pad = 5;
        canvas.Svg.StartViewport(plot.Left - pad, plot.Top - pad, plot.Width + 2 * pad, plot.Height + 2 * pad);
        // References first, so models are drawn over them; then models; the actual series on top.
        var order = Enumerable.Range(0, series.Count).OrderBy(i => series[i].Series.Role switch { SeriesRole.Reference => 0, SeriesRole.Model => 1, _ => 2 }).ThenBy(i => i);
        foreach (var i in order)
        {
            var (s, points, runs) = series[i];
            var style = LegendFor(s, ModelIndex(i));
            canvas.Svg.StartGroup(s.Name);
            foreach (var run in runs)
            {
                var pixels = run.Select(p => (plot.X(x.Fraction(p.X)) - plot.Left + pad, plot.Y(y.Fraction(p.Y)) - plot.Top + pad)).ToList();
                if (pixels.Count > 1) canvas.Svg.Polyline(pixels, style.Color, style.StrokeWidth, style.Dash, null);
            }
            // Reference lines are drawn from their two ends; dots would suggest observations.
            var markers = s.ShowMarkers ?? (s.Role != SeriesRole.Reference && points.Count <= MarkerThreshold);
            // A lone point is invisible as a line, so it always gets a dot.
            foreach (var run in runs)
            {
                if (!markers && run.Count > 1) continue;
                foreach (var p in run)
                    canvas.Svg.Circle(plot.X(x.Fraction(p.X)) - plot.Left + pad, plot.Y(y.Fraction(p.Y)) - plot.Top + pad, 3.5, style.Color,
                        $"{s.Name}: ({ChartText.Value(p.X)}, {ChartText.Value(p.Y)})");
            }
            canvas.Svg.EndGroup();
        }
        canvas.Svg.EndViewport();
    }
}
