using ClvML.Evaluation.Charts;
using ClvML.Evaluation.Diagnostics;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;

namespace ClvML.Evaluation.Reporting;

public static partial class RunReport
{
    /// <summary>The four diagnostics of lifetimes' plotting module, on the run's customers.</summary>
    private static void AddBtyd(ReportSection section, RunReportInput input, RunDiagnostics diagnostics, HoldoutTable? holdout)
    {
        var unit = input.TimeUnit.ToString().ToLowerInvariant();
        section.AddParagraph("How well the transaction models describe the purchase process itself, as lifetimes' plotting functions show it "
            + "(plot_period_transactions, plot_calibration_purchases_vs_holdout_purchases, plot_cumulative_transactions / plot_incremental_transactions, "
            + "plot_probability_alive_matrix; Fader, Hardie & Lee 2005, figures 3 to 5).");
        if (diagnostics.RepeatPurchases is { } distribution)
            section.AddChart(new BarChart("Repeat purchases in the calibration period: actual vs model")
            {
                Categories = distribution.Categories,
                CategoryAxisTitle = "Repeat purchases in the calibration period",
                ValueAxis = new ChartAxis("Customers"),
                Series = [new BarSeries("Actual", distribution.Actual, SeriesRole.Actual),
                          .. distribution.Models.Select(m => new BarSeries(ModelDisplayNames.TransactionModel(m.Name), m.Values))],
            }, "A model expects the sum over customers of P(X(T) = x) customers with x repeat purchases; the rest fall in 7+, so every model's bars add up to the customer count."
               + Coinciding(distribution.Models.Select(m => (ModelDisplayNames.TransactionModel(m.Name), (IReadOnlyList<double>)m.Values)), lines: false));
        if (diagnostics.RepeatPurchases is { } counts)
        {
            var table = new ReportTable([ReportColumn.Text("Repeat purchases"), ReportColumn.Number("Actual customers", "N0"),
                .. counts.Models.Select(m => ReportColumn.Number(ModelDisplayNames.TransactionModel(m.Name), "N0"))], "Customers by repeat purchases in the calibration period");
            for (var c = 0; c < counts.Categories.Count; c++)
                table.AddRow([counts.Categories[c], counts.Actual[c], .. counts.Models.Select(m => (object?)m.Values[c])]);
            section.AddTable(table);
        }

        if (holdout is not null)
        {
            var models = holdout.Predictions.Where(p => p.Purchases is not null).Select(p => new NamedValues(p.Name, p.Purchases!)).ToList();
            if (models.Count > 0)
            {
                var conditional = ConditionalExpectations.Compute(holdout.CalibrationFrequency, holdout.ActualPurchases, models);
                section.AddChart(new BarChart("Holdout purchases by calibration frequency: actual vs model")
                {
                    Categories = [.. conditional.Categories.Select((c, i) => $"{c} (n={conditional.Customers[i]:N0})")],
                    CategoryAxisTitle = "Repeat purchases in the calibration period (customers)",
                    ValueAxis = new ChartAxis("Mean holdout purchases per customer"),
                    Series = [new BarSeries("Actual", conditional.Actual, SeriesRole.Actual),
                              .. conditional.Models.Select(m => new BarSeries(ModelDisplayNames.TransactionModel(m.Name), m.Values))],
                }, "The conditional expectation E[Y(holdout) | x, t_x, T] averaged over the customers with each calibration frequency; a model that is right only in total misses here."
                   + Coinciding(conditional.Models.Select(m => (ModelDisplayNames.TransactionModel(m.Name), (IReadOnlyList<double>)m.Values)), lines: false));
                // The same numbers as a table: they are what a reader of report.md has, and what one quotes.
                var table = new ReportTable([ReportColumn.Text("Calibration repeat purchases"), ReportColumn.Number("Customers"), ReportColumn.Number("Actual", "0.000"),
                    .. conditional.Models.Select(m => ReportColumn.Number(ModelDisplayNames.TransactionModel(m.Name), "0.000"))],
                    "Mean holdout purchases per customer by calibration frequency");
                for (var c = 0; c < conditional.Categories.Count; c++)
                    table.AddRow([conditional.Categories[c], (long)conditional.Customers[c], conditional.Actual[c], .. conditional.Models.Select(m => (object?)m.Values[c])]);
                section.AddTable(table);
            }
        }

        if (diagnostics.Tracking is { } tracking)
        {
            var marker = new VerticalMarker(tracking.CalibrationEnd, "calibration end");
            section.AddChart(new LineChart("Tracking: cumulative repeat transactions")
            {
                XAxis = new ChartAxis($"{Capitalised(unit)}s since the first transaction") { Minimum = 0, Maximum = tracking.PeriodEnds.LastOrDefault(1) },
                YAxis = new ChartAxis("Cumulative repeat transactions") { IncludeZero = true },
                Series = [new LineSeries("Actual", tracking.PeriodEnds, TransactionTracking.Cumulative(tracking.ActualIncremental), SeriesRole.Actual) { ShowMarkers = false },
                          .. tracking.Models.Select(m => new LineSeries(ModelDisplayNames.TransactionModel(m.Name), tracking.PeriodEnds, TransactionTracking.Cumulative(m.Values)) { ShowMarkers = false })],
                Markers = [marker],
            }, $"Repeat transactions of the run's customers up to the end of each {unit}; a model expects the sum over customers already acquired of E[X(t − first purchase)]. Right of the marker the models forecast the holdout."
               + Coinciding(tracking.Models.Select(m => (ModelDisplayNames.TransactionModel(m.Name), (IReadOnlyList<double>)TransactionTracking.Cumulative(m.Values))), lines: true));
            // A partial last period (the observation end mid-week) would show as a sudden drop of both
            // series; it is left out of the per-period chart and kept in the cumulative one.
            var full = tracking.PeriodEnds.Length > 1 && tracking.PeriodEnds[^1] != Math.Floor(tracking.PeriodEnds[^1]) ? tracking.PeriodEnds.Length - 1 : tracking.PeriodEnds.Length;
            double[] ends = tracking.PeriodEnds[..full];
            section.AddChart(new LineChart($"Tracking: repeat transactions per {unit}")
            {
                XAxis = new ChartAxis($"{Capitalised(unit)}s since the first transaction") { Minimum = 0, Maximum = tracking.PeriodEnds.LastOrDefault(1) },
                YAxis = new ChartAxis($"Repeat transactions per {unit}") { IncludeZero = true },
                Series = [new LineSeries("Actual", ends, tracking.ActualIncremental[..full], SeriesRole.Actual) { ShowMarkers = false },
                          .. tracking.Models.Select(m => new LineSeries(ModelDisplayNames.TransactionModel(m.Name), ends, m.Values[..full]) { ShowMarkers = false })],
                Markers = [marker],
            }, "The same tracking per period: the actual series shows seasonality and promotions the models do not know of."
               + (full < tracking.PeriodEnds.Length ? $" The last, partial {unit} before the observation end is left out here." : "")
               + Coinciding(tracking.Models.Select(m => (ModelDisplayNames.TransactionModel(m.Name), (IReadOnlyList<double>)m.Values[..full])), lines: true));
        }

        if (diagnostics.Alive is { } alive)
        {
            section.AddChart(new HeatMap($"Mean P(alive) by frequency and recency ({ModelDisplayNames.TransactionModel(alive.Model)})")
            {
                Values = alive.MeanPAlive,
                RowLabels = alive.FrequencyBins,
                ColumnLabels = alive.RecencyBins,
                RowAxisTitle = "Repeat purchases (frequency)",
                ColumnAxisTitle = $"Age at last purchase (recency, {unit}s)",
                ValueTitle = "Mean P(alive)",
                ValueMinimum = 0,
                ValueMaximum = 1,
            }, AliveCaption(alive, unit, diagnostics));
        }
    }

    private static string Capitalised(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
