using ClvML.Evaluation.Charts;
using ClvML.Evaluation.Report;

namespace ClvML.Tests.Evaluation.Report;

/// <summary>
/// A report with every chart type and block kind on made-up but realistically shaped data (the
/// shapes of CDNOW-like BTYD diagnostics), used by the writer tests and to look at the rendering.
/// Set CLVML_REPORT_DEMO_DIR to have <see cref="DemoReportTests"/> write it there.
/// </summary>
internal static class DemoReport
{
    public static readonly string[] Models = ["BG/NBD x Gamma-Gamma", "MBG/NBD x Gamma-Gamma", "Pareto/NBD x Gamma-Gamma", "Gradient-boosted trees", "Ridge", "Historic average", "APV x APF x lifespan"];

    public static ReportDocument Build()
    {
        var report = new ReportDocument("ClvML run 2026-11-30T12-00 — model comparison") { Subtitle = "Sample data, seed 42 · calibration 1997-01-01 to 1997-09-30 · holdout 39 weeks" };
        AddData(report.AddSection("Data"));
        AddLeaderboard(report.AddSection("Leaderboard"));
        AddBtyd(report.AddSection("BTYD diagnostics"));
        AddSegments(report.AddSection("Segments"));
        AddEdgeCases(report.AddSection("Edge cases"));
        return report;
    }

    public static MetricsDocument Metrics() => new(
        [.. Models.Select((m, i) => new ModelMetrics(m, i < 3 ? "probabilistic" : i < 5 ? "regression" : "heuristic",
        [
            KeyValuePair.Create(MetricNames.Mae, 31.2 + 4.1 * i), KeyValuePair.Create(MetricNames.Rmse, 88.4 + 7.3 * i),
            KeyValuePair.Create(MetricNames.R2, i == 6 ? double.NaN : 0.41 - 0.05 * i), KeyValuePair.Create(MetricNames.Bias, -0.08 + 0.03 * i),
            KeyValuePair.Create(MetricNames.Spearman, 0.62 - 0.03 * i), KeyValuePair.Create(MetricNames.NormalizedGini, 0.71 - 0.04 * i),
            KeyValuePair.Create(MetricNames.DecileMape, 0.18 + 0.04 * i), KeyValuePair.Create(MetricNames.TopDecileCapture, 0.52 - 0.03 * i),
        ]))],
        [KeyValuePair.Create<string, object?>("customers", 2357), KeyValuePair.Create<string, object?>("start", new DateOnly(1997, 10, 1)),
         KeyValuePair.Create<string, object?>("end", new DateOnly(1998, 6, 30)), KeyValuePair.Create<string, object?>("actual_spend", 94321.57),
         KeyValuePair.Create<string, object?>("actual_purchases", 1788L), KeyValuePair.Create<string, object?>("time_unit", "week")])
    { PrimaryMetric = MetricNames.Mae };

    private static void AddData(ReportSection section)
    {
        section.AddParagraph("Transactions were read from cdnow_sample.csv, validated and normalised; every row is either accepted or rejected with a reason, and the counts add up.");
        section.AddKeyValues(("Rows read", "69,659"), ("Rows accepted", "69,412"), ("Rows rejected", "247"), ("Customers", "23,570"),
            ("Calibration period", "1997-01-01 to 1997-09-30"), ("Holdout period", "1997-10-01 to 1998-06-30"), ("Time unit", "week"));
        section.AddTable(new ReportTable([ReportColumn.Text("Reject reason"), ReportColumn.Number("Rows"), ReportColumn.Number("Share", "P1")], "Rejected rows by reason")
            .AddRow("Unparseable date", 121, 121 / 69659.0).AddRow("Negative amount (return)", 98, 98 / 69659.0).AddRow("Missing customer id", 28, 28 / 69659.0));
    }

