namespace ClvML.Data;

/// <summary>
/// One accepted transaction as a reader hands it to a sink. It points into the reader's buffers,
/// so it is only valid during the <see cref="ITransactionSink.Accept"/> call: a sink copies what it keeps.
/// </summary>
public readonly ref struct TransactionRow
{
    /// <summary>Customer identifier, trimmed, never empty.</summary>
    public ReadOnlySpan<char> CustomerId { get; init; }
    /// <summary>When the purchase happened (no time zone is applied).</summary>
    public DateTime Timestamp { get; init; }
    /// <summary>Finite amount; negative for a return or cancellation.</summary>
    public double Amount { get; init; }
    /// <summary>Order id, empty when the input has none.</summary>
    public ReadOnlySpan<char> OrderId { get; init; }
    /// <summary>Attribute values in the order of <c>data.columns.attributes</c>, concatenated.</summary>
    public ReadOnlySpan<char> AttributeText { get; init; }
    /// <summary>Where each attribute value lies in <see cref="AttributeText"/>.</summary>
    public ReadOnlySpan<Range> AttributeRanges { get; init; }
    /// <summary>1-based line (or row) number in the source, for messages about this row.</summary>
    public long Line { get; init; }

    /// <summary>The <paramref name="index"/>-th attribute value.</summary>
    public ReadOnlySpan<char> Attribute(int index) => AttributeText[AttributeRanges[index]];
}

/// <summary>Receives the accepted rows of a transaction source, one at a time.</summary>
public interface ITransactionSink
{
    /// <summary>Takes one accepted row; the sink may still reject it through the source's <see cref="RejectLog"/>.</summary>
    void Accept(in TransactionRow row);
}
