namespace ClvML.Data.Parquet.Writing;

/// <summary>Encodes parquet.thrift struct <c>Statistics</c>, the mirror of <see cref="StatisticsDecoder"/>; absent values are left out.</summary>
internal static class StatisticsEncoder
{
    /// <summary>Writes one Statistics struct, stop byte included.</summary>
    public static void Write(ThriftCompactWriter writer, Statistics statistics)
    {
        writer.BeginStruct();
        if (statistics.Max is { } max) writer.WriteBinaryField(1, max);
        if (statistics.Min is { } min) writer.WriteBinaryField(2, min);
        if (statistics.NullCount is { } nulls) writer.WriteI64Field(3, nulls);
        if (statistics.DistinctCount is { } distinct) writer.WriteI64Field(4, distinct);
        if (statistics.MaxValue is { } maxValue) writer.WriteBinaryField(5, maxValue);
        if (statistics.MinValue is { } minValue) writer.WriteBinaryField(6, minValue);
        writer.EndStruct();
    }
}
