using ClvML.Clustering;
using ClvML.Configuration;
using ClvML.Data;
using ClvML.Data.Sample;
using ClvML.Evaluation;
using ClvML.Evaluation.Charts;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;
using ClvML.Features;
using ClvML.Interactive;
using ClvML.Probabilistic;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.ML;

namespace ClvML.Tests.Notebooks;

/// <summary>What a notebook cell shows for ClvML's values once <see cref="ClvMLFormatters.Register"/> has run.</summary>
public sealed class ClvMLFormattersTests
{
    private const string Html = "text/html";

    public ClvMLFormattersTests() => ClvMLFormatters.Register();

    [Fact]
    public void A_chart_shows_as_inline_svg_and_as_an_svg_image()
    {
        var chart = new LineChart("Tracking <weekly>") { Series = [new LineSeries("Actual", [1.0, 2, 3], [4.0, 5, 6], SeriesRole.Actual)] };
        var html = chart.ToDisplayString(Html);
        Assert.StartsWith("<div class=\"clvml-chart\"><svg xmlns=\"http://www.w3.org/2000/svg\"", html);
        Assert.Contains("<title>Tracking &lt;weekly&gt;</title>", html);
        Assert.Equal(chart.ToSvg(), chart.ToDisplayString(ClvMLFormatters.SvgMimeType));
    }

    [Fact]
    public void A_report_table_shows_its_formatted_cells_escaped_and_numbers_right_aligned()
    {
        var table = new ReportTable([ReportColumn.Text("Model"), ReportColumn.Number("Share", "P1")], "Shares & <more>");
        table.AddRow("a<b", 0.125);
        Assert.Equal(
            "<table class=\"clvml-table\"><caption style=\"caption-side: top; text-align: left; font-weight: 600\">Shares &amp; &lt;more&gt;</caption>"
            + "<thead><tr><th style=\"text-align: left\">Model</th><th style=\"text-align: right\">Share</th></tr></thead>"
            + "<tbody><tr><td style=\"text-align: left\">a&lt;b</td><td style=\"text-align: right\">12.5%</td></tr></tbody></table>",
            table.ToDisplayString(Html));
    }

    [Fact]
    public void A_feature_table_shows_its_first_rows_with_the_feature_columns()
    {
        var data = new DataSettings { Columns = new ColumnMapping { OrderId = "order_id", Attributes = ["channel"] } };
        var features = new FeatureSettings { TimeUnit = TimeUnit.Week, PurchasePeriod = TimeUnit.Day, CalibrationEnd = new DateOnly(2025, 6, 30), ObservationEnd = new DateOnly(2025, 12, 31) };
        var source = new SampleTransactionSource(customers: 300, seed: 7, data);
        var table = FeatureBuilder.FromTransactions(source, data, features, () => new RejectLog(source.Name, BadRowPolicy.Reject)).Table;
        var html = table.ToDisplayString(Html);
        Assert.Contains($"calibration to 2025-06-30, holdout to 2025-12-31): the first 20 of {table.Count:N0} rows</caption>", html);
        Assert.Equal(1 + 20, CountOf(html, "<tr>"));
        Assert.Contains(">customer_id</th>", html);
        Assert.Contains(">channel</th>", html);
        Assert.Contains(">holdout_spend</th>", html);
        Assert.Contains($">{table.CustomerIds[0]}</td>", html);
        Assert.Equal(1 + 5, CountOf(NotebookTables.Features(table, rows: 5).ToDisplayString(Html), "<tr>"));
    }

    [Fact]
    public void A_model_shows_its_parameters_and_how_the_fit_went()
    {
        var given = new BgNbdModel(0.243, 4.414, 0.793, 2.426).ToDisplayString(Html);
        Assert.Contains("BG/NBD parameters</caption>", given);
        Assert.Contains("<td style=\"text-align: left\">alpha</td><td style=\"text-align: right\">4.4140</td><td style=\"text-align: right\">–</td>", given);
        Assert.DoesNotContain("<p", given);

        var x = new double[] { 0, 1, 2, 0, 5, 3, 1, 0, 2, 4 };
        var tx = new double[] { 0, 10, 20, 0, 30, 25, 5, 0, 15, 35 };
        var t = new double[] { 40, 40, 40, 30, 40, 38, 20, 10, 39, 40 };
        var fitted = new BgNbd().Fit(x, tx, t);
        var html = ((IProbabilisticModel)fitted).ToDisplayString(Html);
        Assert.Contains($"<p style=\"margin-top: 0.4em\">Log-likelihood {fitted.Diagnostics!.LogLikelihood:F2} on 10 customers (", html);
        Assert.Contains("Gamma-Gamma parameters</caption>", new GammaGammaModel(6.25, 3.74, 15.44).ToDisplayString(Html));
    }

