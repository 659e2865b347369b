using System.Globalization;
using System.Text;
using ClvML.Data.Text;

namespace ClvML.Tests.Data.Text;

/// <summary>
/// The formatter must give exactly .NET's round-trip text (which is the shortest string that parses back
/// to the same double): checked on values with known shortest forms, on boundary cases of Ryu's
/// trailing-zero logic, and on a million seeded values spread over every magnitude and bit pattern.
/// </summary>
public sealed class ShortestDoubleFormatterTests
{
    private static string Format(double value)
    {
        Span<byte> buffer = stackalloc byte[32];
        Assert.True(ShortestDoubleFormatter.TryFormat(value, buffer, out var written));
        return Encoding.UTF8.GetString(buffer[..written]);
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(100.0, "100")]
    [InlineData(123456789012345.0, "123456789012345")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(1.23e17, "1.23E+17")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1E-05")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(5e-324, "5E-324")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    [InlineData(9007199254740993.0, "9007199254740992")]
    [InlineData(2.2250738585072014E-308, "2.2250738585072014E-308")]
    public void Known_values_have_their_shortest_text(double value, string expected)
    {
        Assert.Equal(expected, Format(value));
        Assert.Equal(expected, value.ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_million_seeded_values_format_exactly_as_dotnet_round_trip_text()
    {
        var random = new Random(20261130);
        for (var i = 0; i < 1_000_000; i++)
        {
            var value = (i % 4) switch
            {
                // Arbitrary bit patterns (every exponent, subnormals; non-finite ones go to .NET).
                0 => BitConverter.Int64BitsToDouble(random.NextInt64()),
                // Scores and spends: uniform in [0, 1000), and probabilities.
                1 => random.NextDouble() * 1000,
                2 => random.NextDouble(),
                // Short decimals and integers, where trailing zeros and exact halves decide the digits.
                _ => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(0, 16)), random.Next(0, 6)) * (random.Next(2) == 0 ? 1 : -1),
            };
            var expected = value.ToString("R", CultureInfo.InvariantCulture);
            var actual = Format(value);
            if (actual != expected) Assert.Fail($"{BitConverter.DoubleToInt64Bits(value):X16}: {actual} instead of {expected}");
        }
    }

    private static void AssertSameAsDotnet(double value)
    {
        var expected = value.ToString("R", CultureInfo.InvariantCulture);
        var actual = Format(value);
        if (actual != expected) Assert.Fail($"{BitConverter.DoubleToInt64Bits(value):X16}: {actual} instead of {expected}");
    }

    [Fact]
    public void Random_mantissas_at_every_exponent_of_the_fixed_notation_range_format_exactly_as_dotnet()
    {
        // 2^-20 to 2^52 covers every value .NET prints without an exponent, where the layout is ours.
        var random = new Random(7);
        var formatted = 0;
        for (var exponent = 1023 - 20; exponent <= 1023 + 52; exponent++)
            for (var i = 0; i < 20_000; i++)
            {
                var bits = ((ulong)exponent << 52) | ((ulong)random.NextInt64() & ((1UL << 52) - 1));
                AssertSameAsDotnet(BitConverter.UInt64BitsToDouble(bits));
                AssertSameAsDotnet(-BitConverter.UInt64BitsToDouble(bits));
                formatted += 2;
            }
        Assert.Equal(73 * 40_000, formatted);
    }

    [Fact]
    public void Every_power_of_two_and_its_neighbours_formats_exactly_as_dotnet()
    {
        // A zero mantissa makes the rounding interval asymmetric (the lower bound is half as far), Ryu's mmShift.
        for (var exponent = -1074; exponent <= 1023; exponent++)
        {
            var power = Math.ScaleB(1.0, exponent);
            AssertSameAsDotnet(power);
            AssertSameAsDotnet(Math.BitIncrement(power));
            AssertSameAsDotnet(Math.BitDecrement(power));
        }
    }

    [Fact]
    public void Powers_of_ten_and_their_neighbours_format_exactly_as_dotnet()
    {
        for (var exponent = -30; exponent <= 30; exponent++)
        {
            var power = double.Parse($"1E{exponent}", CultureInfo.InvariantCulture);
            AssertSameAsDotnet(power);
            AssertSameAsDotnet(Math.BitIncrement(power));
            AssertSameAsDotnet(Math.BitDecrement(power));
        }
        Assert.Equal("100000000000000", Format(1e14));
    }

    [Fact]
    public void Short_decimals_and_exact_halves_at_every_magnitude_format_exactly_as_dotnet()
    {
        // Decimals of 1 to 17 digits are where trailing zeros of the bounds and round-half-even decide the last digit.
        var random = new Random(11);
        for (var i = 0; i < 300_000; i++)
        {
            var digits = random.Next(1, 18);
            var mantissa = random.NextInt64((long)Math.Pow(10, digits - 1), (long)Math.Pow(10, digits));
            if (i % 3 == 0) mantissa = mantissa / 10 * 10 + 5; // ends in 5: a halfway case one digit shorter
            var value = double.Parse($"{mantissa}E{random.Next(-25, 20)}", CultureInfo.InvariantCulture);
            AssertSameAsDotnet(value);
        }
        foreach (var value in new[] { 0.5, 1.5, 2.5, 9007199254740991.0, 9007199254740993.0, 4503599627370495.5, 999999999999999.9, 0.000099999999999999991 })
            AssertSameAsDotnet(value);
    }

    [Fact]
    public void Subnormals_format_exactly_as_dotnet()
    {
        var random = new Random(13);
        for (var i = 0; i < 100_000; i++)
            AssertSameAsDotnet(BitConverter.UInt64BitsToDouble((ulong)random.NextInt64(1, 1L << 52)));
    }

    /// <summary>
    /// Ryu's digits against .NET's round-trip text read as digits x 10^exponent, trailing zeros moved into the
    /// exponent on both sides. .NET's text for some powers of two far outside the fixed-notation range does not
    /// read back to the value (2^-958 gives 4.104536801298376E-289); there the digits must read back instead.
    /// </summary>
    private static void AssertSameDigitsAsDotnet(double value)
    {
        var digits = ShortestDoubleFormatter.ShortestDecimal(value, out var exponent);
        if (double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) != value)
        {
            Assert.Equal(Math.Abs(value), double.Parse($"{digits}E{exponent}", CultureInfo.InvariantCulture));
            return;
        }
        while (digits % 10 == 0)
        {
            digits /= 10;
            exponent++;
        }
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        var expectedExponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var point = mantissa.IndexOf('.');
        if (point >= 0)
        {
            expectedExponent -= mantissa.Length - point - 1;
            mantissa = mantissa.Remove(point, 1);
        }
        var expectedDigits = ulong.Parse(mantissa, CultureInfo.InvariantCulture);
        while (expectedDigits % 10 == 0)
        {
            expectedDigits /= 10;
            expectedExponent++;
        }
        if (digits != expectedDigits || exponent != expectedExponent)
            Assert.Fail($"{BitConverter.DoubleToInt64Bits(value):X16}: {digits}E{exponent} instead of {expectedDigits}E{expectedExponent} ({text})");
    }

