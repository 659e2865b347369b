using System.Globalization;

namespace ClvML.Evaluation.Charts;

/// <summary>
/// Sequential colour scale for heat maps: linear interpolation in sRGB between nine colours sampled
/// evenly from viridis (S. van der Walt and N. Smith, matplotlib's default colour map, 2015; see
/// https://bids.github.io/colormap/). Viridis is perceptually uniform, ordered in lightness, and
/// readable by people with the common colour-vision deficiencies and in grey-scale print.
/// </summary>
internal static class ViridisScale
{
    private static readonly (byte R, byte G, byte B)[] Stops =
    [
        (0x44, 0x01, 0x54), (0x47, 0x2C, 0x7A), (0x3B, 0x51, 0x8B), (0x2C, 0x71, 0x8E), (0x21, 0x90, 0x8D),
        (0x27, 0xAD, 0x81), (0x5C, 0xC8, 0x63), (0xAA, 0xDC, 0x32), (0xFD, 0xE7, 0x25),
    ];

    /// <summary>Colour at position <paramref name="t"/> in [0, 1] (clamped), as "#RRGGBB"; dark purple at 0, yellow at 1.</summary>
    public static string ColorAt(double t)
    {
        var (r, g, b) = Rgb(t);
        return string.Create(CultureInfo.InvariantCulture, $"#{r:X2}{g:X2}{b:X2}");
    }

    /// <summary>
    /// Whether text on the colour at <paramref name="t"/> should be dark: by relative luminance
    /// (ITU-R BT.709 weights), which is what decides legibility.
    /// </summary>
    public static bool NeedsDarkText(double t)
    {
        var (r, g, b) = Rgb(t);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140;
    }

    private static (int R, int G, int B) Rgb(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        var position = t * (Stops.Length - 1);
        var lower = Math.Min((int)position, Stops.Length - 2);
        var f = position - lower;
        var a = Stops[lower];
        var c = Stops[lower + 1];
        return ((int)Math.Round(a.R + (c.R - a.R) * f), (int)Math.Round(a.G + (c.G - a.G) * f), (int)Math.Round(a.B + (c.B - a.B) * f));
    }
}
