namespace ClvML.Features;

/// <summary>
/// Everything the features need of one customer, updated one transaction at a time in
/// chronological order: its size does not depend on how many transactions the customer has.
/// Days are <see cref="DateOnly.DayNumber"/> values; periods are derived from days when needed.
/// Spends are in the accumulator's <see cref="TransactionAccumulator.SpendScale"/> (ten-thousandths of
/// the currency while every amount is a whole number of them, so that the sums are exact).
/// Eight-byte fields come first so the struct packs into 64 bytes: the state of a random customer
/// then costs at most two cache lines (a million states fit in no cache, and rows arrive in date
/// order, not by customer).
/// </summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = 64)]
internal struct CustomerState
{
    /// <summary>Net spend of the first purchase period (lifetimes leaves it out of monetary_value).</summary>
    public double FirstPeriodSpend;
    /// <summary>Net calibration spend.</summary>
    public double CalibrationSpend;
    /// <summary>Net holdout spend (returns dated in the holdout included).</summary>
    public double HoldoutSpend;
    /// <summary>Order id hash of the last purchase row (0: none), to merge adjacent lines of one order.</summary>
    public ulong LastOrderHash;
    /// <summary>Timestamp (ticks) of the latest row seen, to detect input that is not chronological per customer.</summary>
    public long LastEventTicks;
    /// <summary>Day of the first calibration purchase.</summary>
    public int FirstDay;
    /// <summary>Day of the last calibration purchase.</summary>
    public int LastDay;
    /// <summary>Distinct calibration purchase periods (frequency + 1).</summary>
    public int CalibrationPeriods;
    /// <summary>Calibration orders.</summary>
    public int CalibrationOrders;
    /// <summary>Distinct holdout purchase periods.</summary>
    public int HoldoutPeriods;
    /// <summary>Day of the last holdout purchase.</summary>
    public int HoldoutLastDay;

    /// <summary>Whether any accepted row is dated in the holdout (a holdout return always changes the spend).</summary>
    public readonly bool HasHoldoutRows => HoldoutPeriods > 0 || HoldoutSpend != 0;
}
