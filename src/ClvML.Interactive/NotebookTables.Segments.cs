using ClvML.Clustering;
using ClvML.Evaluation.Report;

namespace ClvML.Interactive;

public static partial class NotebookTables
{
    /// <summary>
    /// Who is in each cluster, in report.html's columns: size, shares of customers and revenue, the mean customer
    /// (days since the last purchase, purchases, repeat spend, tenure), then each extra column's mean.
    /// </summary>
    public static ReportTable ClusterProfiles(IEnumerable<ClusterProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var list = profiles.ToList();
        var extras = list.SelectMany(p => p.ExtraMeans.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var table = new ReportTable([
            ReportColumn.Text("Cluster"), ReportColumn.Number("Customers"), ReportColumn.Number("Share", "P1"), ReportColumn.Number("Revenue share", "P1"),
            ReportColumn.Number("Recency (days, mean)", "N0"), ReportColumn.Number("Recency (days, median)", "N0"), ReportColumn.Number("Purchases (mean)", "N1"),
            ReportColumn.Number("Repeat spend (mean)", "N2"), ReportColumn.Number("Tenure (days, mean)", "N0"),
            .. extras.Select(e => ReportColumn.Number($"{e} (mean)", "G4"))], "Cluster profiles");
        foreach (var p in list)
            table.AddRow([Invariant($"{p.Cluster} · {p.Label}"), (long)p.Customers, p.CustomerShare, p.RevenueShare, p.RecencyDays.Mean, p.RecencyDays.Median,
                p.Purchases.Mean, p.MonetaryValue.Mean, p.TenureDays.Mean, .. extras.Select(e => (object?)p.ExtraMeans.GetValueOrDefault(e, double.NaN))]);
        return table;
    }

    /// <summary>Every k tried by <see cref="ClusterCountSearch"/> with its scores, the chosen k marked, and the rule in the caption.</summary>
    public static ReportTable ClusterCounts(ClusterCountSearchResult search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var silhouette = search.SilhouetteSampled ? Invariant($"; silhouette on a seeded sample of {search.SilhouetteRows:N0} customers") : "";
        var table = new ReportTable([
            ReportColumn.Number("k"), ReportColumn.Number("Inertia", "N1"), ReportColumn.Number("Silhouette", "0.0000"), ReportColumn.Number("Davies-Bouldin", "0.0000"),
            ReportColumn.Number("Calinski-Harabasz", "N1"), ReportColumn.Number("Rank sum"), ReportColumn.Text("Chosen")],
            Invariant($"k = {search.ChosenClusterCount} by the {ClusterCountSearch.Rule}{silhouette}"));
        foreach (var s in search.Scores)
            table.AddRow((long)s.ClusterCount, s.Inertia, s.Silhouette, s.DaviesBouldin, s.CalinskiHarabasz, (long)s.RankSum, s.ClusterCount == search.ChosenClusterCount ? "◀ chosen" : "");
        return table;
    }

    /// <summary>Each cluster's centroid in the features' own units (the transform undone), with its label where the model has one.</summary>
    public static ReportTable Centroids(KMeansModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var table = new ReportTable([ReportColumn.Text("Cluster"), .. model.FeatureNames.Select(f => ReportColumn.Number(f, "G4"))],
            Invariant($"k-means centroids ({model.ClusterCount} clusters, {TransformName(model.Transform.Kind)} transform, inertia {model.Inertia:N1})"));
        for (var c = 0; c < model.ClusterCount; c++)
        {
            var label = c < model.Labels.Count && model.Labels[c].Length > 0 ? Invariant($"{c} · {model.Labels[c]}") : Invariant($"{c}");
            table.AddRow([label, .. model.CentroidInFeatureUnits(c).Select(v => (object?)v)]);
        }
        return table;
    }

    /// <summary>The transform as segmentation.transform names it in train.yaml.</summary>
    private static string TransformName(FeatureTransformKind kind) => kind switch
    {
        FeatureTransformKind.LogStandardize => "log_standardize",
        FeatureTransformKind.Standardize => "standardize",
        _ => "no",
    };
}
