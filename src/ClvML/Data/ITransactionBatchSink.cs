namespace ClvML.Data;

/// <summary>
/// A sink that can also take rows a column batch at a time, so a columnar source (Parquet) skips
/// formatting every id as text and building a <see cref="DateTime"/> per row.
/// </summary>
public interface ITransactionBatchSink : ITransactionSink
{
    /// <summary>Takes a run of accepted rows, in order; the sink may still reject some through the source's <see cref="RejectLog"/>.</summary>
    void AcceptBatch(in TransactionColumns rows);
}
