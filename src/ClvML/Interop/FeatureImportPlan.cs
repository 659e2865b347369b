using System.Globalization;
using ClvML.Configuration;
using ClvML.Features;

namespace ClvML.Interop;

/// <summary>How a DataFrame or an IDataView stores a column, as far as reading features from it goes.</summary>
internal enum SourceValueKind
{
    /// <summary>A whole-number type (any width, signed or not).</summary>
    Integer,
    /// <summary>A floating-point or decimal type.</summary>
    Floating,
    /// <summary>Text.</summary>
    Text,
    /// <summary>A date and time.</summary>
    Date,
    /// <summary>Anything else (booleans, vectors, keys, ...).</summary>
    Other,
}

/// <summary>A column of the source: its name, kind and type as the user would name it.</summary>
internal sealed record SourceColumn(string Name, SourceValueKind Kind, string TypeName);

/// <summary>Whether a group of feature columns (RFM, holdout) is read.</summary>
internal enum ColumnGroupUse
{
    /// <summary>Not read, even when the source has it.</summary>
    Ignore,
    /// <summary>Read when the source has any of its columns; then it must have them all.</summary>
    IfPresent,
    /// <summary>Every column of the group must be there.</summary>
    Require,
}

/// <summary>What a feature table read from a DataFrame or an IDataView is to be.</summary>
/// <param name="TimeUnit">The unit of recency, T and durations in the source.</param>
/// <param name="Window">The table's calibration and observation boundaries.</param>
/// <param name="Attributes">Text columns carried as attributes, by name.</param>
/// <param name="Rfm">Whether the RFM columns are read.</param>
/// <param name="Holdout">Whether the holdout columns are read.</param>
/// <param name="RfmReason">Why the RFM columns are required, for the message when they are missing.</param>
internal sealed record FeatureImportOptions(TimeUnit TimeUnit, FeatureWindow Window, IReadOnlyList<string> Attributes,
    ColumnGroupUse Rfm, ColumnGroupUse Holdout, string? RfmReason = null);

/// <summary>
/// Which source column gives each feature column, decided from the source's schema before any value is
/// read: a missing or mistyped column is refused up front, all of them in one message.
/// </summary>
internal sealed class FeatureImportPlan
{
    private FeatureImportPlan(string source, FeatureImportOptions options, IReadOnlyList<(FeatureColumn, SourceColumn)> columns, bool hasRfm, bool hasHoldout)
    {
        Source = source;
        Options = options;
        Columns = columns;
        HasRfm = hasRfm;
        HasHoldout = hasHoldout;
    }

    /// <summary>"DataFrame" or "IDataView", for messages.</summary>
    public string Source { get; }
    public FeatureImportOptions Options { get; }
    /// <summary>The feature columns to read and their source columns, the id first.</summary>
    public IReadOnlyList<(FeatureColumn Feature, SourceColumn Column)> Columns { get; }
    public bool HasRfm { get; }
    public bool HasHoldout { get; }

    public static FeatureImportPlan Resolve(string source, IReadOnlyList<SourceColumn> available, FeatureImportOptions options)
    {
        var byName = new Dictionary<string, SourceColumn>(StringComparer.Ordinal);
        foreach (var column in available) byName[column.Name] = column;
        var missing = new List<string>();
        var mistyped = new List<string>();
        var plan = new List<(FeatureColumn, SourceColumn)>();
        void Need(FeatureColumn feature)
        {
            if (!byName.TryGetValue(feature.Name, out var column))
            {
                var other = available.FirstOrDefault(c => string.Equals(c.Name, feature.Name, StringComparison.OrdinalIgnoreCase));
                missing.Add(other is null ? $"'{feature.Name}'" : $"'{feature.Name}' (there is '{other.Name}'; names are case-sensitive, as in features.csv)");
            }
            else if (!Fits(feature, column.Kind)) mistyped.Add($"column '{feature.Name}' is {column.TypeName}, but {Expected(feature)}");
            else plan.Add((feature, column));
        }
        bool Uses(ColumnGroupUse use, FeatureRole role) =>
            use == ColumnGroupUse.Require || use == ColumnGroupUse.IfPresent && FeatureSchema.Fixed.Any(c => c.Role == role && byName.ContainsKey(c.Name));

        foreach (var column in FeatureSchema.Fixed.Where(c => c.Role is FeatureRole.Key or FeatureRole.Summary)) Need(column);
        var hasRfm = Uses(options.Rfm, FeatureRole.Rfm);
        var missingBeforeRfm = missing.Count;
        if (hasRfm) foreach (var column in FeatureSchema.Fixed.Where(c => c.Role == FeatureRole.Rfm)) Need(column);
        var rfmMissing = missing.Count > missingBeforeRfm;
        foreach (var name in options.Attributes)
        {
            if (FeatureSchema.Find(name) is not null)
                throw new ArgumentException($"'{name}' is a feature column, not an attribute; attributes are the other text columns.", "attributes");
            Need(FeatureSchema.Attribute(name));
        }
        var hasHoldout = Uses(options.Holdout, FeatureRole.Holdout);
        var missingBeforeHoldout = missing.Count;
        if (hasHoldout) foreach (var column in FeatureSchema.Fixed.Where(c => c.Role == FeatureRole.Holdout)) Need(column);
        var holdoutMissing = missing.Count > missingBeforeHoldout;

        if (missing.Count == 0 && mistyped.Count == 0) return new FeatureImportPlan(source, options, plan, hasRfm, hasHoldout);
        var problems = new List<string>();
        if (missing.Count > 0) problems.Add($"it lacks the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}");
        if (rfmMissing)
            problems.Add(options.RfmReason ?? "the RFM columns go together (" + string.Join(", ", FeatureSchema.Fixed.Where(c => c.Role == FeatureRole.Rfm)) + "): give them all or none");
        if (holdoutMissing)
            problems.Add("the holdout columns go together (" + string.Join(", ", FeatureSchema.Fixed.Where(c => c.Role == FeatureRole.Holdout)) + "): give them all or none");
        problems.AddRange(mistyped);
        throw new InputException($"{source} of customer features: {string.Join("; ", problems)}. Its columns are {string.Join(", ", available.Select(c => $"{c.Name} ({c.TypeName})"))}.");
    }

    /// <summary>The error for one value: names the source, the column, the row (counted from 0) and the customer when known.</summary>
    public InputException ValueError(string column, long row, string? customer, string problem) =>
        new($"{Source} column '{column}', row {row.ToString(CultureInfo.InvariantCulture)}{(customer is null ? "" : $" (customer '{customer}')")}: {problem}.");

    private static bool Fits(FeatureColumn feature, SourceValueKind kind) => feature.Type switch
    {
        FeatureValueType.Real or FeatureValueType.Integer => kind is SourceValueKind.Integer or SourceValueKind.Floating,
        FeatureValueType.Date => kind == SourceValueKind.Date,
        _ => kind == SourceValueKind.Text || feature.Role == FeatureRole.Key && kind == SourceValueKind.Integer,
    };

    private static string Expected(FeatureColumn feature) => feature.Type switch
    {
        FeatureValueType.Real => $"{feature.Name} is a real feature: give a numeric column (any numeric type, widened to double)",
        FeatureValueType.Integer => $"{feature.Name} is a whole-number feature: give a numeric column of whole values",
        FeatureValueType.Date => $"{feature.Name} is a date: give a DateTime column",
        _ when feature.Role == FeatureRole.Key => $"{feature.Name} is the customer id: give a text or whole-number column",
        _ => $"{feature.Name} is text: give a text column",
    };
}
