namespace ClvML.Numerics;

/// <summary>
/// Arithmetic on money amounts whose results print as the decimals they are. No double holds 0.29
/// exactly, so adding cent amounts one by one drifts by an ulp now and then and a total prints as
/// 3789.29000000001. Here an amount that is the double nearest a whole number of ten-thousandths
/// (cents, and prices such as 0.001 or 1.2345) stands for that whole number of units; the units
/// are added (or multiplied by a whole quantity, or divided) exactly, and the result is the double
/// nearest the exact decimal result, whose shortest round-trip text is the decimals. Amounts finer
/// than that, and totals beyond 2^53 units (900 billion), take the ordinary double result
/// (compensated, for sums of many), which is what they had before.
/// </summary>
internal static class Money
{
    /// <summary>The units an amount is counted in, per currency unit: cents and four-decimal prices are whole numbers of them.</summary>
    internal const double UnitsPerCurrencyUnit = 10_000;

    // Whole numbers below 2^53 are exact in a double, so sums of them are exact while they stay
    // below it and units / 10,000 is a single correctly rounded division.
    private const double ExactLimit = 9007199254740992.0;

    /// <summary>Whether <paramref name="amount"/> is the double nearest a whole number of <see cref="UnitsPerCurrencyUnit"/>ths, and that number.</summary>
    public static bool TryUnits(double amount, out double units)
    {
        units = Math.Round(amount * UnitsPerCurrencyUnit);
        // The division is correctly rounded, so equality means amount is the double nearest units / 10,000.
        return Math.Abs(units) < ExactLimit && units / UnitsPerCurrencyUnit == amount;
    }

    /// <summary><paramref name="sum"/> + <paramref name="amount"/>: exact when both are whole numbers of units (cents, say).</summary>
    public static double Add(double sum, double amount)
    {
        if (TryUnits(amount, out var b) && TryUnits(sum, out var a))
        {
            var units = a + b;
            if (Math.Abs(units) < ExactLimit) return units / UnitsPerCurrencyUnit;
        }
        return sum + amount;
    }

    /// <summary>The total of <paramref name="amounts"/>: exact when every amount is a whole number of units, else compensated (Neumaier).</summary>
    public static double Sum(IEnumerable<double> amounts)
    {
        var units = 0.0;
        var exact = true;
        double sum = 0, compensation = 0;
        foreach (var x in amounts)
        {
            if (exact && TryUnits(x, out var u) && Math.Abs(units + u) < ExactLimit) units += u;
            else exact = false;
            var t = sum + x;
            compensation += Math.Abs(sum) >= Math.Abs(x) ? sum - t + x : x - t + sum;
            sum = t;
        }
        if (exact) return units / UnitsPerCurrencyUnit;
        return double.IsFinite(sum) ? sum + compensation : sum;
    }

    /// <summary><paramref name="total"/> / <paramref name="count"/>, the double nearest the exact quotient when the total is a whole number of units (10.05 over 3 is 3.35).</summary>
    public static double Divide(double total, long count)
    {
        // 10,000 x count is exact well past any count of customers or orders.
        if (count is > 0 and < 1L << 36 && TryUnits(total, out var units)) return units / (UnitsPerCurrencyUnit * count);
        return total / count;
    }

    /// <summary>
    /// <paramref name="quantity"/> x <paramref name="unitPrice"/>: exact when one is a whole number and
    /// the other a whole number of units (6 x 2.55 is 15.3, not 15.299999999999999).
    /// </summary>
    public static double Product(double quantity, double unitPrice)
    {
        // A product of whole numbers below the limit is exact (a true product above it would round to at least the limit).
        if (IsWhole(quantity) && TryUnits(unitPrice, out var price) && Math.Abs(quantity * price) < ExactLimit)
            return quantity * price / UnitsPerCurrencyUnit;
        if (IsWhole(unitPrice) && TryUnits(quantity, out var units) && Math.Abs(unitPrice * units) < ExactLimit)
            return unitPrice * units / UnitsPerCurrencyUnit;
        return quantity * unitPrice;
    }

    private static bool IsWhole(double x) => Math.Abs(x) < ExactLimit && Math.Round(x) == x;
}
