using System.Globalization;
using ClvML.Features;
using ClvML.Tests.Features;

namespace ClvML.Tests.Probabilistic;

/// <summary>
/// The CDNOW sample as the BTYD papers use it (Fader, Hardie &amp; Lee 2005): 2,357 customers, calibration
/// 1997-01-01..1997-09-30, weeks with daily purchase periods. Two routes to the same numbers: the
/// raw transactions through our feature builder, and lifetimes' own summary file.
/// </summary>
internal static class CdnowData
{
    private static readonly Lazy<CustomerFeatureTable> Table = new(() => CdnowFeatureTests.BuildCdnow().Table);

    public static CustomerFeatureTable FromTransactions()
    {
        SharedData.File("cdnow", "CDNOW_sample.txt"); // skip (or fail under CI) before the lazy build
        return Table.Value;
    }

    /// <summary>cdnow_customers_summary.csv: ID,frequency,recency,T (recency and T rounded to 2 dp).</summary>
    public static (double[] X, double[] Tx, double[] T) FromSummaryFile()
    {
        var lines = File.ReadAllLines(SharedData.File("cdnow", "cdnow_customers_summary.csv")).Skip(1).Where(l => l.Length > 0).ToArray();
        var x = new double[lines.Length];
        var tx = new double[lines.Length];
        var t = new double[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            x[i] = double.Parse(f[1], CultureInfo.InvariantCulture);
            tx[i] = double.Parse(f[2], CultureInfo.InvariantCulture);
            t[i] = double.Parse(f[3], CultureInfo.InvariantCulture);
        }
        return (x, tx, t);
    }
}
