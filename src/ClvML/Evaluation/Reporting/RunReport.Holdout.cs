using System.Globalization;
using ClvML.Evaluation.Charts;
using ClvML.Evaluation.Diagnostics;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;

namespace ClvML.Evaluation.Reporting;

public static partial class RunReport
{
    private static void AddLeaderboard(ReportSection section, RunReportInput input, HoldoutTable holdout, IReadOnlyList<RankedModel> ranked, RunDiagnostics diagnostics)
    {
        var automlWinner = diagnostics.AutoMLWinner;
        section.AddParagraph("Every model forecasts the same customers' holdout spend. Transaction models are multiplied by the Gamma-Gamma "
            + "expected spend per purchase; the regressors' forecasts are out-of-fold (each customer predicted by a model that did not see it), "
            + "at each trainer's best configuration of the AutoML search; the formulas use the calibration history only. "
            + "Bias is total predicted over total actual, minus 1; capture is the share of actual holdout spend held by the top-ranked customers. "
            + "Where most customers spend nothing in the holdout, MAE favours forecasts close to zero: read it together with bias and normalized Gini.");
        // The table shows the metrics DESIGN.md names (the page has room for eight); metrics.json has
        // top-20% capture too, and the purchase metrics are in their own table below.
        var display = new MetricsDocument(
            [.. HoldoutLeaderboard.ToModelMetrics(ranked).Select(m => new ModelMetrics(
                ModelDisplayNames.Of(m.Name) + (m.Kind == ModelKinds.Regression && m.Name == automlWinner ? " (AutoML winner)" : "")
                    + (m.Kind == ModelKinds.Probabilistic && AtNoDropoutLimit(diagnostics, m.Name) ? " (no-dropout limit)" : ""), m.Kind,
                m.Metrics.Where(p => LeaderboardColumns.Contains(p.Key) || p.Key == input.PrimaryMetric)) { Rank = m.Rank })], [])
        { PrimaryMetric = input.PrimaryMetric };
        var tied = ranked.GroupBy(r => r.Rank).Any(g => g.Count() > 1);
        section.AddTable(LeaderboardTable.Create(display, $"Holdout metrics, best first by {MetricTitle(input.PrimaryMetric)}"
            + (tied ? $"; models equal on it to within {TieShare} share a rank" : "")));

        var gains = new List<LineSeries>
        {
            new("Random ranking", [0.0, 1.0], [0.0, 1.0], SeriesRole.Reference),
            Gain("Perfect ranking", HoldoutMetrics.Of(holdout.ActualSpend, holdout.ActualSpend).Gain, SeriesRole.Actual),
        };
        var modelGains = ranked.Select(r => Gain(ModelDisplayNames.Of(r.Prediction.Name), r.Spend.Gain, SeriesRole.Model)).ToList();
        gains.AddRange(modelGains);
        section.AddChart(new LineChart("Gain curves: share of holdout spend held by the top-ranked customers")
        {
            XAxis = new ChartAxis("Share of customers, ranked by predicted holdout spend") { Minimum = 0, Maximum = 1, Format = AxisLabelFormat.Percent },
            YAxis = new ChartAxis("Share of actual holdout spend") { Minimum = 0, Maximum = 1, Format = AxisLabelFormat.Percent },
            Series = gains,
        }, "The higher a curve, the better the model ranks customers by value; the dashed diagonal is a random ranking and the black curve the perfect one (customers ranked by their actual holdout spend). Models are listed in leaderboard order."
           + Coinciding(modelGains.Select(g => (g.Name, (IReadOnlyList<double>)g.Y)), lines: true));

        var transaction = ranked.Where(r => r.Prediction.Purchases is not null).ToList();
        if (transaction.Count > 0)
        {
            var actual = holdout.ActualPurchases.Sum();
            var table = new ReportTable([ReportColumn.Text("Model"), ReportColumn.Number("Predicted purchases", "N0"), ReportColumn.Number("Actual purchases", "N0"),
                ReportColumn.Number("Difference", "P1"), ReportColumn.Number("MAE per customer", "0.000")], "Holdout purchases, predicted vs actual in total");
            foreach (var r in transaction)
                table.AddRow(ModelDisplayNames.TransactionModel(r.Prediction.Name), r.Prediction.Purchases!.Sum(), actual, r.PurchasesBias, r.PurchasesMae);
            section.AddTable(table);
        }
    }

