using ClvML.Evaluation.Charts;

namespace ClvML.Tests.Evaluation.Report;

/// <summary>The palette is Okabe and Ito's (2008); the sequential scale is viridis.</summary>
public sealed class ChartPaletteTests
{
    [Fact]
    public void Palette_has_the_okabe_ito_colours()
    {
        // Okabe & Ito (2008), Fig. 16: black, orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
        Assert.Equal(["#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"], ChartPalette.OkabeIto);
    }

    [Fact]
    public void Model_series_use_seven_distinct_okabe_ito_colours_then_dashes()
    {
        var colours = Enumerable.Range(0, 7).Select(ChartPalette.SeriesColor).ToList();
        Assert.Equal(7, colours.Distinct().Count());
        Assert.All(colours, c => Assert.Contains(c, ChartPalette.OkabeIto));
        Assert.DoesNotContain(ChartPalette.Black, colours); // black is the actual series'
        Assert.Null(ChartPalette.SeriesDash(0));
        Assert.Equal(ChartPalette.SeriesColor(0), ChartPalette.SeriesColor(7));
        Assert.NotNull(ChartPalette.SeriesDash(7));
    }

    [Fact]
    public void Viridis_runs_from_dark_purple_to_yellow()
    {
        Assert.Equal("#440154", ViridisScale.ColorAt(0));
        Assert.Equal("#FDE725", ViridisScale.ColorAt(1));
        Assert.Equal("#21908D", ViridisScale.ColorAt(0.5));
        Assert.Equal("#440154", ViridisScale.ColorAt(-3));
        Assert.Equal("#440154", ViridisScale.ColorAt(double.NaN));
        Assert.False(ViridisScale.NeedsDarkText(0));
        Assert.True(ViridisScale.NeedsDarkText(1));
    }
}
