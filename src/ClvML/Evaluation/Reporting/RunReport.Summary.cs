using ClvML.Evaluation.Diagnostics;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;
using ClvML.Numerics;

namespace ClvML.Evaluation.Reporting;

public static partial class RunReport
{
    private static void AddSummary(ReportSection section, RunReportInput input, RunDiagnostics diagnostics, HoldoutTable? holdout, IReadOnlyList<RankedModel>? ranked)
    {
        if (holdout is null || ranked is null)
        {
            section.AddParagraph(input.Data.CalibrationEnd is { } end && input.Data.ObservationEnd is { } obs && obs > end
                ? "No holdout predictions were saved with this run (the probabilistic and regression stages were off), so no model is compared here; the data and segments sections follow."
                : "No holdout period was configured (features.calibration_end or features.holdout), so the models could not be compared on held-out data. What needs no holdout follows (the calibration diagnostics of the transaction models, the segments and the data); set a holdout to get the leaderboard.");
        }
        else
        {
            var best = ranked[0];
            var direction = input.PrimaryMetric == "bias" ? "closest to 0" : HoldoutMetrics.HigherIsBetter(input.PrimaryMetric) ? "higher is better" : "lower is better";
            section.AddParagraph($"{ranked.Count} models forecast the holdout spend of the same {holdout.CustomerIds.Count:N0} customers. "
                + $"Ranked by {MetricTitle(input.PrimaryMetric)} ({direction}), the best is {ModelDisplayNames.Of(best.Prediction.Name)} "
                + $"({MetricTitle(input.PrimaryMetric)} {FormatMetric(input.PrimaryMetric, best.Spend.Get(input.PrimaryMetric))}).");
            var items = new List<(string, string)>
            {
                ("Holdout customers", Number(holdout.CustomerIds.Count)),
                ("Holdout period", $"{Date(input.Data.CalibrationEnd?.AddDays(1))} to {Date(input.Data.ObservationEnd)}"),
                ("Actual holdout spend", Number(Money.Sum(holdout.ActualSpend), "N2")),
                ("Actual holdout purchases", Number(holdout.ActualPurchases.Sum())),
                ("Leaderboard sorted by", $"{MetricTitle(input.PrimaryMetric)} (evaluation.primary_metric)"),
                ("Best model", ModelDisplayNames.Of(best.Prediction.Name)),
            };
            if (diagnostics.AutoMLWinner is { } winner) items.Add(("AutoML winner", ModelDisplayNames.Of(winner)));
            if (diagnostics.PrimaryTransactionModel is { } primary) items.Add(("Primary BTYD model (P(alive), CLV)", ModelDisplayNames.TransactionModel(primary)));
            section.AddKeyValues([.. items]);
        }
        foreach (var note in diagnostics.Notes) section.AddParagraph("Note: " + note);
    }

    private static void AddData(ReportSection section, RunReportInput input)
    {
        var d = input.Data;
        section.AddParagraph("Every row of the input was either accepted or rejected with a reason (see rejects.csv in the run); the counts add up.");
        var items = new List<(string, string)>
        {
            ("Source", d.Source),
            ("Rows read", Number(d.RowsRead)),
            ("Rows accepted", Number(d.RowsAccepted)),
            ("Rows rejected", Number(d.RowsRejected)),
            ("Blank lines skipped", Number(d.BlankLines)),
            ("Customers", Number(d.Customers)),
        };
        if (d.CustomersFirstSeenInHoldout > 0) items.Add(("Customers first seen in the holdout (excluded)", Number(d.CustomersFirstSeenInHoldout)));
        items.Add(("First transaction", Date(d.FirstTransaction)));
        items.Add(("Last transaction", Date(d.LastTransaction)));
        items.Add(("Calibration end", Date(d.CalibrationEnd)));
        items.Add(("Observation end", Date(d.ObservationEnd)));
        items.Add(("Time unit / purchase period", $"{input.Config.Features.TimeUnit.ToString().ToLowerInvariant()} / {input.Config.Features.EffectivePurchasePeriod.ToString().ToLowerInvariant()}"));
        if (d.Sha256 is { } sha) items.Add(("Input SHA-256", sha));
        section.AddKeyValues([.. items]);
        if (d.RejectedByReason.Count > 0)
        {
            var table = new ReportTable([ReportColumn.Text("Reject reason"), ReportColumn.Number("Rows"), ReportColumn.Number("Share of rows read", "P2")], "Rejected rows by reason");
            foreach (var (reason, count) in d.RejectedByReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
                table.AddRow(reason, count, d.RowsRead > 0 ? (double)count / d.RowsRead : double.NaN);
            section.AddTable(table);
        }
    }

    private static string MetricTitle(string metric) => metric switch
    {
        "mae" => "MAE",
        "rmse" => "RMSE",
        "r2" => "R²",
        "bias" => "bias",
        "spearman" => "Spearman correlation",
        "normalized_gini" => "normalized Gini",
        "decile_mape" => "decile MAPE",
        "top_decile_capture" => "top-10% capture",
        "top_20pct_capture" => "top-20% capture",
        _ => metric,
    };

    private static string FormatMetric(string metric, double value) => metric switch
    {
        "bias" or "decile_mape" or "top_decile_capture" or "top_20pct_capture" => new ReportColumn("", NumberFormat: "P1").FormatCell(value),
        "mae" or "rmse" => new ReportColumn("", NumberFormat: "N2").FormatCell(value),
        _ => new ReportColumn("", NumberFormat: "0.000").FormatCell(value),
    };
}
