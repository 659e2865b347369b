using System.Globalization;
using System.Runtime.InteropServices;

namespace ClvML.Data.Sample;

/// <summary>
/// The known truth behind a generated sample: each customer's channel, country, acquisition date,
/// BG/NBD and Gamma-Gamma parameters, whether they are still alive at the end, and their true
/// purchases and returns. Later stages test their estimates against it.
/// Customers are addressed by 0-based index; <see cref="CustomerId"/> gives the CSV id.
/// </summary>
public sealed class SampleTruth
{
    private readonly byte[] _channel;
    private readonly byte[] _country;
    private readonly int[] _acquisitionDay;
    private readonly double[] _lambda;
    private readonly double[] _dropout;
    private readonly double[] _nu;
    private readonly bool[] _alive;
    private readonly int[] _offsets;
    private readonly List<SamplePurchase> _purchases;
    private readonly string _idFormat;

    internal SampleTruth(
        SampleOptions options, byte[] channel, byte[] country, int[] acquisitionDay, double[] lambda,
        double[] dropout, double[] nu, bool[] alive, int[] offsets, List<SamplePurchase> purchases, SampleSummary summary)
    {
        Options = options;
        _channel = channel;
        _country = country;
        _acquisitionDay = acquisitionDay;
        _lambda = lambda;
        _dropout = dropout;
        _nu = nu;
        _alive = alive;
        _offsets = offsets;
        _purchases = purchases;
        Summary = summary;
        IdDigits = Math.Max(7, options.Customers.ToString(CultureInfo.InvariantCulture).Length);
        _idFormat = "D" + IdDigits.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The options the sample was generated with.</summary>
    public SampleOptions Options { get; }

    /// <summary>Rows of the CSV by kind.</summary>
    public SampleSummary Summary { get; }

    /// <summary>Number of customers.</summary>
    public int CustomerCount => _channel.Length;

    /// <summary>All true purchases, grouped by customer in index order, in time order within a customer.</summary>
    public ReadOnlySpan<SamplePurchase> AllPurchases => CollectionsMarshal.AsSpan(_purchases);

    /// <summary>The <c>customer_id</c> of customer <paramref name="customer"/>: <c>C</c> and the 1-based index, zero-padded to 7 digits (more for more customers).</summary>
    public string CustomerId(int customer) =>
        "C" + (CheckCustomer(customer) + 1).ToString(_idFormat, CultureInfo.InvariantCulture);

    /// <summary>The index of the customer with <paramref name="id"/>, or -1 when there is none.</summary>
    public int IndexOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != IdDigits + 1 || id[0] != 'C'
            || !int.TryParse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return -1;
        return number >= 1 && number <= CustomerCount ? number - 1 : -1;
    }

    /// <summary>Everything known about customer <paramref name="customer"/>.</summary>
    public SampleCustomer Customer(int customer) => new(
        CheckCustomer(customer), CustomerId(customer), Options.Channels[_channel[customer]].Name,
        Options.Countries[_country[customer]].Code, Date(_acquisitionDay[customer]), _lambda[customer],
        _dropout[customer], _nu[customer], _alive[customer], _offsets[customer + 1] - _offsets[customer]);

    /// <summary>Index of the customer's channel in <see cref="SampleOptions.Channels"/>.</summary>
    public int ChannelIndex(int customer) => _channel[CheckCustomer(customer)];

    /// <summary>Index of the customer's country in <see cref="SampleOptions.Countries"/>.</summary>
    public int CountryIndex(int customer) => _country[CheckCustomer(customer)];

    /// <summary>The customer's true purchases in time order; the first is on the acquisition date.</summary>
    public ReadOnlySpan<SamplePurchase> Purchases(int customer) =>
        AllPurchases[_offsets[CheckCustomer(customer)].._offsets[customer + 1]];

    /// <summary>Purchases of the customer dated from <paramref name="first"/> to <paramref name="last"/>, both inclusive.</summary>
    public int PurchaseCount(int customer, DateOnly first, DateOnly last)
    {
        var (from, to) = (Day(first), Day(last));
        var count = 0;
        foreach (ref readonly var purchase in Purchases(customer))
            if (purchase.Day >= from && purchase.Day <= to) count++;
        return count;
    }

    /// <summary>Gross amount of the customer's purchases dated from <paramref name="first"/> to <paramref name="last"/> (returns not subtracted).</summary>
    public decimal Spend(int customer, DateOnly first, DateOnly last)
    {
        var (from, to) = (Day(first), Day(last));
        long cents = 0;
        foreach (ref readonly var purchase in Purchases(customer))
            if (purchase.Day >= from && purchase.Day <= to) cents += purchase.AmountCents;
        return cents / 100m;
    }

    /// <summary>Amount of the customer's returns dated from <paramref name="first"/> to <paramref name="last"/>, as a positive number.</summary>
    public decimal Returned(int customer, DateOnly first, DateOnly last)
    {
        var (from, to) = (Day(first), Day(last));
        long cents = 0;
        foreach (ref readonly var purchase in Purchases(customer))
            if (purchase.IsReturned && purchase.ReturnDay >= from && purchase.ReturnDay <= to) cents += purchase.ReturnedCents;
        return cents / 100m;
    }

    /// <summary>The date of a day counted from <see cref="SampleOptions.Start"/> (day 0).</summary>
    public DateOnly Date(int day) => Options.Start.AddDays(day);

    /// <summary>The day number of <paramref name="date"/> counted from <see cref="SampleOptions.Start"/> (day 0).</summary>
    public int Day(DateOnly date) => date.DayNumber - Options.Start.DayNumber;

    /// <summary>Digits of the number in a customer id.</summary>
    internal int IdDigits { get; }

    private int CheckCustomer(int customer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(customer, CustomerCount);
        return customer;
    }
}
