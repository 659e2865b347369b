using System.Globalization;
using System.Numerics;
using ClvML.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Interop;

/// <summary>
/// Reads customer features from an IDataView by <see cref="FeatureSchema"/> names, in one pass of one cursor:
/// numbers of any ML.NET numeric type (widened to double; whole-number features must hold whole values; NaN,
/// ML.NET's missing value, is refused), text (the id also from whole-number columns, as invariant decimal
/// text), dates from DateTime columns at midnight. Vectors, keys and booleans are refused by type.
/// Other checks are <see cref="FeatureTableAssembly"/>'s.
/// </summary>
internal static class DataViewFeatureReader
{
    public static CustomerFeatureTable Read(IDataView view, FeatureImportOptions options)
    {
        var plan = Plan(view.Schema, options);
        var columns = plan.Columns.Select(p => view.Schema[p.Column.Name]).ToArray();
        var capacity = (int)Math.Min(view.GetRowCount() ?? 1024, Array.MaxLength);
        var values = new Dictionary<string, Array>(StringComparer.Ordinal);
        using (var cursor = view.GetRowCursor(columns))
        {
            // The id is read first on every row, so a later column's error can name the customer.
            var ids = new GrowingColumn<string>(capacity);
            var readers = plan.Columns.Select((p, k) => Reader(plan, p.Feature, cursor, columns[k], capacity, ids)).ToArray();
            var rows = 0;
            while (cursor.MoveNext())
            {
                if (rows == Array.MaxLength) throw new InputException($"IDataView of customer features: more than {Array.MaxLength:N0} rows, more than a feature table holds.");
                foreach (var reader in readers) reader.Read(rows);
                rows++;
            }
            foreach (var reader in readers) values[reader.Feature.Name] = reader.Values(rows);
        }
        return FeatureTableAssembly.Build(plan, values);
    }

    /// <summary>The plan for <paramref name="schema"/>: refuses missing and mistyped columns before any value is read.</summary>
    public static FeatureImportPlan Plan(DataViewSchema schema, FeatureImportOptions options) =>
        FeatureImportPlan.Resolve("IDataView", [.. schema.Where(c => !c.IsHidden).Select(c => new SourceColumn(c.Name, KindOf(c.Type), c.Type.ToString() ?? c.Type.RawType.Name))], options);

    /// <summary>The plan for an estimator's input shape: a vector or key column is of no feature's type.</summary>
    public static FeatureImportPlan Plan(SchemaShape shape, FeatureImportOptions options) =>
        FeatureImportPlan.Resolve("IDataView", [.. shape.Select(c => new SourceColumn(c.Name,
            c.Kind == SchemaShape.Column.VectorKind.Scalar && !c.IsKey ? KindOf(c.ItemType) : SourceValueKind.Other,
            c.Kind == SchemaShape.Column.VectorKind.Scalar ? (c.IsKey ? "Key<" + c.ItemType + ">" : c.ItemType.ToString() ?? c.ItemType.RawType.Name) : $"Vector<{c.ItemType}>"))], options);

    /// <summary>How a column of this ML.NET type is read.</summary>
    internal static SourceValueKind KindOf(DataViewType type) => type switch
    {
        NumberDataViewType when type.RawType == typeof(float) || type.RawType == typeof(double) => SourceValueKind.Floating,
        NumberDataViewType => SourceValueKind.Integer,
        TextDataViewType => SourceValueKind.Text,
        DateTimeDataViewType => SourceValueKind.Date,
        _ => SourceValueKind.Other,
    };

    /// <summary>One column being read: a row's value into its array, then the array.</summary>
    private sealed record ColumnReader(FeatureColumn Feature, Action<int> Read, Func<int, Array> Values);

