using System.Globalization;
using System.Numerics;
using ClvML.Features;
using Microsoft.Data.Analysis;

namespace ClvML.Interop;

/// <summary>
/// Reads customer features from a DataFrame by <see cref="FeatureSchema"/> names: numbers of any numeric
/// column type (widened to double; whole-number features must hold whole values), text from string
/// columns (the id also from whole-number columns, as invariant decimal text), dates from DateTime columns
/// at midnight. A null is refused, naming the column and the row; other checks are <see cref="FeatureTableAssembly"/>'s.
/// </summary>
internal static class DataFrameFeatureReader
{
    public static CustomerFeatureTable Read(DataFrame frame, FeatureImportOptions options)
    {
        var plan = Plan(frame.Columns, options);
        var values = new Dictionary<string, Array>(StringComparer.Ordinal);
        string[]? ids = null;
        foreach (var (feature, source) in plan.Columns)
        {
            var column = frame.Columns[source.Name];
            values[feature.Name] = feature.Type switch
            {
                FeatureValueType.Text => Text(plan, feature, column, ids),
                FeatureValueType.Date => Dates(plan, feature, (PrimitiveDataFrameColumn<DateTime>)column, ids),
                _ => Numbers(plan, feature, column, ids),
            };
            if (feature == FeatureSchema.CustomerId) ids = (string[])values[feature.Name];
        }
        return FeatureTableAssembly.Build(plan, values);
    }

    /// <summary>The plan for <paramref name="columns"/>: refuses missing and mistyped columns before any value is read.</summary>
    public static FeatureImportPlan Plan(IEnumerable<DataFrameColumn> columns, FeatureImportOptions options) =>
        FeatureImportPlan.Resolve("DataFrame", [.. columns.Select(c => new SourceColumn(c.Name, KindOf(c), c.DataType.Name))], options);

    private static SourceValueKind KindOf(DataFrameColumn column)
    {
        var type = column.DataType;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return SourceValueKind.Floating;
        if (type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort) || type == typeof(int)
            || type == typeof(uint) || type == typeof(long) || type == typeof(ulong)) return SourceValueKind.Integer;
        if (type == typeof(string)) return SourceValueKind.Text;
        return type == typeof(DateTime) ? SourceValueKind.Date : SourceValueKind.Other;
    }

    private static double[] Numbers(FeatureImportPlan plan, FeatureColumn feature, DataFrameColumn column, string[]? ids) => column switch
    {
        PrimitiveDataFrameColumn<double> c => Numbers(plan, feature, c, ids),
        PrimitiveDataFrameColumn<float> c => Numbers(plan, feature, c, ids),
        PrimitiveDataFrameColumn<decimal> c => Numbers(plan, feature, c, ids),
        PrimitiveDataFrameColumn<long> c => Numbers(plan, feature, c, ids),
        PrimitiveDataFrameColumn<int> c => Numbers(plan, feature, c, ids),
        PrimitiveDataFrameColumn<short> c => Numbers(plan, feature, c, ids),
        PrimitiveDataFrameColumn<sbyte> c => Numbers(plan, feature, c, ids),
        PrimitiveDataFrameColumn<ulong> c => Numbers(plan, feature, c, ids),
        PrimitiveDataFrameColumn<uint> c => Numbers(plan, feature, c, ids),
        PrimitiveDataFrameColumn<ushort> c => Numbers(plan, feature, c, ids),
        PrimitiveDataFrameColumn<byte> c => Numbers(plan, feature, c, ids),
        _ => throw new InvalidOperationException($"DataFrame column '{column.Name}' of {column.DataType.Name} passed the type check but has no reader."),
    };

    private static double[] Numbers<T>(FeatureImportPlan plan, FeatureColumn feature, PrimitiveDataFrameColumn<T> column, string[]? ids)
        where T : unmanaged, INumberBase<T>
    {
        ThrowIfNull(plan, feature, column, ids);
        var values = new double[column.Length];
        var at = 0;
        foreach (var buffer in column.GetReadOnlyDataBuffers())
        {
            var span = buffer.Span;
            if (typeof(T) == typeof(double)) System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(span).CopyTo(values.AsSpan(at));
            else for (var i = 0; i < span.Length; i++) values[at + i] = double.CreateChecked(span[i]);
            at += span.Length;
        }
        return values;
    }

    private static string[] Text(FeatureImportPlan plan, FeatureColumn feature, DataFrameColumn column, string[]? ids)
    {
        ThrowIfNull(plan, feature, column, ids);
        var text = new string[column.Length];
        switch (column)
        {
            case StringDataFrameColumn strings:
                for (var i = 0; i < text.Length; i++) text[i] = strings[i]!;
                break;
            case ArrowStringDataFrameColumn arrow:
                for (var i = 0; i < text.Length; i++) text[i] = arrow[i];
                break;
            default:
                // A whole-number id column (the type check lets only those through): its invariant decimal text.
                for (var i = 0; i < text.Length; i++) text[i] = Convert.ToString(column[i], CultureInfo.InvariantCulture)!;
                break;
        }
        return text;
    }

    private static DateOnly[] Dates(FeatureImportPlan plan, FeatureColumn feature, PrimitiveDataFrameColumn<DateTime> column, string[]? ids)
    {
        ThrowIfNull(plan, feature, column, ids);
        var dates = new DateOnly[column.Length];
        var at = 0;
        foreach (var buffer in column.GetReadOnlyDataBuffers())
        {
            var span = buffer.Span;
            for (var i = 0; i < span.Length; i++, at++)
                dates[at] = DateOf(plan, feature, span[i], at, ids);
        }
        return dates;
    }

    /// <summary>The date of a midnight <paramref name="value"/>; a time of day is refused, as a feature date is a calendar day.</summary>
    internal static DateOnly DateOf(FeatureImportPlan plan, FeatureColumn feature, DateTime value, long row, string[]? ids) =>
        value.TimeOfDay == TimeSpan.Zero
            ? DateOnly.FromDateTime(value)
            : throw plan.ValueError(feature.Name, row, ids?[row],
                $"{value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)} has a time of day; {feature.Name} is a calendar date (midnight)");

    private static void ThrowIfNull(FeatureImportPlan plan, FeatureColumn feature, DataFrameColumn column, string[]? ids)
    {
        if (column.NullCount == 0) return;
        for (long i = 0; i < column.Length; i++)
            if (!column.IsValid(i))
                throw plan.ValueError(feature.Name, i, ids?[i], "the value is null (missing); every customer needs a value");
    }
}
