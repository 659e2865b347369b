using ClvML.Trees;

namespace ClvML.Tests.Trees;

public sealed class HistogramTests
{
    [Fact]
    public void Parent_minus_one_child_equals_the_other_child_built_from_its_rows()
    {
        var random = new Random(8);
        const int n = 5000;
        var columns = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.1 ? double.NaN : random.NextDouble()).ToArray()).ToArray();
        var mapper = BinMapper.Fit(columns, maxBins: 64);
        var binned = mapper.TransformRows(columns);
        // Gradients on a grid of 1/8 so every sum is exact and the comparison can be exact too.
        var g = Enumerable.Range(0, n).Select(_ => random.Next(-40, 40) / 8.0).ToArray();
        var h = Enumerable.Range(0, n).Select(_ => random.Next(1, 16) / 8.0).ToArray();
        var rows = Enumerable.Range(0, n).ToArray();
        var left = rows.Where(r => binned[r, 0] <= 20).ToArray();
        var right = rows.Where(r => binned[r, 0] > 20).ToArray();
        var size = 3 * BinMapper.MaxBins;
        HistogramBin[] parent = new HistogramBin[size], leftHistogram = new HistogramBin[size], rightBuilt = new HistogramBin[size], rightDerived = new HistogramBin[size];
        double[] og = new double[n], oh = new double[n];
        HistogramBin[] partials = [];
        Histogram.Build(rows, 0, n, binned, g, h, parent, og, oh, ref partials);
        Histogram.Build(left, 0, left.Length, binned, g, h, leftHistogram, og, oh, ref partials);
        Histogram.Build(right, 0, right.Length, binned, g, h, rightBuilt, og, oh, ref partials);
        Histogram.Subtract(parent, leftHistogram, rightDerived);
        Assert.Equal(rightBuilt, rightDerived);
        Assert.Equal(right.Length, rightDerived.Take(BinMapper.MaxBins).Sum(b => b.Count));
    }
}

public sealed class ChunkedHistogramTests
{
    [Fact]
    public void A_large_node_split_into_chunks_sums_like_a_plain_loop()
    {
        var random = new Random(9);
        const int n = 300_000; // several 16,384-row chunks
        var columns = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.05 ? double.NaN : random.NextDouble()).ToArray()).ToArray();
        var mapper = BinMapper.Fit(columns, maxBins: 32);
        var binned = mapper.TransformRows(columns);
        var g = Enumerable.Range(0, n).Select(_ => random.Next(-40, 40) / 8.0).ToArray();
        var h = Enumerable.Range(0, n).Select(_ => random.Next(1, 16) / 8.0).ToArray();
        var rows = Enumerable.Range(0, n).Where(i => i % 3 != 0).ToArray();
        var histogram = new HistogramBin[2 * BinMapper.MaxBins];
        HistogramBin[] partials = [];
        Histogram.Build(rows, 0, rows.Length, binned, g, h, histogram, new double[n], new double[n], ref partials);
        var expected = new HistogramBin[2 * BinMapper.MaxBins];
        foreach (var r in rows)
            for (var f = 0; f < 2; f++)
            {
                ref var bin = ref expected[f * BinMapper.MaxBins + binned[r, f]];
                bin.Gradient += g[r];
                bin.Hessian += h[r];
                bin.Count++;
            }
        Assert.Equal(expected, histogram);
    }
}

