namespace ClvML.Evaluation.Charts;

/// <summary>
/// Colours of chart series: the eight colours of M. Okabe and K. Ito, "Color Universal Design
/// (CUD): How to make figures and presentations that are friendly to colorblind people" (2008,
/// https://jfly.uni-koeln.de/color/), distinguishable under the common forms of colour-vision
/// deficiency. Past seven series the colours repeat with a dash pattern, so lines stay distinct.
/// </summary>
internal static class ChartPalette
{
    /// <summary>Okabe-Ito black.</summary>
    public const string Black = "#000000";

    /// <summary>Okabe-Ito orange.</summary>
    public const string Orange = "#E69F00";

    /// <summary>Okabe-Ito sky blue.</summary>
    public const string SkyBlue = "#56B4E9";

    /// <summary>Okabe-Ito bluish green.</summary>
    public const string BluishGreen = "#009E73";

    /// <summary>Okabe-Ito yellow.</summary>
    public const string Yellow = "#F0E442";

    /// <summary>Okabe-Ito blue.</summary>
    public const string Blue = "#0072B2";

    /// <summary>Okabe-Ito vermillion.</summary>
    public const string Vermillion = "#D55E00";

    /// <summary>Okabe-Ito reddish purple.</summary>
    public const string ReddishPurple = "#CC79A7";

    /// <summary>Text and axis colour: near-black reads softer than pure black on white.</summary>
    public const string Ink = "#222222";

    /// <summary>Secondary text (tick labels, notes).</summary>
    public const string MutedInk = "#555555";

    /// <summary>Grid lines: visible but below the data.</summary>
    public const string Grid = "#E3E3E3";

    /// <summary>Reference lines (the random-ranking diagonal): grey so they never compete with a model.</summary>
    public const string Reference = "#8C8C8C";

    /// <summary>All eight Okabe-Ito colours in the order of the 2008 paper.</summary>
    public static IReadOnlyList<string> OkabeIto { get; } = [Black, Orange, SkyBlue, BluishGreen, Yellow, Blue, Vermillion, ReddishPurple];

    /// <summary>
    /// Series order: the strongest contrasts on white first; yellow, the weakest on white, last.
    /// Black is kept for the actual (observed) series, see <see cref="SeriesRole.Actual"/>.
    /// </summary>
    private static readonly string[] SeriesOrder = [Blue, Vermillion, BluishGreen, Orange, ReddishPurple, SkyBlue, Yellow];

    /// <summary>Dash patterns of the second, third, ... pass through the colours.</summary>
    private static readonly string?[] Dashes = [null, "7 4", "2 3", "10 3 2 3"];

    /// <summary>Colour of the series at <paramref name="index"/> (0-based) among the model series.</summary>
    public static string SeriesColor(int index) => SeriesOrder[Math.Abs(index) % SeriesOrder.Length];

    /// <summary>Dash pattern (SVG stroke-dasharray) of the series at <paramref name="index"/>, null for solid.</summary>
    public static string? SeriesDash(int index) => Dashes[Math.Abs(index) / SeriesOrder.Length % Dashes.Length];
}
