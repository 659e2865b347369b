using ClvML.Configuration;
using ClvML.Features;

namespace ClvML.Probabilistic;

/// <summary>Discounted CLV of one customer.</summary>
/// <param name="Clv">Gross CLV: margin x expected spend on the discounted expected purchases.</param>
/// <param name="NetClv">CLV less the acquisition cost and the discounted service cost of the expected orders.</param>
/// <param name="ExpectedOrders">Expected purchases over the horizon (undiscounted).</param>
public readonly record struct CustomerValue(double Clv, double NetClv, double ExpectedOrders);

/// <summary>
/// Discounted cash flow CLV in lifetimes' convention (<c>customer_lifetime_value</c>): for each month
/// m = 1..H, the incremental expected purchases E[Y(m)] - E[Y(m-1)] times the expected spend per
/// purchase times the margin, discounted by (1 + d)^m. Months map to the data's time unit by
/// lifetimes' factors (30 days, 4.345 weeks, 1 month), so results agree with lifetimes on the same model.
/// Net CLV subtracts <c>acquisition_cost</c> once and <c>service_cost_per_order</c> per discounted expected order.
/// </summary>
public static class CustomerLifetimeValue
{
    /// <summary>Time units per month as lifetimes maps them.</summary>
    public static double UnitsPerMonth(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 30.0,
        TimeUnit.Week => 4.345,
        TimeUnit.Month => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown time unit"),
    };

    /// <summary>CLV of one customer with history (x, t_x, T) and expected spend per purchase.</summary>
    public static CustomerValue Compute(ITransactionModel model, double frequency, double recency, double T, double expectedSpend,
        ClvSettings settings, TimeUnit unit)
    {
        var (discounted, expected) = DiscountedPurchases(model, frequency, recency, T, settings, unit);
        var clv = discounted * expectedSpend * settings.Margin;
        return new CustomerValue(clv, clv - discounted * settings.ServiceCostPerOrder - settings.AcquisitionCost, expected);
    }

    /// <summary>
    /// The sum over months of the incremental expected purchases discounted by (1 + d)^m, and the
    /// undiscounted expected purchases over the horizon. CLV is this sum times spend times margin,
    /// so customers with the same history share it whatever their spend.
    /// </summary>
    public static (double Discounted, double Expected) DiscountedPurchases(ITransactionModel model, double frequency, double recency, double T,
        ClvSettings settings, TimeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckSettings(settings);
        var perMonth = UnitsPerMonth(unit);
        var months = settings.HorizonMonths;
        // All monthly horizons in one call: the models share P(alive) and series work across them.
        Span<double> horizons = months <= 128 ? stackalloc double[months] : new double[months];
        Span<double> cumulative = months <= 128 ? stackalloc double[months] : new double[months];
        for (var month = 1; month <= months; month++) horizons[month - 1] = month * perMonth;
        model.ConditionalExpectedPurchases(horizons, frequency, recency, T, cumulative);
        return Discount(cumulative, settings);
    }

    /// <summary>The monthly horizons m x (units per month), m = 1..H, that <see cref="DiscountedPurchases"/> forecasts at.</summary>
    internal static double[] MonthlyHorizons(ClvSettings settings, TimeUnit unit)
    {
        CheckSettings(settings);
        var horizons = new double[settings.HorizonMonths];
        for (var month = 1; month <= horizons.Length; month++) horizons[month - 1] = month * UnitsPerMonth(unit);
        return horizons;
    }

    /// <summary>
    /// The discounted sum of the monthly increments of <paramref name="cumulative"/> (expected
    /// purchases at the <see cref="MonthlyHorizons"/>), and the last of them.
    /// </summary>
    internal static (double Discounted, double Expected) Discount(ReadOnlySpan<double> cumulative, ClvSettings settings)
    {
        double discounted = 0, previous = 0, discount = 1;
        for (var month = 1; month <= cumulative.Length; month++)
        {
            discount /= 1 + settings.DiscountRate;
            discounted += (cumulative[month - 1] - previous) * discount;
            previous = cumulative[month - 1];
        }
        return (discounted, previous);
    }

    private static void CheckSettings(ClvSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.HorizonMonths < 0 || !(settings.DiscountRate > -1))
            throw new ArgumentOutOfRangeException(nameof(settings), "clv.horizon_months must be >= 0 and clv.discount_rate > -1.");
    }

    /// <summary>CLV for every customer; the spans are per customer.</summary>
    public static void Compute(ITransactionModel model, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> T,
        ReadOnlySpan<double> expectedSpend, ClvSettings settings, TimeUnit unit, Span<CustomerValue> destination)
    {
        var n = frequency.Length;
        if (recency.Length != n || T.Length != n || expectedSpend.Length != n || destination.Length != n)
            throw new ArgumentException("Every span needs one value per customer.");
        for (var i = 0; i < n; i++)
            destination[i] = Compute(model, frequency[i], recency[i], T[i], expectedSpend[i], settings, unit);
    }
}
