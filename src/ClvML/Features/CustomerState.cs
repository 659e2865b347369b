namespace ClvML.Features;

/// <summary>
/// Everything the features need of one customer, updated one transaction at a time in
/// chronological order: its size does not depend on how many transactions the customer has.
/// Days are <see cref="DateOnly.DayNumber"/> values; periods are <see cref="PeriodCalendar"/> ordinals.
/// </summary>
internal struct CustomerState
{
    /// <summary>Day of the first calibration purchase.</summary>
    public int FirstDay;
    /// <summary>Day of the last calibration purchase.</summary>
    public int LastDay;
    /// <summary>Period of the last calibration purchase.</summary>
    public int LastPeriod;
    /// <summary>Distinct calibration purchase periods (frequency + 1).</summary>
    public int CalibrationPeriods;
    /// <summary>Net spend of the first purchase period (lifetimes leaves it out of monetary_value).</summary>
    public double FirstPeriodSpend;
    /// <summary>Net calibration spend.</summary>
    public double CalibrationSpend;
    /// <summary>Calibration orders.</summary>
    public int CalibrationOrders;
    /// <summary>Order id hash of the last purchase row (0: none), to merge adjacent lines of one order.</summary>
    public ulong LastOrderHash;
    /// <summary>Distinct holdout purchase periods.</summary>
    public int HoldoutPeriods;
    /// <summary>Period of the last holdout purchase.</summary>
    public int HoldoutLastPeriod;
    /// <summary>Net holdout spend (returns dated in the holdout included).</summary>
    public double HoldoutSpend;
    /// <summary>Whether any accepted row is dated in the holdout.</summary>
    public bool HasHoldoutRows;
    /// <summary>Day of the latest row seen, to detect input that is not chronological per customer.</summary>
    public int LastEventDay;
}
