using ClvML.Features;
using ClvML.Numerics;

namespace ClvML.Tests.Clustering;

/// <summary>Seeded synthetic points for the clustering tests.</summary>
internal static class ClusteringTestData
{
    /// <summary>Gaussian blobs (sd 1) around <paramref name="centres"/>, <paramref name="perBlob"/> points each, rows interleaved; the true blob of every row.</summary>
    public static (FeatureMatrix X, int[] Truth) Blobs(double[][] centres, int perBlob, long seed)
    {
        var random = new RandomStreams(seed);
        var d = centres[0].Length;
        var n = centres.Length * perBlob;
        var columns = Enumerable.Range(0, d).Select(_ => new double[n]).ToArray();
        var truth = new int[n];
        for (var i = 0; i < n; i++)
        {
            var blob = i % centres.Length;
            truth[i] = blob;
            for (var f = 0; f < d; f++) columns[f][i] = centres[blob][f] + Normal(random);
        }
        return (new FeatureMatrix([.. Enumerable.Range(0, d).Select(f => $"x{f}")], columns), truth);
    }

    /// <summary>Uniform points in the unit cube: no cluster structure, so Lloyd needs many iterations.</summary>
    public static FeatureMatrix Uniform(int n, int d, long seed)
    {
        var random = new RandomStreams(seed);
        var columns = Enumerable.Range(0, d).Select(_ => new double[n]).ToArray();
        for (var i = 0; i < n; i++)
            for (var f = 0; f < d; f++) columns[f][i] = random.NextDouble();
        return new FeatureMatrix([.. Enumerable.Range(0, d).Select(f => $"x{f}")], columns);
    }

    /// <summary>Skewed, RFM-like positive columns (log-normal), for the transforms.</summary>
    public static FeatureMatrix Skewed(int n, long seed)
    {
        var random = new RandomStreams(seed);
        var a = new double[n];
        var b = new double[n];
        var c = new double[n];
        for (var i = 0; i < n; i++)
        {
            a[i] = Math.Exp(1 + Normal(random));
            b[i] = Math.Floor(Math.Exp(0.8 * Normal(random)));
            c[i] = Math.Exp(3 + 1.2 * Normal(random));
        }
        return new FeatureMatrix(["recency", "frequency", "monetary_value"], [a, b, c]);
    }

    private static double Normal(RandomStreams random)
    {
        // Box-Muller; 1 - u keeps the logarithm finite.
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
