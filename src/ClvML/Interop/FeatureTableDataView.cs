using ClvML.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Interop;

/// <summary>
/// A <see cref="CustomerFeatureTable"/> as an ML.NET <see cref="IDataView"/>, reading the table's arrays in
/// place. The schema is <see cref="FeatureSchema.ColumnsOf"/>: the same names and order as features.csv,
/// real columns as <see cref="NumberDataViewType.Double"/>, integer columns as <see cref="NumberDataViewType.Int32"/>,
/// text as <see cref="TextDataViewType"/> and dates as <see cref="DateTimeDataViewType"/> (midnight, unspecified
/// kind). Each column carries the annotations <see cref="UnitAnnotation"/> and <see cref="MeaningAnnotation"/>
/// (text) from the feature schema. Getters convert a value only when it is read: a date to a
/// <see cref="DateTime"/>, a text to <c>ReadOnlyMemory&lt;char&gt;</c> over the string itself. Rows come in
/// table order; the view does not shuffle (ML.NET shuffles it through a transform when asked).
/// The view reads the table live: change the table's arrays and the view's values change with them.
/// </summary>
public sealed class FeatureTableDataView : IDataView
{
    /// <summary>Annotation kind of a column's unit (text; "time units" is resolved to the table's unit, e.g. "weeks"; empty for ids and attributes).</summary>
    public const string UnitAnnotation = "ClvML.Unit";

    /// <summary>Annotation kind of what a column means, in one sentence (text).</summary>
    public const string MeaningAnnotation = "ClvML.Meaning";

    private readonly object[] _values;

    internal FeatureTableDataView(CustomerFeatureTable table)
    {
        Table = table;
        Columns = FeatureSchema.ColumnsOf(table);
        var builder = new DataViewSchema.Builder();
        foreach (var column in Columns) builder.AddColumn(column.Name, TypeOf(column.Type), Annotations(column, table));
        Schema = builder.ToSchema();
        // The ids are read from the table's own list; FeatureColumn.ValuesIn would copy them into an array.
        _values = [.. Columns.Select(c => c == FeatureSchema.CustomerId ? table.CustomerIds : (object)c.ValuesIn(table)!)];
    }

    /// <summary>The table the view reads.</summary>
    public CustomerFeatureTable Table { get; }

    /// <summary>The feature columns, in schema order.</summary>
    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <summary>False: rows always come in table order.</summary>
    public bool CanShuffle => false;

    /// <inheritdoc />
    public long? GetRowCount() => Table.Count;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new FeatureTableCursor(this, _values, columnsNeeded);

    /// <summary>One cursor over every row (the getters are array reads, so splitting the rows would gain little).</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>The ML.NET type of a feature value type.</summary>
    internal static DataViewType TypeOf(FeatureValueType type) => type switch
    {
        FeatureValueType.Real => NumberDataViewType.Double,
        FeatureValueType.Integer => NumberDataViewType.Int32,
        FeatureValueType.Date => DateTimeDataViewType.Instance,
        _ => TextDataViewType.Instance,
    };

    private static DataViewSchema.Annotations Annotations(FeatureColumn column, CustomerFeatureTable table)
    {
        var unit = UnitIn(column, table).AsMemory();
        var meaning = column.Meaning.AsMemory();
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add(UnitAnnotation, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = unit);
        annotations.Add(MeaningAnnotation, TextDataViewType.Instance, (ref ReadOnlyMemory<char> value) => value = meaning);
        return annotations.ToAnnotations();
    }

    /// <summary>The unit with "time units" replaced by the table's own (recency in weeks, say).</summary>
    internal static string UnitIn(FeatureColumn column, CustomerFeatureTable table) =>
        column.Unit.Replace("time units", table.TimeUnit switch
        {
            TimeUnit.Day => "days",
            TimeUnit.Week => "weeks",
            _ => "months",
        }, StringComparison.Ordinal);
}
