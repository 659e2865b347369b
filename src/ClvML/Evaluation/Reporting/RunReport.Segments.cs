using ClvML.Evaluation.Charts;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;
using ClvML.Numerics;

namespace ClvML.Evaluation.Reporting;

public static partial class RunReport
{
    private static void AddSegments(ReportSection section, RunReportInput input, HoldoutTable? holdout, IReadOnlyList<RankedModel>? ranked)
    {
        var folder = Path.Combine(input.RunPath, "segments");
        var kSelection = Path.Combine(folder, "k_selection.csv");
        var profiles = Path.Combine(folder, "profiles.csv");
        var rfm = Path.Combine(folder, "rfm_segments.csv");
        if (!File.Exists(profiles) && !File.Exists(rfm))
        {
            section.AddParagraph("The segmentation stage was off for this run (segmentation.enabled: false).");
            return;
        }
        if (File.Exists(kSelection)) AddClusterCount(section, RunCsvFile.Read(kSelection));
        if (File.Exists(profiles)) AddProfiles(section, RunCsvFile.Read(profiles, "cluster", "label"));
        if (File.Exists(rfm)) AddRfm(section, RunCsvFile.Read(rfm, "segment"), input, holdout, ranked);
    }

    private static void AddClusterCount(ReportSection section, RunCsvFile csv)
    {
        var k = csv.Numbers("k");
        var chosen = csv.Numbers("chosen");
        var pick = Enumerable.Range(0, k.Length).Where(i => chosen[i] == 1).Select(i => k[i]).FirstOrDefault(double.NaN);
        VerticalMarker[] markers = double.IsFinite(pick) ? [new VerticalMarker(pick, $"chosen k = {pick:0}")] : [];
        section.AddChart(new LineChart("k selection: inertia (elbow)")
        {
            XAxis = new ChartAxis("Number of clusters k"),
            YAxis = new ChartAxis("Inertia (within-cluster sum of squares)") { IncludeZero = true },
            Series = [new LineSeries("Inertia", k, csv.Numbers("inertia"))],
            Markers = markers,
            Height = 340,
        });
        section.AddChart(new LineChart("k selection: silhouette and Davies-Bouldin")
        {
            XAxis = new ChartAxis("Number of clusters k"),
            YAxis = new ChartAxis("Score") { IncludeZero = true },
            Series = [new LineSeries("Silhouette (higher is better)", k, csv.Numbers("silhouette")),
                      new LineSeries("Davies-Bouldin (lower is better)", k, csv.Numbers("davies_bouldin"))],
            Markers = markers,
            Height = 340,
        }, "k is chosen by the rank sum of the scores over the range tried (segments/k_selection.csv).");
    }

    private static void AddProfiles(ReportSection section, RunCsvFile csv)
    {
        var extras = csv.Header.Where(h => h is "mean_p_alive" or "mean_clv").ToArray();
        var columns = new List<ReportColumn>
        {
            ReportColumn.Text("Cluster"), ReportColumn.Number("Customers"), ReportColumn.Number("Share", "P1"), ReportColumn.Number("Revenue share", "P1"),
            ReportColumn.Number("Recency (days, mean)", "N0"), ReportColumn.Number("Purchases (mean)", "N1"), ReportColumn.Number("Repeat spend (mean)", "N2"),
            ReportColumn.Number("Tenure (days, mean)", "N0"),
        };
        columns.AddRange(extras.Select(e => ReportColumn.Number(e == "mean_p_alive" ? "P(alive) (mean)" : "CLV (mean)", e == "mean_p_alive" ? "0.00" : "N2")));
        var table = new ReportTable(columns, "Cluster profiles (k-means on the transformed RFM features)");
        var label = csv.Text("label");
        var cluster = csv.Text("cluster");
        var numbers = new[] { "customers", "customer_share", "revenue_share", "mean_recency_days", "mean_purchases", "mean_monetary_value", "mean_tenure_days" }
            .Concat(extras).Select(csv.Numbers).ToArray();
        for (var i = 0; i < label.Length; i++)
            table.AddRow([$"{cluster[i]} · {label[i]}", (long)numbers[0][i], .. numbers.Skip(1).Select(c => (object?)c[i])]);
        section.AddTable(table);
    }

    private static void AddRfm(ReportSection section, RunCsvFile csv, RunReportInput input, HoldoutTable? holdout, IReadOnlyList<RankedModel>? ranked)
    {
        var segments = csv.Text("segment");
        var customers = csv.Numbers("customers");
        var revenue = csv.Numbers("revenue");
        section.AddChart(new BarChart("RFM segments: customers")
        {
            Categories = segments,
            CategoryAxisTitle = "RFM segment (quintile scores of recency, frequency and monetary value)",
            ValueAxis = new ChartAxis("Customers"),
            Series = [new BarSeries("Customers", customers)],
            ShowValues = true,
        });
        var table = new ReportTable([ReportColumn.Text("RFM segment"), ReportColumn.Number("Customers"), ReportColumn.Number("Share", "P1"),
            ReportColumn.Number("Calibration revenue", "N0"), ReportColumn.Number("Revenue share", "P1"), ReportColumn.Number("Revenue per customer", "N2"),
            ReportColumn.Number("Recency (days, mean)", "N0"), ReportColumn.Number("Purchases (mean)", "N1")], "RFM segments by calibration revenue");
        var share = csv.Numbers("customer_share");
        var revenueShare = csv.Numbers("revenue_share");
        var perCustomer = csv.Numbers("mean_revenue");
        var recency = csv.Numbers("mean_recency_days");
        var purchases = csv.Numbers("mean_purchases");
        for (var i = 0; i < segments.Length; i++)
            table.AddRow(segments[i], (long)customers[i], share[i], revenue[i], revenueShare[i], perCustomer[i], recency[i], purchases[i]);
        section.AddTable(table);

        // Holdout value per segment, actual against the best model, when the run has both.
        var assignments = Path.Combine(input.RunPath, "segments", "assignments.csv");
        if (holdout is null || ranked is null || !File.Exists(assignments)) return;
        var assigned = RunCsvFile.Read(assignments, "rfm_segment");
        if (!assigned.Has("rfm_segment") || assigned.RowCount != holdout.CustomerIds.Count) return;
        var segmentOf = assigned.Text("rfm_segment");
        var tied = HoldoutLeaderboard.Best(ranked).Count;
        var best = ranked[0].Prediction;
        double[] actual = new double[segments.Length], predicted = new double[segments.Length];
        var index = segments.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        for (var i = 0; i < segmentOf.Length; i++)
        {
            if (!index.TryGetValue(segmentOf[i], out var s)) continue;
            actual[s] = Money.Add(actual[s], holdout.ActualSpend[i]);
            predicted[s] += best.Spend[i];
        }
        section.AddChart(new BarChart(tied == 1 ? "RFM segments: holdout spend, actual vs best model" : "RFM segments: holdout spend, actual vs a model tied for best")
        {
            Categories = segments,
            CategoryAxisTitle = "RFM segment",
            ValueAxis = new ChartAxis("Holdout spend"),
            Series = [new BarSeries("Actual", actual, SeriesRole.Actual), new BarSeries(ModelDisplayNames.Of(best.Name), predicted)],
        }, tied == 1 ? "Total holdout spend of each segment's customers, observed and as forecast by the leaderboard's best model."
            : $"Total holdout spend of each segment's customers, observed and as forecast by {ModelDisplayNames.Of(best.Name)}, the first in config order of the {tied} models tied for best.");
    }
}
