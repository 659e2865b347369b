namespace ClvML.Evaluation.Report;

/// <summary>
/// The leaderboard as a report table: one row per model in the order of the metrics document
/// (the caller sorts by the primary metric), its rank ("1 (tie)" where models share it), one column per
/// metric with a header and number format fit for it. Metrics a model lacks show as a dash.
/// </summary>
public static class LeaderboardTable
{
    /// <summary>Header and format of the metrics DESIGN.md names; others print their key with four significant digits.</summary>
    private static readonly Dictionary<string, (string Header, string Format)> KnownMetrics = new()
    {
        [MetricNames.Mae] = ("MAE", "N2"),
        [MetricNames.Rmse] = ("RMSE", "N2"),
        [MetricNames.R2] = ("R²", "0.000"),
        [MetricNames.Bias] = ("Bias", "P1"),
        [MetricNames.Spearman] = ("Spearman", "0.000"),
        [MetricNames.NormalizedGini] = ("Normalized Gini", "0.000"),
        [MetricNames.DecileMape] = ("Decile MAPE", "P1"),
        [MetricNames.TopDecileCapture] = ("Top-10% capture", "P1"),
        [MetricNames.TopTwentyPercentCapture] = ("Top-20% capture", "P1"),
        [MetricNames.PurchasesBias] = ("Purchases bias", "P1"),
        [MetricNames.PurchasesMae] = ("Purchases MAE", "0.000"),
    };

    /// <summary>Builds the table; the primary metric's header is marked so the sort order is visible.</summary>
    public static ReportTable Create(MetricsDocument metrics, string caption = "Holdout metrics, one row per model")
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var keys = metrics.Models.SelectMany(m => m.Metrics.Select(p => p.Key)).Distinct().ToList();
        var columns = new List<ReportColumn> { ReportColumn.Number("#"), ReportColumn.Text("Model"), ReportColumn.Text("Kind") };
        foreach (var key in keys)
        {
            var (header, format) = KnownMetrics.TryGetValue(key, out var known) ? known : (key, "G4");
            columns.Add(ReportColumn.Number(key == metrics.PrimaryMetric ? header + " (sorted)" : header, format));
        }
        var table = new ReportTable(columns, caption);
        var position = 1;
        foreach (var model in metrics.Models)
        {
            var cells = new object?[columns.Count];
            // A rank shared by tied models says so; models without a rank are numbered in order.
            var rank = model.Rank ?? position;
            cells[0] = metrics.Models.Count(m => m.Rank is { } r && r == rank) > 1 ? $"{rank} (tie)" : rank;
            position++;
            cells[1] = model.Name;
            cells[2] = model.Kind;
            for (var k = 0; k < keys.Count; k++) cells[3 + k] = model[keys[k]];
            table.AddRow(cells);
        }
        return table;
    }
}
