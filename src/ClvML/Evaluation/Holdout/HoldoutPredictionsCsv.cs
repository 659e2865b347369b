using System.Globalization;
using System.Text;
using ClvML.Data;
using ClvML.Evaluation.Diagnostics;

namespace ClvML.Evaluation.Holdout;

/// <summary>Actual holdout values and every model's forecast, per customer, as saved in the run.</summary>
/// <param name="CustomerIds">Customers in feature-table order.</param>
/// <param name="CalibrationFrequency">Repeat purchases in the calibration period.</param>
/// <param name="ActualSpend">Actual holdout spend.</param>
/// <param name="ActualPurchases">Actual holdout purchases (distinct purchase periods).</param>
/// <param name="Predictions">Each model's forecast.</param>
public sealed record HoldoutTable(IReadOnlyList<string> CustomerIds, double[] CalibrationFrequency, double[] ActualSpend, double[] ActualPurchases,
    IReadOnlyList<HoldoutPrediction> Predictions);

/// <summary>
/// report/holdout_predictions.csv: <c>customer_id, calibration_frequency, actual_spend,
/// actual_purchases</c>, then <c>&lt;model&gt;_spend</c> and, for models that forecast them,
/// <c>&lt;model&gt;_purchases</c>. Doubles round-trip, so metrics recomputed from the file equal
/// those computed in memory.
/// </summary>
public static class HoldoutPredictionsCsv
{
    /// <summary>Path of the file inside a run directory.</summary>
    public const string RelativePath = "report/holdout_predictions.csv";

    /// <summary>Format version of the file.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/>.</summary>
    public static void Write(HoldoutTable table, string path)
    {
        var text = new StringBuilder("customer_id,calibration_frequency,actual_spend,actual_purchases");
        foreach (var p in table.Predictions)
        {
            text.Append(',').Append(p.Name).Append("_spend");
            if (p.Purchases is not null) text.Append(',').Append(p.Name).Append("_purchases");
        }
        text.Append('\n');
        for (var i = 0; i < table.CustomerIds.Count; i++)
        {
            text.Append(CsvText.Quote(table.CustomerIds[i]))
                .Append(CultureInfo.InvariantCulture, $",{table.CalibrationFrequency[i]:R},{table.ActualSpend[i]:R},{table.ActualPurchases[i]:R}");
            foreach (var p in table.Predictions)
            {
                text.Append(CultureInfo.InvariantCulture, $",{p.Spend[i]:R}");
                if (p.Purchases is not null) text.Append(CultureInfo.InvariantCulture, $",{p.Purchases[i]:R}");
            }
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Reads the file back; <paramref name="models"/> (from diagnostics.json) give the models' kinds and order.</summary>
    public static HoldoutTable Read(string path, IReadOnlyList<ComparedModel> models)
    {
        var csv = RunCsvFile.Read(path, "customer_id");
        var predictions = models.Select(m => new HoldoutPrediction(m.Name, m.Kind, csv.Numbers(m.Name + "_spend"),
            csv.Has(m.Name + "_purchases") ? csv.Numbers(m.Name + "_purchases") : null)).ToList();
        return new HoldoutTable(csv.Text("customer_id"), csv.Numbers("calibration_frequency"), csv.Numbers("actual_spend"), csv.Numbers("actual_purchases"), predictions);
    }
}