public sealed class LevelRowPassTests
{
    [Fact]
    public void Level_pass_sums_are_the_plain_sums_and_its_children_split_the_parent_exactly()
    {
        var random = new Random(10);
        const int n = 70_000; // several chunks, so more than one thread may sum
        var columns = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.05 ? double.NaN : random.NextDouble()).ToArray()).ToArray();
        var mapper = BinMapper.Fit(columns, maxBins: 40);
        var binned = mapper.TransformRows(columns);
        // Gradients on a grid of 1/8 are held exactly in fixed point, so the comparison can be exact.
        var g = Enumerable.Range(0, n).Select(_ => random.Next(-40, 40) / 8.0).ToArray();
        var h = Enumerable.Range(0, n).Select(_ => random.Next(1, 16) / 8.0).ToArray();
        var rows = Enumerable.Range(0, n).Where(i => i % 5 != 0).ToArray();
        var pass = new LevelRowPass(binned, unitHessian: false);
        pass.Start(rows, rows.Length, g, h);
        var root = new long[pass.NodeLength];
        pass.Run([RowRoute.Stay], [0], [root]);
        // Root splits on feature 2 at bin 12, missing values right: children 1 (left) and 2; sum the left one.
        var left = new long[pass.NodeLength];
        pass.Run([new RowRoute { Feature = 2, Threshold = 12, MissingLeft = 0, Left = 1 }], [-1, 0, -1], [left]);

        var expectedLeft = new long[pass.NodeLength];
        var expectedRight = new long[pass.NodeLength];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            var goesLeft = binned[r, 2] <= 12;
            Assert.Equal(goesLeft ? 1 : 2, pass.NodeOfRow[i]);
            var target = goesLeft ? expectedLeft : expectedRight;
            for (var f = 0; f < 4; f++)
            {
                var cell = (f * BinMapper.MaxBins + binned[r, f]) * 3;
                target[cell] += (long)(g[r] * Math.ScaleB(1.0, pass.GradientScale.Exponent));
                target[cell + 1] += (long)(h[r] * Math.ScaleB(1.0, pass.HessianScale.Exponent));
                target[cell + 2]++;
            }
        }
        Assert.Equal(expectedLeft, left);
        Assert.Equal(expectedRight, root.Zip(left, (p, c) => p - c));
        Assert.Equal(-40 / 8.0, pass.GradientScale.ToDouble(pass.GradientScale.ToFixed(-40 / 8.0)));
    }

    [Theory]
    [InlineData(4)] // the four-feature loops
    [InlineData(6)] // four bins read at once, then two one by one
    public void Unit_hessian_sums_are_the_plain_gradient_sums_and_counts(int featureCount)
    {
        var random = new Random(13);
        const int n = 50_000;
        var columns = Enumerable.Range(0, featureCount).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.05 ? double.NaN : random.NextDouble()).ToArray()).ToArray();
        var binned = BinMapper.Fit(columns, maxBins: 50).TransformRows(columns);
        var g = Enumerable.Range(0, n).Select(_ => random.Next(-40, 40) / 8.0).ToArray();
        var rows = Enumerable.Range(0, n).ToArray();
        var pass = new LevelRowPass(binned, unitHessian: true);
        pass.Start(rows, n, g, []);
        var root = new long[pass.NodeLength];
        pass.Run([RowRoute.Stay], [0], [root]);
        var right = new long[pass.NodeLength];
        pass.Run([new RowRoute { Feature = featureCount - 1, Threshold = 20, MissingLeft = 0, Left = 1 }], [-1, -1, 0], [right]);

        var (expectedRoot, expectedRight) = (new long[pass.NodeLength], new long[pass.NodeLength]);
        var unit = Math.ScaleB(1.0, pass.GradientScale.Exponent);
        for (var r = 0; r < n; r++)
        {
            var goesRight = binned[r, featureCount - 1] > 20;
            Assert.Equal(goesRight ? 2 : 1, pass.NodeOfRow[r]);
            for (var f = 0; f < featureCount; f++)
            {
                var cell = (f * BinMapper.MaxBins + binned[r, f]) * 2;
                foreach (var target in goesRight ? [expectedRoot, expectedRight] : new[] { expectedRoot })
                {
                    target[cell] += (long)(g[r] * unit);
                    target[cell + 1]++;
                }
            }
        }
        Assert.Equal(expectedRoot, root);
        Assert.Equal(expectedRight, right);
    }

    [Fact]
    public void The_last_pass_moves_rows_to_their_leaves_and_adds_the_leaf_values_to_their_scores()
    {
        var random = new Random(11);
        const int n = 40_000;
        var columns = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.05 ? double.NaN : random.NextDouble()).ToArray()).ToArray();
        var binned = BinMapper.Fit(columns, maxBins: 30).TransformRows(columns);
        var g = Enumerable.Range(0, n).Select(_ => random.Next(-40, 40) / 8.0).ToArray();
        var rows = Enumerable.Range(0, n).Where(i => i % 3 != 0).ToArray();
        var pass = new LevelRowPass(binned, unitHessian: true);
        // A bound above the largest |gradient| is as good as the largest.
        pass.Start(rows, rows.Length, g, [], gradientBound: 7, hessianBound: 1);
        pass.Run([RowRoute.Stay], [0], [new long[pass.NodeLength]]);
        pass.Run([new RowRoute { Feature = 1, Threshold = 9, MissingLeft = 1, Left = 1 }], [-1, 0, -1], [new long[pass.NodeLength]]);
        // Node 1 splits on feature 0 (missing values right) into leaves 3 and 4; node 2 is a leaf.
        RowRoute[] routes = [RowRoute.Stay, new RowRoute { Feature = 0, Threshold = 20, MissingLeft = 0, Left = 3 }, RowRoute.Stay];
        double[] values = [0, 0, 0.5, -1.25, 3];
        var score = Enumerable.Range(0, n).Select(i => i / 4.0).ToArray();
        pass.RunToLeaves(routes, values, score);

        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            var leaf = binned[r, 1] <= 9 || binned[r, 1] == BinMapper.MissingBin ? (binned[r, 0] <= 20 ? 3 : 4) : 2;
            Assert.Equal(leaf, pass.NodeOfRow[i]);
            Assert.Equal(r / 4.0 + values[leaf], score[r]);
        }
        foreach (var r in Enumerable.Range(0, n).Where(i => i % 3 == 0)) Assert.Equal(r / 4.0, score[r]);
    }
}

