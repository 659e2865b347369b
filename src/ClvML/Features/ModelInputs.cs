namespace ClvML.Features;

/// <summary>
/// The calibration-period columns the regressors learn from, built the same way for training and
/// for scoring: lifetimes' summary, the RFM and tenure columns when the input had transactions,
/// and any extra per-customer columns (such as the BTYD models' predictions). Holdout columns are
/// never inputs: they are what is predicted.
/// </summary>
public static class ModelInputs
{
    /// <summary>The input column names a table provides, in order.</summary>
    public static IReadOnlyList<string> ColumnNames(CustomerFeatureTable table) =>
        [.. table.NumericColumnNames.Where(name => !name.StartsWith("holdout_", StringComparison.Ordinal))];

    /// <summary>The design matrix of <paramref name="table"/>, with <paramref name="extra"/> columns appended.</summary>
    public static FeatureMatrix From(CustomerFeatureTable table, IReadOnlyDictionary<string, double[]>? extra = null)
    {
        var names = ColumnNames(table).ToList();
        var columns = names.Select(n => table.NumericColumn(n)!).ToList();
        foreach (var (name, values) in extra ?? new Dictionary<string, double[]>())
        {
            if (values.Length != table.Count) throw new ArgumentException($"Extra column '{name}' has {values.Length} values for {table.Count} customers.");
            names.Add(name);
            columns.Add(values);
        }
        return new FeatureMatrix(names, columns);
    }
}
