using System.Globalization;
using System.Text;
using ClvML.Clustering;
using ClvML.Data;
using ClvML.Features;
using ClvML.Persistence;
using ClvML.Numerics;

namespace ClvML.Training;

/// <summary>The CSV files of <see cref="SegmentationStage"/>; numbers in invariant culture, doubles round-trip.</summary>
public static class SegmentationFiles
{
    /// <summary>Format version of k_selection.csv, profiles.csv, assignments.csv and rfm_segments.csv.</summary>
    public const int FileFormatVersion = 1;

    /// <summary>segments/k_selection.csv: one row per k with every score, the rank sum and the chosen k marked.</summary>
    public static RunFile WriteClusterCountTable(ClusterCountSearchResult search, RunDirectory run)
    {
        var text = new StringBuilder("k,inertia,silhouette,davies_bouldin,calinski_harabasz,iterations,rank_sum,chosen\n");
        foreach (var s in search.Scores)
            text.Append(CultureInfo.InvariantCulture,
                $"{s.ClusterCount},{s.Inertia:R},{s.Silhouette:R},{s.DaviesBouldin:R},{s.CalinskiHarabasz:R},{s.Iterations},{s.RankSum},{(s.ClusterCount == search.ChosenClusterCount ? 1 : 0)}\n");
        return Write(run, "segments/k_selection.csv", "k_selection", text);
    }

    /// <summary>segments/profiles.csv: one row per cluster.</summary>
    public static RunFile WriteProfiles(IReadOnlyList<ClusterProfile> profiles, RunDirectory run)
    {
        var extras = profiles.Count == 0 ? [] : profiles[0].ExtraMeans.Keys.ToArray();
        var text = new StringBuilder("cluster,label,customers,customer_share,revenue,revenue_share,mean_recency_days,median_recency_days,mean_purchases,median_purchases,mean_frequency,median_frequency,mean_monetary_value,median_monetary_value,mean_tenure_days,median_tenure_days");
        foreach (var name in extras) text.Append(",mean_").Append(name);
        text.Append('\n');
        foreach (var p in profiles)
        {
            text.Append(CultureInfo.InvariantCulture, $"{p.Cluster},{CsvText.Quote(p.Label)},{p.Customers},{p.CustomerShare:R},{p.Revenue:R},{p.RevenueShare:R}");
            foreach (var c in new[] { p.RecencyDays, p.Purchases, p.Frequency, p.MonetaryValue, p.TenureDays })
                text.Append(CultureInfo.InvariantCulture, $",{c.Mean:R},{c.Median:R}");
            foreach (var name in extras) text.Append(CultureInfo.InvariantCulture, $",{p.ExtraMeans[name]:R}");
            text.Append('\n');
        }
        return Write(run, "segments/profiles.csv", "cluster_profiles", text);
    }

    /// <summary>segments/assignments.csv: each customer's cluster and label, and RFM scores, code and segment when scored.</summary>
    public static RunFile WriteAssignments(CustomerFeatureTable table, IReadOnlyList<int> clusters, IReadOnlyList<string> labels, RfmScores? rfm, RunDirectory run)
    {
        var text = new StringBuilder(rfm is null ? "customer_id,cluster,label\n" : "customer_id,cluster,label,r,f,m,rfm_code,rfm_segment\n");
        var quoted = labels.Select(CsvText.Quote).ToArray();
        for (var i = 0; i < table.Count; i++)
        {
            text.Append(CsvText.Quote(table.CustomerIds[i])).Append(',').Append(clusters[i].ToString(CultureInfo.InvariantCulture)).Append(',').Append(quoted[clusters[i]]);
            if (rfm is not null)
                text.Append(CultureInfo.InvariantCulture, $",{rfm.Recency[i]},{rfm.Frequency[i]},{rfm.Monetary[i]},{rfm.Code(i)},{CsvText.Quote(rfm.Segments[i])}");
            text.Append('\n');
        }
        return Write(run, "segments/assignments.csv", "segment_assignments", text);
    }

    /// <summary>segments/rfm_segments.csv: size and value of each RFM segment, largest revenue first.</summary>
    public static RunFile WriteRfmSegments(CustomerValues values, RfmScores rfm, RunDirectory run)
    {
        var totalRevenue = Money.Sum(values.Revenue);
        var n = values.Count;
        var text = new StringBuilder("segment,customers,customer_share,revenue,revenue_share,mean_recency_days,mean_purchases,mean_revenue\n");
        var groups = Enumerable.Range(0, n).GroupBy(i => rfm.Segments[i])
            .Select(g => (Segment: g.Key, Rows: g.ToArray(), Revenue: Money.Sum(g.Select(i => values.Revenue[i]))))
            .OrderByDescending(g => g.Revenue).ThenBy(g => g.Segment, StringComparer.Ordinal);
        foreach (var (segment, rows, revenue) in groups)
            text.Append(CultureInfo.InvariantCulture,
                $"{CsvText.Quote(segment)},{rows.Length},{(double)rows.Length / n:R},{revenue:R},{(totalRevenue > 0 ? revenue / totalRevenue : 0):R},{rows.Average(i => values.RecencyDays[i]):R},{rows.Average(i => values.Purchases[i]):R},{Money.Divide(revenue, rows.Length):R}\n");
        return Write(run, "segments/rfm_segments.csv", "rfm_segments", text);
    }

    private static RunFile Write(RunDirectory run, string relativePath, string kind, StringBuilder text)
    {
        var path = run.File(relativePath);
        File.WriteAllText(path, text.ToString());
        return new RunFile(relativePath, kind, FileFormatVersion, RunManifest.HashFile(path));
    }
}
