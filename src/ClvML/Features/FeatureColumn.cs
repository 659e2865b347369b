namespace ClvML.Features;

/// <summary>The value type of a feature-table column, as the typed writers (Parquet, SQLite, PostgreSQL, DataFrame) store it.</summary>
public enum FeatureValueType
{
    /// <summary>Text (ids, attributes).</summary>
    Text,
    /// <summary>A double.</summary>
    Real,
    /// <summary>A whole number (counts, days).</summary>
    Integer,
    /// <summary>A calendar date.</summary>
    Date,
}

/// <summary>Which part of the feature table a column belongs to; it decides where the column may be used.</summary>
public enum FeatureRole
{
    /// <summary>The customer id.</summary>
    Key,
    /// <summary>lifetimes' summary columns (frequency, recency, T, monetary value): every table has them.</summary>
    Summary,
    /// <summary>The RFM and tenure columns: only a table built from transactions has them.</summary>
    Rfm,
    /// <summary>A mapped attribute column (channel, country), each customer's value on its earliest row.</summary>
    Attribute,
    /// <summary>What the holdout period holds: targets, never model inputs.</summary>
    Holdout,
}

/// <summary>
/// One column of the customer feature table, defined once in <see cref="FeatureSchema"/>: its name in every
/// output (features.csv, Parquet, SQL tables and views, DataFrame, IDataView), type, unit and meaning, and
/// where it lives in a <see cref="CustomerFeatureTable"/>.
/// </summary>
public sealed class FeatureColumn
{
    private readonly Func<CustomerFeatureTable, Array?> _values;

    internal FeatureColumn(string name, FeatureValueType type, FeatureRole role, string unit, string meaning, Func<CustomerFeatureTable, Array?> values)
    {
        Name = name;
        Type = type;
        Role = role;
        Unit = unit;
        Meaning = meaning;
        _values = values;
    }

    /// <summary>The column's name in every output.</summary>
    public string Name { get; }
    /// <summary>How it is stored.</summary>
    public FeatureValueType Type { get; }
    /// <summary>Which part of the table it belongs to.</summary>
    public FeatureRole Role { get; }
    /// <summary>Its unit ("time units" are the table's <see cref="CustomerFeatureTable.TimeUnit"/>); empty when it has none.</summary>
    public string Unit { get; }
    /// <summary>What it means, in one sentence.</summary>
    public string Meaning { get; }

    /// <summary>Whether a model may learn from it: a number of the calibration period (not the id, an attribute, a date or a holdout target).</summary>
    public bool IsModelInput => Role is FeatureRole.Summary or FeatureRole.Rfm && Type is FeatureValueType.Real or FeatureValueType.Integer;

    /// <summary>Whether it is a number.</summary>
    public bool IsNumeric => Type is FeatureValueType.Real or FeatureValueType.Integer;

    /// <summary>Whether <paramref name="table"/> has the column (RFM columns need a transaction input, holdout columns a holdout).</summary>
    public bool IsIn(CustomerFeatureTable table) => Role switch
    {
        FeatureRole.Rfm => table.Rfm is not null,
        FeatureRole.Holdout => table.Holdout is not null,
        FeatureRole.Attribute => table.Attributes.Any(a => a.Name == Name),
        _ => true,
    };

    /// <summary>
    /// The column's values in <paramref name="table"/>, unconverted: <c>string[]</c> or a list of strings (text),
    /// <c>double[]</c> (real), <c>int[]</c> (integer) or <c>DateOnly[]</c> (date); null when the table lacks the column.
    /// </summary>
    public Array? ValuesIn(CustomerFeatureTable table) => _values(table);

    /// <summary>A numeric column's values as doubles (the stored array itself for a real column); null when the table lacks it.</summary>
    /// <exception cref="InvalidOperationException">The column is not numeric.</exception>
    public double[]? DoublesIn(CustomerFeatureTable table) => _values(table) switch
    {
        null => null,
        double[] reals => reals,
        int[] integers => Array.ConvertAll(integers, v => (double)v),
        _ => throw new InvalidOperationException($"Feature column '{Name}' is {Type}, not a number."),
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
