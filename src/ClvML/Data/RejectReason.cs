namespace ClvML.Data;

/// <summary>Why an input row was not used. Every reason is counted separately in the run's manifest.</summary>
public enum RejectReason
{
    /// <summary>The customer id is empty.</summary>
    MissingCustomerId,
    /// <summary>The timestamp is empty (or NULL).</summary>
    MissingTimestamp,
    /// <summary>The timestamp is not ISO 8601, or with <c>data.timestamp_format</c> matches none of its formats, or is not a valid date.</summary>
    UnparseableTimestamp,
    /// <summary>The amount (or quantity / unit price) is empty or not a number.</summary>
    BadAmount,
    /// <summary>The amount is NaN or infinite (or overflows).</summary>
    NonFiniteAmount,
    /// <summary>The row has a different number of fields than the header.</summary>
    WrongFieldCount,
    /// <summary>A negative amount with <c>returns: drop</c>.</summary>
    ReturnDropped,
    /// <summary>A return in the calibration period before the customer's first purchase: nothing to net against.</summary>
    ReturnBeforeFirstPurchase,
    /// <summary>The row is dated after <c>features.observation_end</c>.</summary>
    AfterObservationEnd,
    /// <summary>A summary row whose values are inconsistent or not numbers.</summary>
    BadSummaryValue,
    /// <summary>A summary row repeating a customer id already seen.</summary>
    DuplicateCustomer,
}

/// <summary>Snake-case names of <see cref="RejectReason"/> used in files and reports.</summary>
internal static class RejectReasonNames
{
    /// <summary>The snake_case name, e.g. <c>unparseable_timestamp</c>.</summary>
    public static string Name(this RejectReason reason) => reason switch
    {
        RejectReason.MissingCustomerId => "missing_customer_id",
        RejectReason.MissingTimestamp => "missing_timestamp",
        RejectReason.UnparseableTimestamp => "unparseable_timestamp",
        RejectReason.BadAmount => "bad_amount",
        RejectReason.NonFiniteAmount => "non_finite_amount",
        RejectReason.WrongFieldCount => "wrong_field_count",
        RejectReason.ReturnDropped => "return_dropped",
        RejectReason.ReturnBeforeFirstPurchase => "return_before_first_purchase",
        RejectReason.AfterObservationEnd => "after_observation_end",
        RejectReason.BadSummaryValue => "bad_summary_value",
        RejectReason.DuplicateCustomer => "duplicate_customer",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