    private static bool AtNoDropoutLimit(RunDiagnostics diagnostics, string model) =>
        diagnostics.Fits.Any(f => f.Model == model && f.AtNoDropoutLimit);

    private static readonly string[] LeaderboardColumns =
        [MetricNames.Mae, MetricNames.Rmse, MetricNames.R2, MetricNames.Bias, MetricNames.Spearman, MetricNames.NormalizedGini, MetricNames.DecileMape, MetricNames.TopDecileCapture];

    private static LineSeries Gain(string name, IReadOnlyList<GainPoint> curve, SeriesRole role) =>
        new(name, [.. curve.Select(p => p.CustomerShare)], [.. curve.Select(p => p.ValueShare)], role) { ShowMarkers = false };

    private static void AddDeciles(ReportSection section, HoldoutTable holdout, IReadOnlyList<RankedModel> ranked)
    {
        // A model whose decile table is that of one drawn above it would only repeat the chart: it is named instead.
        var drawn = new List<RankedModel>();
        var repeats = new List<(string Model, string Of)>();
        foreach (var r in ranked.Take(DecileChartModels))
        {
            var same = drawn.FirstOrDefault(d => Coinciding([("", DecileValues(d)), ("", DecileValues(r))], lines: false).Length > 0);
            if (same is null) drawn.Add(r);
            else repeats.Add((ModelDisplayNames.Of(r.Prediction.Name), ModelDisplayNames.Of(same.Prediction.Name)));
        }
        var share = Percent(CoincidenceShare);
        section.AddParagraph("Customers are cut into ten equal groups by each model's forecast, highest first, and the mean actual holdout spend "
            + "of each group is set beside the mean forecast (the decile table Malthouse & Blattberg 2005 use to judge CLV models). "
            + $"A good model's bars fall from left to right and match in height. Shown for the top {Math.Min(DecileChartModels, ranked.Count)} models of the leaderboard"
            + (repeats.Count == 0 ? "." : "; " + string.Join("; ", repeats.GroupBy(p => p.Of).Select(g =>
                $"{Join(g.Select(p => p.Model))} {(g.Count() == 1 ? "has" : "have")} the table of {g.Key} (every bar within {share} of the largest), so {(g.Count() == 1 ? "it is" : "they are")} not drawn again")) + "."));
        string[] deciles = [.. Enumerable.Range(1, 10).Select(d => d.ToString(CultureInfo.InvariantCulture))];
        foreach (var r in drawn)
        {
            var rows = r.Spend.Deciles;
            section.AddChart(new BarChart($"Decile table: {ModelDisplayNames.Of(r.Prediction.Name)}")
            {
                Categories = deciles,
                CategoryAxisTitle = "Predicted decile (1 = highest forecast)",
                ValueAxis = new ChartAxis("Mean holdout spend per customer"),
                Series = [new BarSeries("Actual", [.. rows.Select(d => d.MeanActual)], SeriesRole.Actual),
                          new BarSeries("Predicted", [.. rows.Select(d => d.MeanPredicted)])],
                Height = 340,
            }, $"Decile MAPE {FormatMetric("decile_mape", r.Spend.DecileMape)}; the top decile holds {FormatMetric("top_decile_capture", r.Spend.TopDecileCapture)} of actual holdout spend.");
        }
    }

    /// <summary>A model's decile table as one series: mean actual, then mean predicted, per decile.</summary>
    private static IReadOnlyList<double> DecileValues(RankedModel model) =>
        [.. model.Spend.Deciles.Select(d => d.MeanActual), .. model.Spend.Deciles.Select(d => d.MeanPredicted)];
}