    private static void AddLeaderboard(ReportSection section)
    {
        section.AddParagraph("All models are evaluated on the same 23,570 customers' holdout spend, sorted by MAE (lower is better).");
        section.AddTable(LeaderboardTable.Create(Metrics()));

        double[] share = [.. Enumerable.Range(0, 101).Select(i => i / 100.0)];
        var gains = new List<LineSeries> { new("Random", [0.0, 1.0], [0.0, 1.0], SeriesRole.Reference) };
        for (var m = 0; m < Models.Length; m++)
        {
            var power = 5.5 - 0.5 * m;
            gains.Add(new LineSeries(Models[m], share, [.. share.Select(x => 1 - Math.Pow(1 - x, power) * (1 - 0.02 * m * x))]));
        }
        section.AddChart(new LineChart("Gain curves: share of holdout spend captured by the top-ranked customers")
        {
            XAxis = new ChartAxis("Share of customers, ranked by predicted value") { Minimum = 0, Maximum = 1, Format = AxisLabelFormat.Percent },
            YAxis = new ChartAxis("Share of actual holdout spend") { Minimum = 0, Maximum = 1, Format = AxisLabelFormat.Percent },
            Series = gains,
        }, "The higher the curve, the better the ranking; the dashed diagonal is a random ranking.");

        string[] deciles = [.. Enumerable.Range(1, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        section.AddChart(new BarChart("Decile table: Gradient-boosted trees")
        {
            Categories = deciles,
            CategoryAxisTitle = "Predicted decile (1 = highest predicted value)",
            ValueAxis = new ChartAxis("Mean holdout spend per customer (USD)"),
            Series = [new BarSeries("Actual", [412.3, 188.1, 121.9, 80.2, 55.0, 31.7, 18.4, 9.9, 4.2, 1.1], SeriesRole.Actual),
                      new BarSeries("Predicted", [389.0, 201.5, 117.3, 86.8, 52.1, 35.5, 20.9, 11.7, 6.0, 2.8])],
        });
    }

    private static void AddBtyd(ReportSection section)
    {
        string[] counts = ["0", "1", "2", "3", "4", "5", "6", "7+"];
        section.AddChart(new BarChart("Repeat purchases in the calibration period: actual vs model")
        {
            Categories = counts,
            CategoryAxisTitle = "Number of repeat purchases",
            ValueAxis = new ChartAxis("Customers"),
            Series = [new BarSeries("Actual", [14160, 3310, 1560, 1090, 710, 580, 420, 1740], SeriesRole.Actual),
                      new BarSeries(Models[0], [14110, 3470, 1610, 1000, 690, 520, 400, 1770]),
                      new BarSeries(Models[1], [14210, 3250, 1540, 1020, 720, 560, 430, 1840]),
                      new BarSeries(Models[2], [14080, 3520, 1630, 990, 680, 500, 390, 1780])],
        });
        section.AddChart(new BarChart("Conditional expectations: holdout purchases by calibration frequency")
        {
            Categories = counts,
            CategoryAxisTitle = "Repeat purchases in calibration",
            ValueAxis = new ChartAxis("Mean holdout purchases per customer"),
            Series = [new BarSeries("Actual", [0.24, 0.70, 1.39, 1.56, 2.53, 2.95, 3.80, 6.37], SeriesRole.Actual),
                      new BarSeries(Models[0], [0.22, 0.64, 1.20, 1.71, 2.38, 2.85, 3.46, 6.92]),
                      new BarSeries(Models[2], [0.23, 0.66, 1.25, 1.76, 2.41, 2.90, 3.51, 6.70])],
        });

        double[] weeks = [.. Enumerable.Range(1, 78).Select(w => (double)w)];
        double Wave(int w) => 1 + 0.15 * Math.Sin(w * 0.9) + 0.1 * Math.Cos(w * 2.3);
        var actualIncrement = weeks.Select(w => w <= 12 ? 40 * w * Wave((int)w) : 520 * Math.Pow(0.985, w - 12) * Wave((int)w)).ToArray();
        var tracked = new List<(string Name, double[] Increment)> { ("Actual", actualIncrement) };
        for (var m = 0; m < 3; m++)
            tracked.Add((Models[m], [.. weeks.Select(w => w <= 12 ? 40 * w : (520 - 12 * m) * Math.Pow(0.985 - 0.001 * m, w - 12))]));
        static double[] Cumulative(double[] values)
        {
            var sum = 0.0;
            return [.. values.Select(v => sum += v)];
        }
        section.AddChart(new LineChart("Tracking: cumulative repeat transactions")
        {
            XAxis = new ChartAxis("Week since the start of the calibration period"),
            YAxis = new ChartAxis("Cumulative repeat transactions") { IncludeZero = true },
            Series = [.. tracked.Select((t, i) => new LineSeries(t.Name, weeks, Cumulative(t.Increment), i == 0 ? SeriesRole.Actual : SeriesRole.Model))],
            Markers = [new VerticalMarker(39, "Calibration end")],
        });
        section.AddChart(new LineChart("Tracking: weekly repeat transactions")
        {
            XAxis = new ChartAxis("Week since the start of the calibration period"),
            YAxis = new ChartAxis("Repeat transactions per week") { IncludeZero = true },
            Series = [.. tracked.Select((t, i) => new LineSeries(t.Name, weeks, t.Increment, i == 0 ? SeriesRole.Actual : SeriesRole.Model))],
            Markers = [new VerticalMarker(39, "Calibration end")],
        });

        // P(alive) of BG/NBD (Fader, Hardie & Lee 2005, eq. 11) with CDNOW-like parameters, T = 39 weeks.
        const double r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, T = 39;
        var alive = new double[31, 40];
        for (var x = 0; x <= 30; x++)
            for (var t = 0; t <= 39; t++)
                alive[x, t] = x == 0 ? 1 : 1 / (1 + a / (b + x - 1) * Math.Pow((alpha + T) / (alpha + t), r + x));
        section.AddChart(new HeatMap("Probability a customer is alive, by frequency and recency (BG/NBD)")
        {
            Values = alive,
            RowLabels = [.. Enumerable.Range(0, 31).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            ColumnLabels = [.. Enumerable.Range(0, 40).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            RowAxisTitle = "Frequency (repeat purchases)",
            ColumnAxisTitle = "Recency (week of last purchase)",
            ValueTitle = "P(alive)",
            ValueMinimum = 0,
            ValueMaximum = 1,
        });
    }

    private static void AddSegments(ReportSection section)
    {
        double[] k = [2, 3, 4, 5, 6, 7, 8, 9, 10];
        section.AddChart(new LineChart("k selection: inertia (elbow)")
        {
            XAxis = new ChartAxis("Number of clusters k"),
            YAxis = new ChartAxis("Inertia (within-cluster sum of squares)"),
            Series = [new LineSeries("Inertia", k, [41250, 29870, 22010, 18420, 16130, 14810, 13900, 13210, 12680])],
            Markers = [new VerticalMarker(4, "chosen k = 4")],
        });
        section.AddChart(new LineChart("k selection: silhouette and Davies-Bouldin")
        {
            XAxis = new ChartAxis("Number of clusters k"),
            YAxis = new ChartAxis("Score") { IncludeZero = true },
            Series = [new LineSeries("Silhouette (higher is better)", k, [0.41, 0.44, 0.47, 0.43, 0.39, 0.37, 0.35, 0.34, 0.33]),
                      new LineSeries("Davies-Bouldin (lower is better)", k, [0.98, 0.91, 0.84, 0.90, 0.97, 1.02, 1.05, 1.08, 1.11])],
        });
        section.AddTable(new ReportTable([ReportColumn.Text("Cluster"), ReportColumn.Number("Customers"), ReportColumn.Number("Recency (days)", "N0"),
            ReportColumn.Number("Orders", "N1"), ReportColumn.Number("Spend (USD)", "N2")], "Cluster profiles (means)")
            .AddRow("0 | loyal high spenders", 1840, 21.0, 14.2, 1890.5).AddRow("1 | recent newcomers", 5210, 18.0, 1.3, 61.4)
            .AddRow("2 | lapsed", 11020, 241.0, 1.1, 38.9).AddRow("3 | regulars", 5500, 64.0, 4.8, 312.0));

        string[] segments = ["Champions", "Loyal customers", "Potential loyalists", "New customers", "Promising", "Need attention", "About to sleep",
            "At risk", "Can't lose them although they used to buy the most", "Hibernating", "Lost"];
        section.AddChart(new BarChart("RFM segments: customers")
        {
            Categories = segments,
            CategoryAxisTitle = "RFM segment",
            ValueAxis = new ChartAxis("Customers"),
            Series = [new BarSeries("Customers", [1320, 2410, 1980, 1150, 870, 1460, 1720, 2650, 390, 4880, 4740])],
            ShowValues = true,
        });
        section.AddChart(new BarChart("RFM segments: holdout value")
        {
            Categories = segments,
            CategoryAxisTitle = "RFM segment",
            ValueAxis = new ChartAxis("Holdout spend (USD)"),
            Series = [new BarSeries("Actual", [31200, 22800, 9100, 3100, 1900, 4200, 2100, 5400, 2300, 1800, 700], SeriesRole.Actual),
                      new BarSeries("Predicted (BG/NBD x GG)", [29800, 23900, 10200, 3900, 2200, 3900, 2500, 4900, 2100, 2300, 1100])],
        });
    }

    private static void AddEdgeCases(ReportSection section)
    {
        section.AddParagraph("Charts on degenerate data, kept in the demo to check they degrade gracefully.");
        section.AddChart(new LineChart("Empty series") { XAxis = new ChartAxis("x"), YAxis = new ChartAxis("y"), Series = [new LineSeries("Nothing", [], [])], Height = 260 });
        section.AddChart(new LineChart("A single point, constant series and gaps")
        {
            XAxis = new ChartAxis("x"),
            YAxis = new ChartAxis("y"),
            Series = [new LineSeries("One point", [2.5], [4.3]), new LineSeries("Constant", [1.0, 2, 3, 4, 5], [5.0, 5, 5, 5, 5]),
                      new LineSeries("With missing and infinite values", [1.0, 2, 3, 4, 5], [4.0, double.NaN, 4.5, double.PositiveInfinity, 4.8])],
            Height = 300,
        });
        section.AddChart(new LineChart("Log scale y with a non-positive value")
        {
            XAxis = new ChartAxis("Weeks"),
            YAxis = new ChartAxis("Spend (log scale)") { LogScale = true },
            Series = [new LineSeries("Spend", [1.0, 2, 3, 4, 5, 6], [3.0, 0, 40, 700, 12000, 250000])],
            Height = 300,
        });
        section.AddChart(new BarChart("Negative values and a missing bar")
        {
            Categories = ["Decile 1", "Decile 2", "Decile 3", "Decile 4"],
            CategoryAxisTitle = "Decile",
            ValueAxis = new ChartAxis("Error (predicted - actual)"),
            Series = [new BarSeries("Model A", [12.5, -4.2, double.NaN, -20.1]), new BarSeries("Model B", [3.0, 1.5, -2.5, 8.0])],
            ShowValues = true,
            Height = 300,
        });
        section.AddChart(new LineChart("Twelve models with long names")
        {
            XAxis = new ChartAxis("Share of customers") { Format = AxisLabelFormat.Percent },
            YAxis = new ChartAxis("Share of spend") { Format = AxisLabelFormat.Percent },
            Series = [.. Enumerable.Range(0, 12).Select(i => new LineSeries($"Candidate model {i + 1} from the AutoML search with a long name", [0.0, 0.5, 1], [0.0, 0.5 + 0.03 * i, 1]))],
        });
        var dense = new double[12, 104];
        for (var r = 0; r < 12; r++)
            for (var c = 0; c < 104; c++)
                dense[r, c] = Math.Sin(r * 0.4) * Math.Cos(c * 0.11) * 1000;
        section.AddChart(new HeatMap("Dense heat map: weekly spend by cohort")
        {
            Values = dense,
            RowLabels = [.. Enumerable.Range(0, 12).Select(r => $"Cohort 1997-{r + 1:00}")],
            ColumnLabels = [.. Enumerable.Range(0, 104).Select(c => $"Week {c + 1}")],
            RowAxisTitle = "Acquisition cohort",
            ColumnAxisTitle = "Week",
            ValueTitle = "Spend difference (USD)",
            FirstRowAtBottom = false,
        });
        section.AddChart(new HeatMap("All-equal heat map with a missing cell")
        {
            Values = new double[,] { { 0.5, 0.5, 0.5 }, { 0.5, double.NaN, 0.5 } },
            RowLabels = ["row one", "row two"],
            ColumnLabels = ["a", "b", "a very long column label that needs cutting"],
            RowAxisTitle = "Rows",
            ColumnAxisTitle = "Columns",
            Height = 280,
        });
    }
}