    [Fact]
    public void Shortest_digits_match_dotnet_at_every_exponent_including_the_ones_dotnet_lays_out()
    {
        // Powers of two (the asymmetric interval), their neighbours, and random mantissas at every binary exponent.
        var random = new Random(17);
        for (var exponent = -1074; exponent <= 1023; exponent++)
        {
            var power = Math.ScaleB(1.0, exponent);
            AssertSameDigitsAsDotnet(power);
            if (exponent < 1023) AssertSameDigitsAsDotnet(Math.BitIncrement(power));
            if (exponent > -1074) AssertSameDigitsAsDotnet(Math.BitDecrement(power));
        }
        for (var biased = 0; biased < 0x7FF; biased++)
            for (var i = 0; i < 300; i++)
            {
                var bits = ((ulong)biased << 52) | ((ulong)random.NextInt64() & ((1UL << 52) - 1));
                if (bits != 0) AssertSameDigitsAsDotnet(BitConverter.UInt64BitsToDouble(bits));
            }
        Assert.Equal(41045368012983762UL, ShortestDoubleFormatter.ShortestDecimal(Math.ScaleB(1.0, -958), out var power958));
        Assert.Equal(-305, power958);
        Assert.Equal(5UL, ShortestDoubleFormatter.ShortestDecimal(5e-324, out var smallest));
        Assert.Equal(-324, smallest);
    }

    [Fact]
    public void A_short_buffer_is_refused_not_overrun()
    {
        Span<byte> buffer = stackalloc byte[3];
        Assert.False(ShortestDoubleFormatter.TryFormat(123.456, buffer, out var written));
        Assert.Equal(0, written);
    }
}
