namespace ClvML.Evaluation.Charts;

/// <summary>
/// A chart that renders itself as a standalone SVG document: no scripts, fonts or external
/// references, an accessible <c>title</c> and <c>desc</c>, and values it cannot draw (NaN,
/// infinities, non-positive values on a log axis) skipped and counted in a note on the chart.
/// </summary>
public abstract class Chart
{
    /// <summary>
    /// Default width in pixels: about the measure of a report's text column, so a chart shows at
    /// its natural size on a laptop and scales down (the SVG has a viewBox) on a phone.
    /// </summary>
    public const double DefaultWidth = 800;

    /// <summary>Default height in pixels; charts grow taller when a long legend or rotated labels need the room.</summary>
    public const double DefaultHeight = 440;

    /// <summary>Creates a chart with its title.</summary>
    protected Chart(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
    }

    /// <summary>Title, drawn at the top and used as the accessible name of the image.</summary>
    public string Title { get; }

    /// <summary>Accessible description; when null, one is written from the chart's content.</summary>
    public string? Description { get; init; }

    /// <summary>Width in pixels (the SVG scales with its container).</summary>
    public double Width { get; init; } = DefaultWidth;

    /// <summary>Minimum height in pixels.</summary>
    public double Height { get; init; } = DefaultHeight;

    /// <summary>Renders the chart as an SVG document (UTF-8 text, no XML declaration, ready to inline into HTML).</summary>
    public string ToSvg()
    {
        if (!(Width >= 200) || !(Height >= 150) || !double.IsFinite(Width) || !double.IsFinite(Height))
            throw new ArgumentOutOfRangeException(nameof(Width), $"Chart '{Title}' is {Width} x {Height} pixels; it needs at least 200 x 150.");
        var canvas = new ChartCanvas(Width, Height);
        var summary = Render(canvas);
        var description = Description ?? summary;
        if (canvas.Notes.Count > 0) description += " " + string.Join(" ", canvas.Notes);
        return canvas.Finish(Title, description);
    }

    /// <summary>Draws the chart onto <paramref name="canvas"/> and returns a one-sentence summary of it for the description.</summary>
    private protected abstract string Render(ChartCanvas canvas);
}
