namespace ClvML.Data.Parquet;

/// <summary>
/// Column or page statistics: parquet.thrift struct <c>Statistics</c>. Values are the plain
/// encoding of the column's physical type. <paramref name="Min"/>/<paramref name="Max"/> are the
/// deprecated fields whose sort order was undefined for signed/unsigned types;
/// <paramref name="MinValue"/>/<paramref name="MaxValue"/> use the column's ColumnOrder.
/// </summary>
/// <param name="Max">Deprecated maximum.</param>
/// <param name="Min">Deprecated minimum.</param>
/// <param name="NullCount">Number of nulls.</param>
/// <param name="DistinctCount">Number of distinct values.</param>
/// <param name="MaxValue">Maximum under the column order.</param>
/// <param name="MinValue">Minimum under the column order.</param>
internal sealed record Statistics(
    byte[]? Max,
    byte[]? Min,
    long? NullCount,
    long? DistinctCount,
    byte[]? MaxValue,
    byte[]? MinValue);