public sealed class FixedPointScaleTests
{
    [Fact]
    public void Converting_a_span_gives_the_value_by_value_conversion_ties_included()
    {
        var random = new Random(12);
        var scale = FixedPointScale.For(1000, 800_000);
        var down = Math.ScaleB(1.0, -scale.Exponent);
        // Random values, and values exactly halfway between two fixed-point steps (even and odd below),
        // which round to even; 37 values, so the vector loop and its scalar tail both run.
        var values = Enumerable.Range(0, 20).Select(_ => (random.NextDouble() - 0.5) * 2000)
            .Concat(Enumerable.Range(-8, 17).Select(k => (k + 0.5) * down))
            .ToArray();
        var converted = new long[values.Length];
        scale.ToFixed(values, converted);
        Assert.Equal(values.Select(scale.ToFixed), converted);
        Assert.Equal(0, converted[20 + 8]); // 0.5 steps -> 0
        Assert.Equal(2, converted[20 + 9]); // 1.5 steps -> 2
        Assert.Equal(-2, converted[20 + 6]); // -1.5 steps -> -2
    }
}


public sealed class SquaredErrorGradientsTests
{
    [Fact]
    public void Consecutive_rows_as_vectors_give_the_bits_of_the_row_by_row_sums()
    {
        var random = new Random(14);
        const int n = 1_203; // not a multiple of four: the scalar tail runs too
        var target = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 100).ToArray();
        var score = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 100).ToArray();
        var rows = Enumerable.Range(200, 1_001).ToArray();
        var (vector, scalar) = (new SquaredErrorGradients(target, new double[n]), new SquaredErrorGradients(target, new double[n]));
        var (vectorLoss, vectorMax) = vector.Compute(rows, score, inOrder: true);
        var (scalarLoss, scalarMax) = scalar.Compute(rows, score);
        Assert.Equal(scalarLoss, vectorLoss); // exact: the same additions in the same order
        Assert.Equal(scalarMax, vectorMax);
        Assert.Equal(scalar.Gradients, vector.Gradients);
        Assert.Equal(score[700] - target[700], vector.Gradients[700]);
        Assert.Equal(0, vector.Gradients[199]);
        Assert.Equal(rows.Max(r => Math.Abs(score[r] - target[r])), vectorMax);
        var plainSum = 0.5 * rows.Sum(r => (score[r] - target[r]) * (score[r] - target[r]));
        Assert.True(Math.Abs(vectorLoss - plainSum) <= 1e-13 * plainSum, $"{vectorLoss} vs {plainSum}");
    }
}
