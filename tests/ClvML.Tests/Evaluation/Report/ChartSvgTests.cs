using System.Xml.Linq;
using ClvML.Evaluation.Charts;
using ClvML.Evaluation.Report;

namespace ClvML.Tests.Evaluation.Report;

/// <summary>Every chart is a well-formed, self-contained SVG that never prints a non-finite number.</summary>
public sealed class ChartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> ChartTitles() => [.. AllCharts().Select(c => c.Title)];

    [Theory]
    [MemberData(nameof(ChartTitles))]
    public void Chart_is_well_formed_self_contained_svg(string title)
    {
        var chart = AllCharts().Single(c => c.Title == title);
        var text = chart.ToSvg();
        var svg = XDocument.Parse(text).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal(title, svg.Element(Svg + "title")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(svg.Element(Svg + "desc")?.Value));
        AssertSelfContained(text);
    }

    [Fact]
    public void Non_finite_values_are_skipped_and_noted()
    {
        var chart = new LineChart("gaps")
        {
            Series = [new LineSeries("s", [1.0, 2, 3, 4, double.NaN], [1.0, double.NaN, double.PositiveInfinity, 4, 5])],
        };
        var text = chart.ToSvg();
        AssertSelfContained(text);
        Assert.Contains("Not drawn: 3 points with missing or infinite values.", text);
        // The two finite points are not neighbours, so each is a lone dot and no line joins them.
        var svg = XDocument.Parse(text).Root!;
        Assert.Empty(svg.Descendants(Svg + "polyline"));
        Assert.Equal(2, svg.Descendants(Svg + "circle").Count());
    }

    [Fact]
    public void Empty_and_single_point_series_still_draw_axes()
    {
        var empty = XDocument.Parse(new LineChart("empty") { Series = [] }.ToSvg()).Root!;
        Assert.Contains(empty.Descendants(Svg + "text"), t => t.Value == "No data");
        var single = XDocument.Parse(new LineChart("single") { Series = [new LineSeries("one", [7.0], [7.0])] }.ToSvg()).Root!;
        Assert.Single(single.Descendants(Svg + "circle"));
        // Axis labels either side of the value: the degenerate range was widened.
        Assert.True(single.Descendants(Svg + "text").Count(t => double.TryParse(t.Value, System.Globalization.CultureInfo.InvariantCulture, out _)) >= 4);
    }

    [Fact]
    public void Long_category_labels_are_cut_with_the_full_text_in_a_title()
    {
        var label = "Can't lose them although they used to buy the most, a very long segment name";
        var chart = new BarChart("segments")
        {
            Categories = ["A", label, "C", "D", "E", "F", "G", "H", "I", "J"],
            Series = [new BarSeries("n", [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10])],
        };
        var svg = XDocument.Parse(chart.ToSvg()).Root!;
        var text = svg.Descendants(Svg + "text").Single(t => t.Element(Svg + "title")?.Value == label);
        var shown = string.Concat(text.Nodes().OfType<XText>().Select(n => n.Value));
        Assert.EndsWith("…", shown);
        Assert.True(shown.Length < label.Length);
    }

    [Fact]
    public void Crowded_rotated_labels_are_thinned_not_overlapped()
    {
        var categories = Enumerable.Range(1, 60).Select(i => $"Segment number {i}").ToArray();
        var chart = new BarChart("many") { Categories = categories, Series = [new BarSeries("n", [.. categories.Select((_, i) => (double)i)])] };
        var labels = XDocument.Parse(chart.ToSvg()).Root!.Descendants(Svg + "text").Where(t => ((string?)t.Attribute("transform"))?.StartsWith("rotate(-35") == true).ToList();
        // 60 bands of ~12 px: 12 * sin 35° = 7 px apart, so every second or third label is kept.
        Assert.InRange(labels.Count, 15, 30);
    }

    [Fact]
    public void Negative_bars_hang_below_the_zero_line()
    {
        var chart = new BarChart("errors") { Categories = ["a", "b"], Series = [new BarSeries("e", [10.0, -10])] };
        var bars = XDocument.Parse(chart.ToSvg()).Root!.Descendants(Svg + "rect").Where(r => r.Element(Svg + "title") is not null).ToList();
        Assert.Equal(2, bars.Count);
        double Y(XElement r) => double.Parse((string)r.Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture);
        double H(XElement r) => double.Parse((string)r.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
        // Same length, and the negative bar starts where the positive one ends: at zero.
        Assert.Equal(H(bars[0]), H(bars[1]), 1);
        Assert.Equal(Y(bars[0]) + H(bars[0]), Y(bars[1]), 1);
    }

    [Fact]
    public void Heat_map_notes_missing_cells_and_handles_equal_values()
    {
        var chart = new HeatMap("equal")
        {
            Values = new double[,] { { 2, 2 }, { double.NaN, 2 } },
            RowLabels = ["r0", "r1"],
            ColumnLabels = ["c0", "c1"],
        };
        var text = chart.ToSvg();
        AssertSelfContained(text);
        Assert.Contains("Not drawn: 1 cell without a finite value (grey).", text);
    }

    [Fact]
    public void Mismatched_shapes_are_refused_with_the_chart_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new BarChart("deciles") { Categories = ["1", "2"], Series = [new BarSeries("s", [1.0])] }.ToSvg());
        Assert.Contains("deciles", e.Message);
        Assert.Throws<ArgumentException>(() => new LineSeries("s", [1.0, 2], [1.0]));
    }

    [Fact]
    public void Svg_text_is_escaped_and_invalid_xml_characters_dropped()
    {
        Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", SvgWriter.Escape("a <b> & \"c\" 'd'"));
        Assert.Equal("ab", SvgWriter.Escape("a\u0001b"));
        var chart = new LineChart("<script>alert(1)</script> & \u0007bell") { Series = [new LineSeries("x<y", [1.0, 2], [1.0, 2])] };
        var text = chart.ToSvg();
        Assert.DoesNotContain("<script", text);
        Assert.Equal("<script>alert(1)</script> & bell", XDocument.Parse(text).Root!.Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Svg_numbers_are_short_invariant_and_never_negative_zero()
    {
        Assert.Equal("12.35", SvgWriter.Number(12.3456));
        Assert.Equal("0", SvgWriter.Number(-0.001));
        Assert.Equal("-3.5", SvgWriter.Number(-3.5));
        Assert.Throws<InvalidOperationException>(() => SvgWriter.Number(double.NaN));
    }

    [Theory]
    [InlineData(14160, "14,160")]
    [InlineData(412.34, "412.3")]
    [InlineData(6.372, "6.37")]
    [InlineData(0.0123, "0.0123")]
    [InlineData(0, "0")]
    [InlineData(-20.1, "-20.1")]
    public void Values_in_tooltips_and_bar_labels_never_use_exponents(double value, string expected) =>
        Assert.Equal(expected, ChartText.Value(value));

    /// <summary>The charts of the demo report plus degenerate ones.</summary>
    internal static IEnumerable<Chart> AllCharts()
    {
        static IEnumerable<Chart> Walk(ReportSection s) =>
            s.Blocks.OfType<ReportChart>().Select(c => c.Chart).Concat(s.Subsections.SelectMany(Walk));
        foreach (var chart in DemoReport.Build().Sections.SelectMany(Walk)) yield return chart;
        yield return new LineChart("No series at all");
        yield return new BarChart("No categories");
        yield return new HeatMap("Empty matrix");
        yield return new BarChart("All bars missing") { Categories = ["a"], Series = [new BarSeries("s", [double.NaN])] };
        yield return new LineChart("Log axis with nothing positive") { YAxis = new ChartAxis("y") { LogScale = true }, Series = [new LineSeries("s", [1.0, 2], [0.0, -1])] };
        yield return new HeatMap("One cell") { Values = new double[,] { { double.PositiveInfinity } }, RowLabels = ["r"], ColumnLabels = ["c"] };
        yield return new LineChart("Many series") { Series = [.. Enumerable.Range(0, 20).Select(i => new LineSeries($"model number {i} with a rather long name", [0.0, 1], [i, i * 2.0]))] };
        yield return new LineChart("Huge values") { Series = [new LineSeries("s", [1e-300, 1e300], [double.MaxValue / 4, -double.MaxValue / 4])] };
    }

    internal static void AssertSelfContained(string text)
    {
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        Assert.DoesNotContain("∞", text);
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", text, StringComparison.OrdinalIgnoreCase);
        var withoutNamespace = text.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        Assert.DoesNotContain("http", withoutNamespace, StringComparison.OrdinalIgnoreCase);
    }
}
