using System.Globalization;
using System.Text;

namespace ClvML.Evaluation.Charts;

/// <summary>
/// Writes the body of one SVG document as text. The output is meant to be inlined into a report
/// that opens with no network, so it carries no external references, fonts or scripts, and no
/// ids (several charts share one HTML document, where ids would collide). Numbers are written in
/// the invariant culture with at most two decimals: a hundredth of a pixel is below what any
/// screen shows, and short numbers keep a report with many charts small.
/// </summary>
internal sealed class SvgWriter
{
    /// <summary>
    /// Local system font stacks only: nothing is fetched, and every platform has one of these.
    /// </summary>
    public const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

    private readonly StringBuilder _body = new();

    /// <summary>Formats a coordinate or length; non-finite values are a bug in the caller, never output.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) throw new InvalidOperationException($"Non-finite SVG number {value}; chart code must skip such values before drawing.");
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0; // no "-0"
        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Escapes text for element content and attribute values, and drops characters XML 1.0 cannot
    /// hold at all (control characters, lone surrogates), which would make the whole page invalid.
    /// </summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '"': result.Append("&quot;"); break;
                case '\'': result.Append("&#39;"); break;
                case '\t' or '\n' or '\r': result.Append(c); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        result.Append(c).Append(text[++i]);
                    }
                    else if (c >= 0x20 && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF')
                    {
                        result.Append(c);
                    }
                    break;
            }
        }
        return result.ToString();
    }

    public void Rect(double x, double y, double width, double height, string fill, string? tooltip = null, string? stroke = null, double strokeWidth = 1)
    {
        _body.Append("<rect x=\"").Append(Number(x)).Append("\" y=\"").Append(Number(y))
            .Append("\" width=\"").Append(Number(Math.Max(0, width))).Append("\" height=\"").Append(Number(Math.Max(0, height)))
            .Append("\" fill=\"").Append(fill).Append('"');
        if (stroke is not null) _body.Append(" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(Number(strokeWidth)).Append('"');
        CloseWithTooltip("rect", tooltip);
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1, string? dash = null)
    {
        _body.Append("<line x1=\"").Append(Number(x1)).Append("\" y1=\"").Append(Number(y1))
            .Append("\" x2=\"").Append(Number(x2)).Append("\" y2=\"").Append(Number(y2))
            .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(Number(strokeWidth)).Append('"');
        if (dash is not null) _body.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        _body.Append("/>\n");
    }

    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double strokeWidth, string? dash, string? tooltip)
    {
        _body.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(Number(strokeWidth))
            .Append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        if (dash is not null) _body.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        _body.Append(" points=\"");
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0) _body.Append(' ');
            _body.Append(Number(points[i].X)).Append(',').Append(Number(points[i].Y));
        }
        _body.Append('"');
        CloseWithTooltip("polyline", tooltip);
    }

    public void Circle(double cx, double cy, double radius, string fill, string? tooltip = null)
    {
        _body.Append("<circle cx=\"").Append(Number(cx)).Append("\" cy=\"").Append(Number(cy))
            .Append("\" r=\"").Append(Number(radius)).Append("\" fill=\"").Append(fill).Append("\" stroke=\"#ffffff\" stroke-width=\"1\"");
        CloseWithTooltip("circle", tooltip);
    }

    /// <summary>
    /// Writes a text element. When <paramref name="fullText"/> differs from the shown text (a
    /// truncated label) it goes into a child <c>title</c>, which browsers show on hover and
    /// screen readers read.
    /// </summary>
    public void Text(double x, double y, string text, double fontSize, TextAnchor anchor = TextAnchor.Start,
        string fill = ChartPalette.Ink, bool bold = false, double rotateDegrees = 0, string? fullText = null)
    {
        _body.Append("<text x=\"").Append(Number(x)).Append("\" y=\"").Append(Number(y))
            .Append("\" font-size=\"").Append(Number(fontSize)).Append("\" fill=\"").Append(fill).Append('"');
        if (anchor != TextAnchor.Start) _body.Append(" text-anchor=\"").Append(anchor == TextAnchor.Middle ? "middle" : "end").Append('"');
        if (bold) _body.Append(" font-weight=\"600\"");
        if (rotateDegrees != 0)
            _body.Append(" transform=\"rotate(").Append(Number(rotateDegrees)).Append(' ').Append(Number(x)).Append(' ').Append(Number(y)).Append(")\"");
        _body.Append('>');
        if (fullText is not null && fullText != text) _body.Append("<title>").Append(Escape(fullText)).Append("</title>");
        _body.Append(Escape(text)).Append("</text>\n");
    }

    /// <summary>
    /// Opens a nested viewport: drawing inside is clipped to it without a clipPath (which would need
    /// an id), and coordinates inside start at its top-left corner.
    /// </summary>
    public void StartViewport(double x, double y, double width, double height)
    {
        _body.Append("<svg x=\"").Append(Number(x)).Append("\" y=\"").Append(Number(y))
            .Append("\" width=\"").Append(Number(width)).Append("\" height=\"").Append(Number(height)).Append("\" overflow=\"hidden\">\n");
    }

    public void EndViewport() => _body.Append("</svg>\n");

    public void StartGroup(string? tooltip = null)
    {
        _body.Append("<g>");
        if (tooltip is not null) _body.Append("<title>").Append(Escape(tooltip)).Append("</title>");
        _body.Append('\n');
    }

    public void EndGroup() => _body.Append("</g>\n");

    /// <summary>Wraps the body into a complete, standalone SVG document with its accessible title and description.</summary>
    public string Finish(double width, double height, string title, string description)
    {
        var svg = new StringBuilder(_body.Length + 512);
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(Number(width)).Append(' ').Append(Number(height))
            .Append("\" width=\"").Append(Number(width)).Append("\" height=\"").Append(Number(height))
            .Append("\" role=\"img\" font-family=\"").Append(Escape(FontFamily)).Append("\">\n");
        svg.Append("<title>").Append(Escape(title)).Append("</title>\n");
        svg.Append("<desc>").Append(Escape(description)).Append("</desc>\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.Append(_body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private void CloseWithTooltip(string element, string? tooltip)
    {
        if (tooltip is null)
        {
            _body.Append("/>\n");
            return;
        }
        _body.Append("><title>").Append(Escape(tooltip)).Append("</title></").Append(element).Append(">\n");
    }
}

/// <summary>Horizontal alignment of SVG text relative to its anchor point.</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}
