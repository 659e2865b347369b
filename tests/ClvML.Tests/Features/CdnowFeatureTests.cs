using System.Globalization;
using ClvML.Data;
using ClvML.Data.Csv;
using ClvML.Features;

namespace ClvML.Tests.Features;

/// <summary>
/// CDNOW sample (Fader, Hardie &amp; Lee 2005): calibration 1997-01-01..1997-09-30, weekly units with
/// daily purchase periods (lifetimes' freq='D', freq_multiplier=7). The golden files are lifetimes'
/// own summaries of the same data: frequency exact, recency and T published to 2 decimals, the
/// repeat-spend mean (zbar) to the cent.
/// </summary>
public sealed class CdnowFeatureTests
{
    internal static readonly DataSettings CdnowSample = new()
    {
        Source = DataSourceKind.Csv,
        Delimiter = DataSettings.WhitespaceDelimiter,
        Header = false,
        ColumnNames = ["master_id", "customer_id", "date", "cds", "amount"],
        TimestampFormats = ["yyyyMMdd"],
    };

    internal static readonly FeatureSettings CdnowWeeks = new()
    {
        TimeUnit = TimeUnit.Week,
        PurchasePeriod = TimeUnit.Day,
        CalibrationEnd = new DateOnly(1997, 9, 30),
        ObservationEnd = new DateOnly(1998, 6, 30),
    };

    internal static FeatureBuildResult BuildCdnow(FeatureSettings? features = null, DataSettings? data = null)
    {
        var path = SharedData.File("cdnow", "CDNOW_sample.txt");
        var settings = data ?? CdnowSample;
        return FeatureBuilder.FromTransactions(new CsvTransactionSource(path, settings), settings, features ?? CdnowWeeks,
            () => new RejectLog(path, settings.BadRows));
    }

    private static Dictionary<string, string[]> ReadGolden(string file)
    {
        var lines = System.IO.File.ReadAllLines(SharedData.File("cdnow", file));
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture).ToString("D4", CultureInfo.InvariantCulture));
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Frequency_recency_and_T_match_lifetimes_summary_for_all_2357_customers()
    {
        var result = BuildCdnow();
        var golden = ReadGolden("cdnow_customers_summary.csv");
        var table = result.Table;
        Assert.Equal(2357, table.Count);
        Assert.Equal(6919, result.Rejects.RowsRead);
        Assert.Equal(0, result.Rejects.Rejected);
        for (var i = 0; i < table.Count; i++)
        {
            var g = golden[table.CustomerIds[i]];
            Assert.Equal(D(g[1]), table.Frequency[i]);
            Assert.Equal(D(g[2]), table.Recency[i], 0.005 + 1e-9);
            Assert.Equal(D(g[3]), table.T[i], 0.005 + 1e-9);
        }
    }

    [Fact]
    public void Repeat_spend_mean_matches_zbar_to_the_cent()
    {
        var table = BuildCdnow().Table;
        var golden = ReadGolden("cdnow_customers_summary_with_transactions.csv");
        Assert.Equal(golden.Count, table.Count);
        for (var i = 0; i < table.Count; i++)
        {
            var g = golden[table.CustomerIds[i]];
            Assert.Equal(D(g[1]), table.Frequency[i]);
            Assert.Equal(D(g[4]), table.MonetaryValue[i], 0.005 + 1e-9);
        }
    }

    [Fact]
    public void Holdout_targets_add_up_to_the_holdout_transactions()
    {
        var result = BuildCdnow();
        var holdout = result.Table.Holdout!;
        // Every CDNOW sample customer joined in Q1 1997, so the whole holdout spend belongs to them:
        // the sample's total spend (244,091.94, shared/data/README.md) = calibration + holdout spend.
        var total = result.Table.Rfm!.TotalSpend.Sum() + holdout.Spend.Sum();
        Assert.Equal(244_091.94, total, 0.005);
        Assert.Equal(39.0, holdout.Duration[0], 1e-12); // 273 days / 7
        Assert.Equal(0, result.Stats.CustomersFirstSeenInHoldout);
    }

    [Fact]
    public void The_summary_file_reads_as_a_summary_input()
    {
        var path = SharedData.File("cdnow", "cdnow_customers_summary_with_transactions.csv");
        var data = new DataSettings
        {
            Kind = DataKind.Summary,
            Columns = new ColumnMapping { CustomerId = "ID", Frequency = "x", Recency = "t_x", T = "T", MonetaryValue = "zbar" },
        };
        var rejects = new RejectLog(path, BadRowPolicy.Reject);
        var summary = SummaryReader.Read(path, data, CdnowWeeks, rejects);
        Assert.Equal(2357, summary.Count);
        Assert.Equal(0, rejects.Rejected);
        var fromTransactions = BuildCdnow().Table;
        var byId = Enumerable.Range(0, summary.Count).ToDictionary(i => int.Parse(summary.CustomerIds[i], CultureInfo.InvariantCulture));
        for (var i = 0; i < fromTransactions.Count; i++)
        {
            var j = byId[int.Parse(fromTransactions.CustomerIds[i], CultureInfo.InvariantCulture)];
            Assert.Equal(summary.Frequency[j], fromTransactions.Frequency[i]);
            Assert.Equal(summary.T[j], fromTransactions.T[i], 0.005 + 1e-9);
        }
    }
}
