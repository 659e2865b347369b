using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using ClvML.Data;

namespace ClvML.Benchmarks;

/// <summary>
/// <c>gzip-read [FILE.gz] [--repeat R]</c>: decompresses a .gz (default: the shared Online Retail file)
/// to nowhere with <see cref="VerifiedGzipStream"/> (member framing, CRC-32 and length checks) and
/// with <see cref="GZipStream"/>, alternating, from memory so the disk is not measured; prints the
/// median seconds and MB/s of each. Both run the same zlib inflater, so the difference is the checks.
/// </summary>
internal static class GzipReadHarness
{
    public static int Run(string[] args)
    {
        var repeat = args.Contains("--repeat") ? int.Parse(args[Array.IndexOf(args, "--repeat") + 1], CultureInfo.InvariantCulture) : 7;
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != repeat.ToString(CultureInfo.InvariantCulture))
            ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "data", "online_retail", "online_retail.csv.gz"));
        var gz = File.ReadAllBytes(path);
        var buffer = new byte[1 << 20];
        long Drain(Stream s)
        {
            long total = 0;
            int n;
            while ((n = s.Read(buffer)) > 0) total += n;
            return total;
        }
        var verified = new List<double>();
        var plain = new List<double>();
        long size = 0;
        for (var i = 0; i <= repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            using (var s = new VerifiedGzipStream(new MemoryStream(gz), path, gz.Length)) size = Drain(s);
            var a = clock.Elapsed.TotalSeconds;
            clock.Restart();
            using (var s = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress)) Drain(s);
            var b = clock.Elapsed.TotalSeconds;
            if (i == 0) continue; // the first round compiles both
            verified.Add(a);
            plain.Add(b);
        }
        static double Median(List<double> x) => x.Order().ElementAt(x.Count / 2);
        Console.WriteLine($"{path}: {gz.Length / 1e6:F1} MB -> {size / 1e6:F1} MB, {repeat} alternating runs");
        Console.WriteLine($"  VerifiedGzipStream: median {Median(verified):F3} s ({size / 1e6 / Median(verified):F0} MB/s); runs {string.Join(", ", verified.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"  GZipStream:         median {Median(plain):F3} s ({size / 1e6 / Median(plain):F0} MB/s); runs {string.Join(", ", plain.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))}");
        return 0;
    }
}
