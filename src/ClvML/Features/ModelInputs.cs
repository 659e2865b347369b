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
        [.. FeatureSchema.ColumnsOf(table).Where(c => c.IsModelInput).Select(c => c.Name)];

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

    /// <summary>
    /// The columns <paramref name="names"/> of the table, as model inputs; an unknown or unavailable name is an
    /// <see cref="InputException"/> naming <paramref name="key"/> (the YAML key or file that asked for it) and the choices.
    /// </summary>
    public static FeatureMatrix Select(CustomerFeatureTable table, IReadOnlyList<string> names, string key)
    {
        var available = ColumnNames(table);
        var columns = new List<double[]>();
        foreach (var name in names)
        {
            if (!available.Contains(name, StringComparer.Ordinal))
            {
                var why = FeatureSchema.Find(name)?.Role switch
                {
                    FeatureRole.Holdout => " (holdout columns are what models predict, not inputs)",
                    FeatureRole.Rfm when table.Rfm is null => " (a summary input has no RFM columns)",
                    FeatureRole.Key or FeatureRole.Rfm => " (not a number)",
                    _ => "",
                };
                throw new InputException($"{key}: unknown feature '{name}'{why}; the feature table has [{string.Join(", ", available)}].");
            }
            columns.Add(table.NumericColumn(name)!);
        }
        if (table.Count == 0) throw new InputException($"{key}: the feature table has no customers; there is nothing to model.");
        return new FeatureMatrix(names, columns);
    }
}
