namespace ClvML.Evaluation.Charts;

/// <summary>
/// Text measurement without font metrics. SVG cannot measure text before it is drawn and no font
/// is embedded, so widths are estimated from an average glyph width of the system sans-serif
/// fonts: about 0.55 em for Segoe UI or Helvetica, nearer 0.62 em for DejaVu Sans (the Linux
/// default, seen in the headless-Chromium check); the wider value errs on the side of space.
/// </summary>
internal static class ChartText
{
    private const double AverageGlyphWidth = 0.62;

    /// <summary>
    /// A data value for tooltips and bar labels: about four significant digits, which is what a
    /// reader compares, and never in exponent form for the magnitudes customer data has.
    /// </summary>
    public static string Value(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude >= 1e4 ? "N0" : magnitude >= 100 ? "0.#" : magnitude >= 1 ? "0.##" : magnitude >= 1e-3 || magnitude == 0 ? "0.####" : "G3";
        return value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static double Width(string text, double fontSize) => text.Length * fontSize * AverageGlyphWidth;

    /// <summary>Most characters that fit in <paramref name="width"/> pixels.</summary>
    public static int FittingCharacters(double width, double fontSize) => Math.Max(1, (int)(width / (fontSize * AverageGlyphWidth)));

    /// <summary>
    /// Breaks <paramref name="text"/> at spaces into at most <paramref name="maxLines"/> lines of at
    /// most <paramref name="maxCharacters"/>; what does not fit is cut with an ellipsis.
    /// </summary>
    public static List<string> Wrap(string text, int maxCharacters, int maxLines)
    {
        var lines = new List<string>();
        var current = "";
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var candidate = current.Length == 0 ? words[i] : current + " " + words[i];
            if (candidate.Length <= maxCharacters || current.Length == 0)
            {
                current = candidate;
                continue;
            }
            if (lines.Count == maxLines - 1)
            {
                current = string.Join(' ', words[i..].Prepend(current));
                break;
            }
            lines.Add(current);
            current = words[i];
        }
        if (current.Length > 0 || lines.Count == 0) lines.Add(current);
        lines[^1] = Truncate(lines[^1], maxCharacters);
        for (var i = 0; i < lines.Count - 1; i++) lines[i] = Truncate(lines[i], maxCharacters);
        return lines;
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxCharacters"/>, marking the cut with an ellipsis.</summary>
    public static string Truncate(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters) return text;
        if (maxCharacters <= 1) return "…";
        return text[..(maxCharacters - 1)].TrimEnd() + "…";
    }
}
