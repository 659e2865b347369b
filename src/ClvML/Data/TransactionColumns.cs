namespace ClvML.Data;

/// <summary>
/// A run of consecutive accepted rows as columns, straight from a columnar source's decoded arrays:
/// integer customer ids, dates as days and amounts. Every row is already validated (no nulls, finite
/// amounts, dates in years 1..9999), exactly as a row handed to <see cref="ITransactionSink.Accept"/>.
/// </summary>
public readonly ref struct TransactionColumns
{
    /// <summary>Customer ids; a customer's id is the invariant text of its number (what the per-row path would pass).</summary>
    public ReadOnlySpan<long> CustomerIds { get; init; }
    /// <summary>Purchase dates as days since 1970-01-01 (Parquet DATE), at midnight.</summary>
    public ReadOnlySpan<int> EpochDays { get; init; }
    /// <summary>Finite amounts; negative for a return or cancellation.</summary>
    public ReadOnlySpan<double> Amounts { get; init; }
    /// <summary>1-based row number of the first row; the others follow one by one.</summary>
    public long FirstLine { get; init; }

    /// <summary>Number of rows.</summary>
    public int Count => CustomerIds.Length;
}
