using System.Globalization;
using ClvML.Numerics;

namespace ClvML.Tests.Numerics;

/// <summary>
/// Totals of cent amounts are the double nearest the exact decimal total, so they print as cents;
/// checked against System.Decimal, which adds decimal fractions exactly, over seeded random amounts
/// of every size a transaction log has (a few cents to millions, returns included).
/// </summary>
public sealed class MoneyTests
{
    /// <summary>The double nearest <paramref name="exact"/>: parsing its decimal text is correctly rounded.</summary>
    private static double Nearest(decimal exact) => double.Parse(exact.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Random amounts with <paramref name="decimals"/> decimals, mostly small, some large, some negative.</summary>
    private static decimal[] Amounts(Random random, int decimals)
    {
        var scale = (long)Math.Pow(10, decimals);
        return [.. Enumerable.Range(0, random.Next(1, 300)).Select(_ =>
        {
            var magnitude = random.Next(4) switch { 0 => 100L, 1 => 10_000L, 2 => 1_000_000L, _ => 1_000_000_000L };
            var units = random.NextInt64(magnitude) * (random.Next(10) == 0 ? -1 : 1);
            return (decimal)units / scale;
        })];
    }

    [Fact]
    public void Sums_of_cent_amounts_are_the_nearest_double_to_the_exact_total_and_print_as_cents()
    {
        var random = new Random(20260101);
        var naiveWrong = 0;
        for (var trial = 0; trial < 3000; trial++)
        {
            var exact = Amounts(random, decimals: 2);
            var amounts = exact.Select(Nearest).ToArray();
            var total = exact.Sum();
            var expected = Nearest(total);

            Assert.Equal(expected, Money.Sum(amounts));
            Assert.Equal(expected, amounts.Aggregate(0.0, Money.Add));
            Assert.Equal(total.ToString("0.##", CultureInfo.InvariantCulture), Money.Sum(amounts).ToString("R", CultureInfo.InvariantCulture));
            if (amounts.Aggregate(0.0, (s, a) => s + a) != expected) naiveWrong++;
        }
        // Plain addition gets a good part of these wrong, so the property tests something.
        Assert.True(naiveWrong > 300, $"plain addition was wrong in only {naiveWrong} of 3000 totals");
    }

    [Fact]
    public void Four_decimal_prices_are_exact_too_and_finer_amounts_are_not_rounded()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 1000; trial++)
        {
            var exact = Amounts(random, decimals: 4);
            Assert.Equal(Nearest(exact.Sum()), Money.Sum(exact.Select(Nearest)));
        }
        Assert.Equal(0.00002, Money.Sum([0.00001, 0.00001]));
        Assert.Equal(1.0 / 3 + 0.1, Money.Add(1.0 / 3, 0.1));
        Assert.Equal(double.PositiveInfinity, Money.Sum([1.5, double.PositiveInfinity]));
    }

    [Fact]
    public void Means_and_products_of_cent_amounts_are_the_nearest_double_to_the_exact_result()
    {
        var random = new Random(99);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var total = (decimal)random.NextInt64(-1_000_000, 100_000_000) / 100;
            var count = random.Next(1, 5000);
            Assert.Equal(Nearest(total / count), Money.Divide(Nearest(total), count));

            var quantity = random.Next(-50, 1000);
            var price = (decimal)random.Next(0, 1_000_000) / (random.Next(2) == 0 ? 100 : 10_000);
            Assert.Equal(Nearest(quantity * price), Money.Product(quantity, Nearest(price)));
            Assert.Equal(Nearest(quantity * price), Money.Product(Nearest(price), quantity));
        }
        Assert.Equal(3.35, Money.Divide(10.05, 3));
        Assert.Equal(15.3, Money.Product(6, 2.55));
        Assert.Equal(1.5 * 0.123456, Money.Product(1.5, 0.123456));
    }
}
