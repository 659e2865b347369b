using ClvML.Trees;

namespace ClvML.Tests.Trees;

public sealed class BinMapperTests
{
    [Fact]
    public void Bins_are_monotone_in_the_value_and_missing_values_get_the_last_bin()
    {
        var random = new Random(3);
        // Skewed like spend: many zeros, a long right tail.
        var values = Enumerable.Range(0, 50_000).Select(_ => random.NextDouble() < 0.4 ? 0 : Math.Exp(3 * random.NextDouble())).ToArray();
        var mapper = BinMapper.Fit([values], maxBins: 255, sampleSize: 10_000, seed: 1);
        var sorted = values.Order().ToArray();
        for (var i = 1; i < sorted.Length; i++)
            Assert.True(mapper.BinOf(0, sorted[i - 1]) <= mapper.BinOf(0, sorted[i]));
        Assert.Equal(BinMapper.MissingBin, mapper.BinOf(0, double.NaN));
        Assert.True(mapper.BinCount(0) <= 255);
        // The heavy zero gets a bin of its own.
        Assert.True(mapper.BinOf(0, 0) < mapper.BinOf(0, sorted.First(v => v > 0)));
    }

    [Fact]
    public void Few_distinct_values_get_one_bin_each()
    {
        double[] values = [5, 1, 3, 3, 1, 5, 5, 9];
        var mapper = BinMapper.Fit([values]);
        Assert.Equal(4, mapper.BinCount(0));
        Assert.Equal([0, 1, 2, 3], new double[] { 1, 3, 5, 9 }.Select(v => (int)mapper.BinOf(0, v)));
        // A value between two training values falls by the midpoint edge.
        Assert.Equal(1, mapper.BinOf(0, 3.9));
        Assert.Equal(2, mapper.BinOf(0, 4.1));
    }

    [Fact]
    public void Adjacent_doubles_stay_in_different_bins()
    {
        var a = 1.0;
        var b = Math.BitIncrement(a);
        var mapper = BinMapper.Fit([[a, b, a, b]]);
        Assert.NotEqual(mapper.BinOf(0, a), mapper.BinOf(0, b));
    }
}
