using ClvML.Evaluation.Charts;

namespace ClvML.Tests.Evaluation.Report;

/// <summary>Heckbert's nice ticks against hand-worked examples.</summary>
public sealed class NiceTicksTests
{
    [Theory]
    // range 97 -> nice 100; 100 / 4 = 25 rounds to 20; floor(0/20) = 0, ceil(97/20) * 20 = 100.
    [InlineData(0, 97, 5, new[] { 0.0, 20, 40, 60, 80, 100 })]
    // range 1 -> 1; 0.25 rounds to 0.2.
    [InlineData(0, 1, 5, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 })]
    // range 15.9 -> 20; 5 stays 5; floor(-3.7/5) = -1, ceil(12.2/5) = 3.
    [InlineData(-3.7, 12.2, 5, new[] { -5.0, 0, 5, 10, 15 })]
    // range 4444 -> 5000; 1250 rounds to 1000.
    [InlineData(1234, 5678, 5, new[] { 1000.0, 2000, 3000, 4000, 5000, 6000 })]
    // range 0.037 -> 0.05; 0.0125 rounds to 0.01.
    [InlineData(0.012, 0.049, 5, new[] { 0.01, 0.02, 0.03, 0.04, 0.05 })]
    public void Ticks_match_hand_worked_examples(double min, double max, int target, double[] expected)
    {
        var ticks = NiceTicks.Compute(min, max, target);
        Assert.Equal(expected, ticks.Values);
        Assert.Equal(expected[0], ticks.Min);
        Assert.Equal(expected[^1], ticks.Max);
    }

    [Theory]
    [InlineData(97, false, 100)]
    [InlineData(25, true, 20)]
    [InlineData(14, true, 10)]
    [InlineData(15, true, 20)]
    [InlineData(3.2, true, 5)]
    [InlineData(7.5, true, 10)]
    [InlineData(0.3, false, 0.5)]
    [InlineData(2, false, 2)]
    public void Nice_number_is_one_two_or_five_times_a_power_of_ten(double x, bool round, double expected) =>
        Assert.Equal(expected, NiceTicks.NiceNumber(x, round), 12);

    [Fact]
    public void Equal_bounds_widen_around_the_value()
    {
        var ticks = NiceTicks.Compute(5, 5);
        Assert.True(ticks.Min < 5 && ticks.Max > 5);
        var zero = NiceTicks.Compute(0, 0);
        Assert.True(zero.Min <= -1 && zero.Max >= 1);
    }

    [Fact]
    public void Ticks_print_without_floating_point_noise()
    {
        // 3 * 0.1 is 0.30000000000000004 in binary; the ticks are rounded to the step's decimals.
        var ticks = NiceTicks.Compute(0, 0.5, 6);
        Assert.Contains(0.3, ticks.Values);
        Assert.DoesNotContain(ticks.Values, v => v.ToString(System.Globalization.CultureInfo.InvariantCulture).Length > 4);
    }

    [Fact]
    public void Non_finite_bounds_are_refused() =>
        Assert.Throws<ArgumentException>(() => NiceTicks.Compute(0, double.NaN));

    [Theory]
    [InlineData(20000, 5000, AxisLabelFormat.Number, "20k")]
    [InlineData(2500000, 500000, AxisLabelFormat.Number, "2.5M")]
    [InlineData(0, 5000, AxisLabelFormat.Number, "0")]
    [InlineData(0.3, 0.1, AxisLabelFormat.Number, "0.3")]
    [InlineData(-0.0, 0.1, AxisLabelFormat.Number, "0")]
    [InlineData(800, 200, AxisLabelFormat.Number, "800")]
    [InlineData(0.25, 0.05, AxisLabelFormat.Percent, "25%")]
    [InlineData(0, 0.2, AxisLabelFormat.Percent, "0%")]
    [InlineData(0.025, 0.005, AxisLabelFormat.Percent, "2.5%")]
    public void Tick_labels_have_the_decimals_their_step_needs(double value, double step, AxisLabelFormat format, string expected) =>
        Assert.Equal(expected, AxisScale.FormatTick(value, step, format));

    [Fact]
    public void One_unit_for_the_whole_axis()
    {
        var axis = AxisScale.Create([0.0, 14160], new ChartAxis("customers"));
        Assert.Equal(["0", "5k", "10k", "15k"], axis.Labels);
    }

    [Fact]
    public void Log_axis_ticks_whole_decades()
    {
        var axis = AxisScale.Create([3.0, 40, 700, 12000, 250000], new ChartAxis("y") { LogScale = true });
        Assert.Equal(1, axis.Min);
        Assert.Equal(1e6, axis.Max);
        Assert.Equal([1.0, 10, 100, 1000, 1e4, 1e5, 1e6], axis.Ticks);
        Assert.Equal(["1", "10", "100", "1000", "10k", "100k", "1M"], axis.Labels);
    }

    [Fact]
    public void Short_log_axis_adds_two_and_five()
    {
        var axis = AxisScale.Create([2.0, 30], new ChartAxis("y") { LogScale = true });
        Assert.Equal([1.0, 2, 5, 10, 20, 50, 100], axis.Ticks);
    }

    [Fact]
    public void Fixed_bounds_are_kept_exactly()
    {
        var axis = AxisScale.Create([0.1, 0.93], new ChartAxis("share") { Minimum = 0, Maximum = 1, Format = AxisLabelFormat.Percent });
        Assert.Equal(0, axis.Min);
        Assert.Equal(1, axis.Max);
        Assert.Equal("100%", axis.Labels[^1]);
    }
}