    [Fact]
    public void Cluster_profiles_and_the_k_search_show_as_tables()
    {
        var values = new CustomerValues([5, 200, 10, 300, 7, 250], [8, 1, 6, 1, 9, 2], [7, 0, 5, 0, 8, 1], [40, 0, 35, 0, 50, 20], [300, 250, 280, 310, 290, 260], [320, 15, 210, 20, 450, 60]);
        IReadOnlyList<ClusterProfile> profiles = ClusterProfile.Build(values, [0, 1, 0, 1, 0, 1], 2);
        var html = profiles.ToDisplayString(Html);
        Assert.Contains("Cluster profiles</caption>", html);
        Assert.Equal(1 + 2, CountOf(html, "<tr>"));
        Assert.Contains("<td style=\"text-align: right\">50.0%</td>", html);
    }

    [Fact]
    public void A_leaderboard_shows_the_models_best_first_and_one_models_metrics_one_per_row()
    {
        double[] actual = [0, 10, 20, 30, 40];
        var ranked = HoldoutLeaderboard.Rank([new HoldoutPrediction("worse", ModelKinds.Regression, [5, 5, 5, 5, 5]),
            new HoldoutPrediction("better", ModelKinds.Regression, [1, 11, 19, 31, 40])], actual, actual, "mae");
        var html = ranked.ToDisplayString(Html);
        Assert.True(html.IndexOf(">better<", StringComparison.Ordinal) < html.IndexOf(">worse<", StringComparison.Ordinal));
        Assert.Contains("<th style=\"text-align: right\">MAE</th>", html);
        // MAE of "better": (1 + 1 + 1 + 1 + 0) / 5.
        Assert.Contains("<td style=\"text-align: left\">MAE</td><td style=\"text-align: right\">0.80</td>", HoldoutMetrics.Of(actual, ranked[0].Prediction.Spend).ToDisplayString(Html));
    }

    [Fact]
    public void A_DataFrame_shows_its_first_rows_with_numbers_right_aligned_and_text_escaped()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("spend", [1.5, 2.123456789, 3]), new StringDataFrameColumn("id", ["a<b", "c", null]),
            new Int32DataFrameColumn("orders", [1000, 2, 3]));
        var html = frame.ToDisplayString(Html);
        Assert.Contains("DataFrame: all 3 rows, 3 columns</caption>", html);
        Assert.Contains("<tr><td style=\"text-align: right\">1.5</td><td style=\"text-align: left\">a&lt;b</td><td style=\"text-align: right\">1,000</td></tr>", html);
        // Reals to six significant digits; a null shows as an empty cell.
        Assert.Contains("<tr><td style=\"text-align: right\">3</td><td style=\"text-align: left\"></td><td style=\"text-align: right\">3</td></tr>", html);
        Assert.Contains(">2.12346<", html);
        Assert.Contains("DataFrame: the first 2 of 3 rows, 3 columns</caption>", NotebookTables.Frame(frame, rows: 2).ToDisplayString(Html));
    }

    [Fact]
    public void An_IDataView_shows_vectors_and_keys_and_leaves_out_the_columns_a_later_one_replaced()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("spend", [1.5, 2.25, 3]), new StringDataFrameColumn("id", ["a", "b", "a"]));
        var ml = new MLContext(seed: 1);
        // The key column replaces "id": the text column stays in the schema, hidden.
        var view = ml.Transforms.Concatenate("both", "spend", "spend").Append(ml.Transforms.Conversion.MapValueToKey("id"))
            .Fit(frame).Transform(frame);
        Assert.Contains(view.Schema, c => c.Name == "id" && c.IsHidden);
        var html = view.ToDisplayString(Html);
        Assert.Contains("IDataView: all 3 rows, 3 columns</caption>", html);
        Assert.Equal(1, CountOf(html, ">id</th>"));
        // Keys count from 1 in order of first appearance.
        Assert.Contains("<tr><td style=\"text-align: right\">2.25</td><td style=\"text-align: right\">2</td><td style=\"text-align: left\">[2.25, 2.25]</td></tr>", html);
        var two = NotebookTables.View(view, rows: 2, columns: ["both", "spend"]).ToDisplayString(Html);
        Assert.Contains("IDataView: the first 2 of 3 rows, 2 columns</caption>", two);
        Assert.Contains("<thead><tr><th style=\"text-align: left\">both</th><th style=\"text-align: right\">spend</th></tr></thead>", two);
        Assert.Contains("no column 'nope'", Assert.Throws<ArgumentException>(() => NotebookTables.View(view, columns: ["nope"])).Message);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
