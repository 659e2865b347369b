using ClvML.Data.Tables;
using ClvML.Evaluation.Holdout;
using ClvML.Features;
using ClvML.Persistence;

namespace ClvML.Training;

/// <summary>
/// What a committed training run produced, as typed tables for a database: <c>features</c> (the
/// in-memory table, so doubles are exact), <c>predictions</c> (per customer: the primary BTYD model's
/// p_alive, expected_purchases, expected_spend, clv, net_clv, then every model's columns from
/// probabilistic/predictions.csv and the regressors' out-of-fold predictions as regression_*),
/// <c>segments</c> (cluster, cluster_label, R/F/M scores, rfm_code, rfm_segment), <c>cluster_profiles</c>
/// and <c>leaderboard</c> (every model's holdout metrics, best first). A table whose stage did not run is left out.
/// </summary>
public static class RunTables
{
    /// <summary>The tables of the run at <paramref name="run"/>, whose features are <paramref name="features"/>.</summary>
    public static IReadOnlyList<ColumnTable> From(SavedRun run, CustomerFeatureTable features)
    {
        var tables = new List<ColumnTable> { FeatureColumnTable.From(features) };
        if (Predictions(run, features) is { } predictions) tables.Add(predictions);
        var assignments = Path.Combine(run.Path, "segments", "assignments.csv");
        if (File.Exists(assignments))
            tables.Add(FromCsv(assignments, "segments", features, rename: new() { ["label"] = "cluster_label" },
                text: ["label", "rfm_code", "rfm_segment"], integers: ["cluster", "r", "f", "m"]));
        var profiles = Path.Combine(run.Path, "segments", "profiles.csv");
        if (File.Exists(profiles))
            tables.Add(FromCsv(profiles, "cluster_profiles", null, rename: new() { ["label"] = "cluster_label" }, text: ["label"], integers: ["cluster", "customers"]));
        if (run.Manifest.Metrics.Count > 0) tables.Add(Leaderboard(run.Manifest.Metrics));
        return tables;
    }

    private static ColumnTable? Predictions(SavedRun run, CustomerFeatureTable features)
    {
        var columns = new List<TableColumn> { TableColumn.OfText("customer_id", features.CustomerIds) };
        var probabilistic = Path.Combine(run.Path, "probabilistic", "predictions.csv");
        if (File.Exists(probabilistic))
        {
            var csv = Read(probabilistic, features);
            // The primary model is the first configured one that was fitted; its columns get the plain
            // names `clvml score` writes, so the same queries work on both.
            var primary = run.Config.Probabilistic.TransactionModels.FirstOrDefault(m => csv.Has(m + "_clv"));
            if (primary is not null)
            {
                columns.Add(TableColumn.OfReals("p_alive", csv.Numbers(primary + "_p_alive")));
                columns.Add(TableColumn.OfReals("expected_purchases", csv.Numbers(primary + "_expected_purchases")));
                columns.Add(TableColumn.OfReals("expected_spend", csv.Numbers("expected_spend")));
                columns.Add(TableColumn.OfReals("clv", csv.Numbers(primary + "_clv")));
                columns.Add(TableColumn.OfReals("net_clv", csv.Numbers(primary + "_net_clv")));
            }
            columns.AddRange(csv.Header.Skip(1).Where(h => h != "expected_spend").Select(h => TableColumn.OfReals(h, csv.Numbers(h))));
        }
        var regression = Path.Combine(run.Path, "regression", "predictions.csv");
        if (File.Exists(regression))
        {
            var csv = Read(regression, features);
            columns.AddRange(csv.Header.Skip(1).Select(h => TableColumn.OfReals("regression_" + h, csv.Numbers(h))));
        }
        return columns.Count > 1 ? new ColumnTable("predictions", columns) : null;
    }

    private static ColumnTable Leaderboard(IReadOnlyList<ManifestModelMetrics> metrics)
    {
        var names = metrics.SelectMany(m => m.Values.Select(v => v.Key)).Distinct(StringComparer.Ordinal).ToArray();
        var columns = new List<TableColumn>
        {
            TableColumn.OfIntegers("rank", metrics.Select((m, i) => (long)(m.Rank ?? i + 1)).ToArray()),
            TableColumn.OfText("model", [.. metrics.Select(m => m.Name)]),
            TableColumn.OfText("kind", [.. metrics.Select(m => m.Kind)]),
        };
        foreach (var name in names)
            columns.Add(TableColumn.OfReals(name, metrics.Select(m => m.Values.FirstOrDefault(v => v.Key == name, new(name, double.NaN)).Value).ToArray()));
        return new ColumnTable("leaderboard", columns);
    }

    private static ColumnTable FromCsv(string path, string name, CustomerFeatureTable? features, Dictionary<string, string> rename, string[] text, string[] integers)
    {
        var csv = features is null ? RunCsvFile.Read(path, text) : Read(path, features, text);
        var columns = new List<TableColumn>();
        foreach (var header in csv.Header)
        {
            var column = rename.GetValueOrDefault(header, header);
            if (header == "customer_id") columns.Add(TableColumn.OfText(column, features!.CustomerIds));
            else if (text.Contains(header)) columns.Add(TableColumn.OfText(column, csv.Text(header)));
            else if (integers.Contains(header)) columns.Add(TableColumn.OfIntegers(column, csv.Numbers(header).Select(v => (long)v).ToArray()));
            else columns.Add(TableColumn.OfReals(column, csv.Numbers(header)));
        }
        return new ColumnTable(name, columns);
    }

    /// <summary>A per-customer run file; its rows are in feature-table order, which is checked on the ids.</summary>
    private static RunCsvFile Read(string path, CustomerFeatureTable features, params string[] text)
    {
        var csv = RunCsvFile.Read(path, [.. text, "customer_id"]);
        if (csv.RowCount != features.Count || !csv.Text("customer_id").SequenceEqual(features.CustomerIds))
            throw new RunIntegrityException(path, "its customers are not the feature table's, in order; train again");
        return csv;
    }
}
