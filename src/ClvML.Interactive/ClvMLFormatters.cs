using ClvML.Clustering;
using ClvML.Data;
using ClvML.Data.Tables;
using ClvML.Evaluation;
using ClvML.Evaluation.Charts;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;
using ClvML.Features;
using ClvML.Probabilistic;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.ML;

namespace ClvML.Interactive;

/// <summary>
/// Shows ClvML's results in a .NET Interactive notebook (Polyglot Notebooks, Jupyter): charts as inline SVG,
/// and feature tables, model parameters, leaderboards, cluster profiles, k selection, DataFrames and IDataViews as HTML tables with
/// the report's column names and number formats. Call <see cref="Register"/> once, in the cell after the
/// <c>#r</c> line; a cell whose last expression is one of these values then shows it.
/// </summary>
public static class ClvMLFormatters
{
    /// <summary>The MIME type of a chart shown as an image rather than inline HTML (<c>display(chart, "image/svg+xml")</c>).</summary>
    public const string SvgMimeType = "image/svg+xml";

    /// <summary>Rows of a feature table or other long table shown in a cell (default <see cref="NotebookTables.DefaultRows"/>); call <see cref="NotebookTables"/> for more.</summary>
    public static int MaximumRows { get; set; } = NotebookTables.DefaultRows;

    private static readonly Lock Registration = new();
    private static bool _registered;

    /// <summary>Registers the formatters with the kernel's formatting library; calling it again changes nothing.</summary>
    public static void Register()
    {
        lock (Registration)
        {
            if (_registered) return;
            _registered = true;
        }
        Html<Chart>(chart => $"<div class=\"clvml-chart\">{chart.ToSvg()}</div>");
        Formatter.Register<Chart>(chart => chart.ToSvg(), SvgMimeType);
        Html<ReportTable>(ReportTableHtml.Write);
        Html<ColumnTable>(table => ReportTableHtml.Write(NotebookTables.Rows(table, MaximumRows)));
        Html<CustomerFeatureTable>(table => ReportTableHtml.Write(NotebookTables.Features(table, MaximumRows)));
        Html<RejectLog>(rejects => ReportTableHtml.Write(NotebookTables.Rejects(rejects)));
        Html<FeatureBuildResult>(built => ReportTableHtml.Write(NotebookTables.Rejects(built.Rejects)) + ReportTableHtml.Write(NotebookTables.Features(built.Table, MaximumRows)));
        Html<IProbabilisticModel>(model => ReportTableHtml.Write(NotebookTables.Parameters(model)) + ReportTableHtml.Paragraph(NotebookTables.FitSummary(model)));
        Html<IEnumerable<RankedModel>>(ranked => ReportTableHtml.Write(NotebookTables.Leaderboard([.. ranked])));
        Html<MetricsDocument>(metrics => ReportTableHtml.Write(LeaderboardTable.Create(metrics)));
        Html<HoldoutMetrics>(metrics => ReportTableHtml.Write(NotebookTables.Metrics(metrics)));
        Html<IEnumerable<ClusterProfile>>(profiles => ReportTableHtml.Write(NotebookTables.ClusterProfiles(profiles)));
        Html<ClusterCountSearchResult>(search => ReportTableHtml.Write(NotebookTables.ClusterCounts(search)));
        Html<KMeansModel>(model => ReportTableHtml.Write(NotebookTables.Centroids(model)));
        // A DataFrame is an IDataView too; View shows one as Frame does, whichever of the two the kernel picks.
        Html<DataFrame>(frame => ReportTableHtml.Write(NotebookTables.Frame(frame, MaximumRows)));
        Html<IDataView>(view => ReportTableHtml.Write(NotebookTables.View(view, MaximumRows)));
    }

    private static void Html<T>(Func<T, string> write) => Formatter.Register(write, HtmlFormatter.MimeType);
}
