namespace ClvML.Data.Sample;

/// <summary>
/// One true purchase of the synthetic customer base, with its return when it has one.
/// Times and days count from <see cref="SampleOptions.Start"/> at midnight.
/// </summary>
public readonly struct SamplePurchase
{
    internal SamplePurchase(int customer, double time, long amountCents, int returnDay, long returnedCents)
    {
        Customer = customer;
        Time = time;
        AmountCents = amountCents;
        ReturnDay = returnDay;
        ReturnedCents = returnedCents;
    }

    /// <summary>Index of the customer (0-based; the id <c>C0000001</c> is index 0).</summary>
    public int Customer { get; }

    /// <summary>
    /// When the purchase happened, in days (fractional) since <see cref="SampleOptions.Start"/> at
    /// midnight. This is the BG/NBD clock: the first purchase is the customer's time 0.
    /// </summary>
    public double Time { get; }

    /// <summary>The day of the purchase (days since <see cref="SampleOptions.Start"/>): its row's date.</summary>
    public int Day => (int)Time;

    /// <summary>The amount in cents, at least 1.</summary>
    public long AmountCents { get; }

    /// <summary>The amount as written in the CSV.</summary>
    public decimal Amount => AmountCents / 100m;

    /// <summary>Day of the return row (days since <see cref="SampleOptions.Start"/>), or -1 when none was written.</summary>
    public int ReturnDay { get; }

    /// <summary>Returned amount in cents (positive; the row carries it negated), 0 when none was written.</summary>
    public long ReturnedCents { get; }

    /// <summary>Returned amount (positive; the row carries it negated), 0 when none was written.</summary>
    public decimal ReturnedAmount => ReturnedCents / 100m;

    /// <summary>Whether a return row for this purchase was written.</summary>
    public bool IsReturned => ReturnDay >= 0;
}
