using ClvML.Evaluation.Diagnostics;
using ClvML.Evaluation.Holdout;
using ClvML.Evaluation.Report;
using ClvML.Numerics;

namespace ClvML.Evaluation.Reporting;

public static partial class RunReport
{
    private static void AddSummary(ReportSection section, RunReportInput input, RunDiagnostics diagnostics, HoldoutTable? holdout, IReadOnlyList<RankedModel>? ranked)
    {
        foreach (var warning in input.Warnings) section.AddWarning(WarningTitle(warning), warning.Message);
        if (holdout is not null && holdout.Predictions.Count > 0 && ranked is null)
        {
            section.AddParagraph($"The holdout {Date(input.Data.CalibrationEnd?.AddDays(1))} to {Date(input.Data.ObservationEnd)} has "
                + $"{Number(holdout.ActualPurchases.Sum())} purchases and a spend of {Number(holdout.ActualSpend.Sum(), "N2")} by the {holdout.CustomerIds.Count:N0} customers, "
                + "so every forecast would be judged against nothing: the models are not ranked. Set features.calibration_end so that the holdout holds purchases.");
        }
        else if (holdout is null || ranked is null)
        {
            section.AddParagraph(input.Data.CalibrationEnd is { } end && input.Data.ObservationEnd is { } obs && obs > end
                ? "No holdout predictions were saved with this run (the probabilistic and regression stages were off), so no model is compared here; the data and segments sections follow."
                : "No holdout period was configured (features.calibration_end or features.holdout), so the models could not be compared on held-out data. What needs no holdout follows (the calibration diagnostics of the transaction models, the segments and the data); set a holdout to get the leaderboard.");
        }
        else
        {
            var best = HoldoutLeaderboard.Best(ranked);
            var metric = MetricTitle(input.PrimaryMetric);
            var value = $"{metric} {FormatMetric(input.PrimaryMetric, best[0].Spend.Get(input.PrimaryMetric))}";
            var direction = input.PrimaryMetric == "bias" ? "closest to 0" : HoldoutMetrics.HigherIsBetter(input.PrimaryMetric) ? "higher is better" : "lower is better";
            var bestNames = Join(best.Select(b => ModelDisplayNames.Of(b.Prediction.Name)));
            section.AddParagraph($"{ranked.Count} models forecast the holdout spend of the same {holdout.CustomerIds.Count:N0} customers. "
                + (best.Count == 1
                    ? $"Ranked by {metric} ({direction}), the best is {bestNames} ({value})."
                    : $"Ranked by {metric} ({direction}), {best.Count} models tie for best: {bestNames} ({value}; equal to within {TieShare}), "
                      + "so the holdout does not tell them apart." + TieReason(best, diagnostics)));
            var items = new List<(string, string)>
            {
                ("Holdout customers", Number(holdout.CustomerIds.Count)),
                ("Holdout period", $"{Date(input.Data.CalibrationEnd?.AddDays(1))} to {Date(input.Data.ObservationEnd)}"),
                ("Actual holdout spend", Number(Money.Sum(holdout.ActualSpend), "N2")),
                ("Actual holdout purchases", Number(holdout.ActualPurchases.Sum())),
                ("Leaderboard sorted by", $"{MetricTitle(input.PrimaryMetric)} (evaluation.primary_metric)"),
                best.Count == 1 ? ("Best model", bestNames) : ($"Best models ({best.Count} tied)", bestNames),
            };
            if (diagnostics.AutoMLWinner is { } winner) items.Add(("AutoML winner", ModelDisplayNames.Of(winner)));
            if (diagnostics.PrimaryTransactionModel is { } primary) items.Add(("Primary BTYD model (P(alive), CLV)", ModelDisplayNames.TransactionModel(primary)));
            section.AddKeyValues([.. items]);
        }
        foreach (var note in diagnostics.Notes) section.AddParagraph("Note: " + note);
    }

    /// <summary>The tie tolerance as the report states it.</summary>
    private static string TieShare => $"1 part in {1 / HoldoutLeaderboard.TieTolerance:N0}";

    /// <summary>Why tied models tie, where the run knows: their fits all reached the same no-dropout limit.</summary>
    private static string TieReason(IReadOnlyList<RankedModel> tied, RunDiagnostics diagnostics) =>
        tied.All(t => diagnostics.Fits.Any(f => f.Model == t.Prediction.Name && f.AtNoDropoutLimit))
            ? " Their fits all reached the no-dropout limit, where they become one and the same model (see the warnings above)."
            : "";

    /// <summary>"A", "A and B", "A, B and C".</summary>
    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list[..^1]) + " and " + list[^1];
    }

    private static string WarningTitle(RunWarning warning) => warning.Code switch
    {
        FitNotes.NoDropoutLimit => "Fit at the no-dropout limit.",
        FitNotes.WeaklyIdentified => "Weakly identified fit.",
        FitNotes.ModelSkipped => "Model skipped.",
        Features.PeriodBoundaries.ObservationEndAfterLastTransaction => "Observation end after the last transaction.",
        AutoML.AutoMLResult.NotReproducibleCode => "Not reproducible.",
        _ => "Warning.",
    };

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
        items.Add(("Time unit / purchase period", $"{input.TimeUnit.ToString().ToLowerInvariant()} / {input.PurchasePeriod.ToString().ToLowerInvariant()}"));
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
