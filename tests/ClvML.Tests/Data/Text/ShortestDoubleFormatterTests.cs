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

    [Fact]
    public void A_short_buffer_is_refused_not_overrun()
    {
        Span<byte> buffer = stackalloc byte[3];
        Assert.False(ShortestDoubleFormatter.TryFormat(123.456, buffer, out var written));
        Assert.Equal(0, written);
    }
}
