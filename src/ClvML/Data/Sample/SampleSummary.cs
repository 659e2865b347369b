namespace ClvML.Data.Sample;

/// <summary>
/// Rows the generator writes, by kind, so that a reader's counts can be checked against them:
/// every malformed row is made to be rejected for exactly one <see cref="RejectReason"/>.
/// </summary>
public sealed record SampleSummary
{
    internal SampleSummary(long purchases, long returns, long returnsAfterEnd, IReadOnlyDictionary<RejectReason, long> malformed)
    {
        Purchases = purchases;
        Returns = returns;
        ReturnsAfterEnd = returnsAfterEnd;
        Malformed = malformed;
    }

    /// <summary>Purchase rows (positive amounts).</summary>
    public long Purchases { get; }

    /// <summary>Return rows (negative amounts).</summary>
    public long Returns { get; }

    /// <summary>Returns drawn but not written because they would be dated after <see cref="SampleOptions.End"/>.</summary>
    public long ReturnsAfterEnd { get; }

    /// <summary>
    /// Malformed rows by the reason a reader rejects them for: missing_customer_id, unparseable_timestamp,
    /// bad_amount, non_finite_amount and wrong_field_count, each present (possibly 0).
    /// </summary>
    public IReadOnlyDictionary<RejectReason, long> Malformed { get; }

    /// <summary>Malformed rows, all reasons together.</summary>
    public long MalformedRows => Malformed.Values.Sum();

    /// <summary>Data rows written (the header excluded).</summary>
    public long Rows => Purchases + Returns + MalformedRows;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Rows} rows: {Purchases} purchases, {Returns} returns ({ReturnsAfterEnd} more after End not written), {MalformedRows} malformed ("
        + string.Join(", ", Malformed.Select(m => $"{m.Key.Name()} {m.Value}")) + ")";

    /// <summary>The reasons malformed rows are made for, in the order they are drawn.</summary>
    public static IReadOnlyList<RejectReason> MalformedReasons { get; } =
    [
        RejectReason.MissingCustomerId, RejectReason.UnparseableTimestamp, RejectReason.BadAmount,
        RejectReason.NonFiniteAmount, RejectReason.WrongFieldCount,
    ];
}
