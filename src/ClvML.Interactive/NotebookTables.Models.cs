using ClvML.Evaluation;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;
using ClvML.Evaluation.Reporting;
using ClvML.Probabilistic;

namespace ClvML.Interactive;

public static partial class NotebookTables
{
    /// <summary>A fitted model's parameters by their paper names, with standard errors where the fit computed them.</summary>
    public static ReportTable Parameters(IProbabilisticModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var table = new ReportTable([ReportColumn.Text("Parameter"), ReportColumn.Number("Estimate", "0.0000"), ReportColumn.Number("Standard error", "0.0000")],
            $"{DisplayName(model)} parameters");
        foreach (var (name, value) in model.Parameters)
            table.AddRow(name, value, model.StandardErrors?.GetValueOrDefault(name, double.NaN) ?? double.NaN);
        return table;
    }

    /// <summary>
    /// How the fit went, in a sentence: log-likelihood, customers, the optimiser and its exit reason, and a
    /// warning when the data hardly determine a parameter or the fit is at the no-dropout limit; empty for a
    /// model built from given parameters.
    /// </summary>
    public static string FitSummary(IProbabilisticModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Diagnostics is not { } fit) return "";
        var summary = Invariant($"Log-likelihood {fit.LogLikelihood:F2} on {fit.Customers:N0} customers ({fit.Optimizer}: {fit.ExitReason}, {fit.Iterations:N0} iterations).");
        if (fit.WeaklyIdentified) summary += " Weakly identified: the data hardly determine a parameter, so read the model's predictions rather than that parameter's value.";
        if (fit.Dropout is { AtLimit: true }) summary += " At the no-dropout limit: P(alive) is about 1 for every customer.";
        return summary;
    }

    // The report names spend models only in combination ("BG/NBD × Gamma-Gamma"); alone, one has its paper's name.
    private static string DisplayName(IProbabilisticModel model) => model is GammaGammaModel ? "Gamma-Gamma" : ModelDisplayNames.TransactionModel(model.Name);

    /// <summary>
    /// Holdout leaderboard rows (<see cref="HoldoutLeaderboard.Rank"/>) in report.html's layout: rank, model,
    /// kind and every metric, best first.
    /// </summary>
    /// <param name="ranked">The ranked models.</param>
    /// <param name="primaryMetric">The metric they were ranked by, marked in its header; null leaves the headers plain.</param>
    public static ReportTable Leaderboard(IReadOnlyList<RankedModel> ranked, string? primaryMetric = null)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        return LeaderboardTable.Create(new MetricsDocument(HoldoutLeaderboard.ToModelMetrics(ranked), []) { PrimaryMetric = primaryMetric });
    }

    /// <summary>One model's holdout metrics, one per row, with the leaderboard's names and number formats.</summary>
    public static ReportTable Metrics(HoldoutMetrics metrics, string model = "model")
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var values = HoldoutMetrics.Names.Select(name => KeyValuePair.Create(name, metrics.Get(name)));
        var wide = LeaderboardTable.Create(new MetricsDocument([new ModelMetrics(model, "holdout", values)], []));
        // The leaderboard's first three columns are rank, model and kind (not shown here, so any name does); the metrics follow.
        var table = new ReportTable([ReportColumn.Text("Metric"), ReportColumn.Number("Value")], Invariant($"Holdout metrics of {model} on {metrics.Customers:N0} customers"));
        for (var column = 3; column < wide.Columns.Count; column++)
            table.AddRow(wide.Columns[column].Header, wide.FormattedCell(0, column));
        return table;
    }
}