    private static ColumnReader Reader(FeatureImportPlan plan, FeatureColumn feature, DataViewRowCursor cursor, DataViewSchema.Column column,
        int capacity, GrowingColumn<string> ids)
    {
        switch (feature.Type)
        {
            case FeatureValueType.Text:
            {
                var get = column.Type is NumberDataViewType ? IdText(cursor, column) : Text(cursor, column);
                var values = feature == FeatureSchema.CustomerId ? ids : new GrowingColumn<string>(capacity);
                return new ColumnReader(feature, row => values.Set(row, get()), rows => values.ToArray(rows));
            }
            case FeatureValueType.Date:
            {
                var get = cursor.GetGetter<DateTime>(column);
                var values = new GrowingColumn<DateOnly>(capacity);
                var value = default(DateTime);
                return new ColumnReader(feature, row =>
                {
                    get(ref value);
                    values.Set(row, value.TimeOfDay == TimeSpan.Zero ? DateOnly.FromDateTime(value) : throw plan.ValueError(feature.Name, row, ids[row],
                        $"{value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)} has a time of day; {feature.Name} is a calendar date (midnight)"));
                }, rows => values.ToArray(rows));
            }
            default:
            {
                var get = Number(cursor, column);
                var values = new GrowingColumn<double>(capacity);
                return new ColumnReader(feature, row => values.Set(row, get()), rows => values.ToArray(rows));
            }
        }
    }

    private static Func<string> Text(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var get = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        var value = default(ReadOnlyMemory<char>);
        return () =>
        {
            get(ref value);
            return value.ToString();
        };
    }

    private static Func<double> Number(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var raw = column.Type.RawType;
        if (raw == typeof(double)) return Number<double>(cursor, column);
        if (raw == typeof(float)) return Number<float>(cursor, column);
        if (raw == typeof(long)) return Number<long>(cursor, column);
        if (raw == typeof(int)) return Number<int>(cursor, column);
        if (raw == typeof(short)) return Number<short>(cursor, column);
        if (raw == typeof(sbyte)) return Number<sbyte>(cursor, column);
        if (raw == typeof(ulong)) return Number<ulong>(cursor, column);
        if (raw == typeof(uint)) return Number<uint>(cursor, column);
        if (raw == typeof(ushort)) return Number<ushort>(cursor, column);
        if (raw == typeof(byte)) return Number<byte>(cursor, column);
        throw new InvalidOperationException($"IDataView column '{column.Name}' of {column.Type} passed the type check but has no reader.");
    }

    private static Func<double> Number<T>(DataViewRowCursor cursor, DataViewSchema.Column column) where T : INumberBase<T>
    {
        var get = cursor.GetGetter<T>(column);
        var value = T.Zero;
        return () =>
        {
            get(ref value);
            return double.CreateChecked(value);
        };
    }

    /// <summary>A whole-number id column's invariant decimal text (read as its own type, so a 64-bit id keeps every digit).</summary>
    private static Func<string> IdText(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var raw = column.Type.RawType;
        if (raw == typeof(long)) return IdText<long>(cursor, column);
        if (raw == typeof(int)) return IdText<int>(cursor, column);
        if (raw == typeof(short)) return IdText<short>(cursor, column);
        if (raw == typeof(sbyte)) return IdText<sbyte>(cursor, column);
        if (raw == typeof(ulong)) return IdText<ulong>(cursor, column);
        if (raw == typeof(uint)) return IdText<uint>(cursor, column);
        if (raw == typeof(ushort)) return IdText<ushort>(cursor, column);
        if (raw == typeof(byte)) return IdText<byte>(cursor, column);
        throw new InvalidOperationException($"IDataView column '{column.Name}' of {column.Type} is not a whole-number id column.");
    }

    private static Func<string> IdText<T>(DataViewRowCursor cursor, DataViewSchema.Column column) where T : IBinaryInteger<T>
    {
        var get = cursor.GetGetter<T>(column);
        var value = T.Zero;
        return () =>
        {
            get(ref value);
            return value.ToString(null, CultureInfo.InvariantCulture);
        };
    }
}
