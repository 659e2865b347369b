namespace ClvML.Evaluation.Charts;

/// <summary>
/// The drawing surface shared by all chart types: the SVG body, the size (which may grow when a
/// chart needs more height), and the layout pieces every chart has (title, legend, notes).
/// </summary>
internal sealed class ChartCanvas(double width, double height)
{
    public const double TitleFontSize = 17;
    public const double LabelFontSize = 12.5;
    public const double AxisTitleFontSize = 13.5;
    public const double LegendFontSize = 13;
    public const double NoteFontSize = 11.5;
    public const double Margin = 14;

    private const double LegendRowHeight = 21;
    private const double NoteLineHeight = 15;
    private const int LegendMaxCharacters = 34;

    public SvgWriter Svg { get; } = new();

    public double Width { get; } = width;

    public double Height { get; private set; } = height;

    /// <summary>Things the reader must know about what is not drawn (skipped values and why).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Height taken at the bottom by the notes, known once the chart has collected them.</summary>
    public double NotesHeight => Notes.Count == 0 ? 0 : Notes.Count * NoteLineHeight + 4;

    /// <summary>Grows the canvas so that <paramref name="needed"/> pixels fit; plots never get squashed below legibility.</summary>
    public void EnsureHeight(double needed)
    {
        if (needed > Height) Height = Math.Ceiling(needed);
    }

    /// <summary>Draws the title (wrapped onto at most two lines, then cut) and returns the y below it.</summary>
    public double DrawTitle(string title)
    {
        // Bold glyphs are about a tenth wider than regular ones.
        var fit = ChartText.FittingCharacters((Width - 2 * Margin) / 1.1, TitleFontSize);
        var lines = ChartText.Wrap(title, fit, 2);
        for (var i = 0; i < lines.Count; i++)
            Svg.Text(Margin, Margin + TitleFontSize + i * (TitleFontSize + 5), lines[i], TitleFontSize, bold: true, fullText: lines.Count == 1 ? title : null);
        return Margin + TitleFontSize + (lines.Count - 1) * (TitleFontSize + 5) + 8;
    }

    /// <summary>Height a legend of <paramref name="entries"/> takes between <paramref name="left"/> and <paramref name="right"/>.</summary>
    public static double LegendHeight(IReadOnlyList<LegendEntry> entries, double left, double right) =>
        entries.Count == 0 ? 0 : LayoutLegend(entries, left, right).Rows * LegendRowHeight + 4;

    /// <summary>Draws the legend in rows that wrap at <paramref name="right"/>, starting at <paramref name="top"/>.</summary>
    public void DrawLegend(IReadOnlyList<LegendEntry> entries, double left, double right, double top)
    {
        var (positions, _) = LayoutLegend(entries, left, right);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var (x, row) = positions[i];
            var middle = top + row * LegendRowHeight + LegendRowHeight / 2;
            if (e.IsBox) Svg.Rect(x, middle - 6, 13, 13, e.Color);
            else Svg.Line(x, middle, x + 24, middle, e.Color, e.StrokeWidth, e.Dash);
            var shown = ChartText.Truncate(e.Name, LegendMaxCharacters);
            Svg.Text(x + (e.IsBox ? 19 : 30), middle + LegendFontSize * 0.35, shown, LegendFontSize, fullText: e.Name);
        }
    }

    /// <summary>Says so in the middle of an empty plot, so that an empty chart is not mistaken for a rendering fault.</summary>
    public void DrawNoData(PlotArea plot) =>
        Svg.Text(plot.Left + plot.Width / 2, plot.Top + plot.Height / 2, "No data", 15, TextAnchor.Middle, ChartPalette.MutedInk);

    /// <summary>Draws the notes at the bottom left, one per line.</summary>
    public void DrawNotes()
    {
        for (var i = 0; i < Notes.Count; i++)
            Svg.Text(Margin, Height - Margin / 2 - (Notes.Count - 1 - i) * NoteLineHeight, Notes[i], NoteFontSize, fill: ChartPalette.MutedInk);
    }

    public string Finish(string title, string description) => Svg.Finish(Width, Height, title, description);

    /// <summary>Adds a note counting values that could not be drawn, if there were any.</summary>
    /// <param name="count">How many were skipped.</param>
    /// <param name="one">What one of them is, e.g. "point with a missing or infinite value".</param>
    /// <param name="many">What several are, e.g. "points with missing or infinite values".</param>
    public void NoteSkipped(int count, string one, string many)
    {
        if (count > 0) Notes.Add($"Not drawn: {count} {(count == 1 ? one : many)}.");
    }

    private static (List<(double X, int Row)> Positions, int Rows) LayoutLegend(IReadOnlyList<LegendEntry> entries, double left, double right)
    {
        var positions = new List<(double, int)>(entries.Count);
        double x = left;
        var row = 0;
        foreach (var e in entries)
        {
            var width = (e.IsBox ? 19 : 30) + ChartText.Width(ChartText.Truncate(e.Name, LegendMaxCharacters), LegendFontSize) + 22;
            if (x > left && x + width > right)
            {
                row++;
                x = left;
            }
            positions.Add((x, row));
            x += width;
        }
        return (positions, entries.Count == 0 ? 0 : row + 1);
    }
}
