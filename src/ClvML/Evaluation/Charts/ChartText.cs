namespace ClvML.Evaluation.Charts;

/// <summary>
/// Text measurement without font metrics. SVG cannot measure text before it is drawn and no font
/// is embedded, so widths are estimated from an average glyph width of the system sans-serif
/// fonts (about 0.55 em for mixed-case text); 0.6 em errs on the side of space.
/// </summary>
internal static class ChartText
{
    private const double AverageGlyphWidth = 0.6;

    public static double Width(string text, double fontSize) => text.Length * fontSize * AverageGlyphWidth;

    /// <summary>Most characters that fit in <paramref name="width"/> pixels.</summary>
    public static int FittingCharacters(double width, double fontSize) => Math.Max(1, (int)(width / (fontSize * AverageGlyphWidth)));

    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxCharacters"/>, marking the cut with an ellipsis.</summary>
    public static string Truncate(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters) return text;
        if (maxCharacters <= 1) return "…";
        return text[..(maxCharacters - 1)].TrimEnd() + "…";
    }
}
