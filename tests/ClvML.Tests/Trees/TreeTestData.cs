using ClvML.Features;

namespace ClvML.Tests.Trees;

/// <summary>Small seeded regression problems for the tree tests.</summary>
internal static class TreeTestData
{
    /// <summary>y = 3 x0 + sin(4 x1) + noise, x2 irrelevant, some x1 missing.</summary>
    public static (FeatureMatrix X, double[] Y) Smooth(int n, int seed, double missingShare = 0.05)
    {
        var random = new Random(seed);
        var x0 = new double[n];
        var x1 = new double[n];
        var x2 = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x0[i] = random.NextDouble();
            x1[i] = random.NextDouble() * 2 - 1;
            x2[i] = random.NextDouble();
            y[i] = 3 * x0[i] + Math.Sin(4 * x1[i]) + 0.1 * (random.NextDouble() - 0.5);
            if (random.NextDouble() < missingShare) x1[i] = double.NaN;
        }
        return (new FeatureMatrix(["x0", "x1", "x2"], [x0, x1, x2]), y);
    }
}
