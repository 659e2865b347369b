using System.Globalization;
using System.Text;
using ClvML.Data;

namespace ClvML.Tests.Data;

/// <summary>
/// <see cref="DecimalText"/> against <c>double.TryParse(NumberStyles.Float, invariant)</c>, bit for bit
/// (the sign of zero included), on edge cases and on many seeded random texts; and that the fast path
/// really is what parses the plain decimals, so the comparison covers it.
/// </summary>
public sealed class DecimalTextTests
{
    private static void AssertSameAsDoubleParse(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var expectedOk = double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
        var ok = DecimalText.TryParse(utf8, out var actual);
        Assert.True(expectedOk == ok, $"'{text}': double.TryParse says {expectedOk}, DecimalText {ok}");
        if (ok)
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
                $"'{text}': double.TryParse gives {expected:R} ({BitConverter.DoubleToInt64Bits(expected):X16}), DecimalText {actual:R} ({BitConverter.DoubleToInt64Bits(actual):X16})");
    }

    [Theory]
    [InlineData("0")] [InlineData("-0")] [InlineData("-0.0")] [InlineData("-0.000")] [InlineData("00")] [InlineData("0.0")]
    [InlineData("")] [InlineData("-")] [InlineData(".")] [InlineData("-.")] [InlineData(".5")] [InlineData("-.5")] [InlineData("5.")]
    [InlineData("+5")] [InlineData("+0")] [InlineData(" 5")] [InlineData("5 ")] [InlineData("\t5")] [InlineData("--1")] [InlineData("-+1")]
    [InlineData("1e5")] [InlineData("1E-5")] [InlineData("2.5e3")] [InlineData("1e400")] [InlineData("-1e400")] [InlineData("1e-400")]
    [InlineData("0x10")] [InlineData("NaN")] [InlineData("Infinity")] [InlineData("-Infinity")] [InlineData("∞")]
    [InlineData("1,5")] [InlineData("1,000.5")] [InlineData("1.2.3")] [InlineData("12a")] [InlineData("١٢")]
    [InlineData("32.86")] [InlineData("-32.86")] [InlineData("0.1")] [InlineData("0.3")] [InlineData("1.7976931348623157")]
    [InlineData("999999999999999")] [InlineData("9999999999999999")] [InlineData("99999999999999.9")] [InlineData("9999999999999.999")]
    [InlineData("123456789012345.6")] [InlineData("0.123456789012345")] [InlineData("0.1234567890123456")]
    [InlineData("0.0000000000000000000001")] [InlineData("0.00000000000000000000001")] [InlineData("1.0000000000000000000000")]
    [InlineData("000000000000000000000000000012.5")] [InlineData("9007199254740993")] [InlineData("18446744073709551616")]
    [InlineData("4.35")] [InlineData("8.675309")] [InlineData("0.000001")] [InlineData("123456789012345")] [InlineData("1000000000000000")]
    public void Gives_double_parses_bits_on_edge_cases(string text) => AssertSameAsDoubleParse(text);

    [Fact]
    public void Minus_zero_is_negative_zero_on_the_fast_path()
    {
        Assert.True(DecimalText.TryParsePlain("-0"u8, out var zero));
        Assert.True(double.IsNegative(zero) && zero == 0);
        Assert.True(DecimalText.TryParsePlain("-0.00"u8, out zero));
        Assert.True(double.IsNegative(zero) && zero == 0);
        Assert.True(DecimalText.TryParsePlain("0.00"u8, out zero));
        Assert.False(double.IsNegative(zero));
    }

    [Theory]
    [InlineData("32.86", true)] [InlineData("-5", true)] [InlineData("999999999999999", true)] [InlineData("0.0000000000000000000001", true)]
    [InlineData("9999999999999999", false)] [InlineData("0.00000000000000000000001", false)] [InlineData("5.", false)] [InlineData(".5", false)]
    [InlineData("+5", false)] [InlineData(" 5", false)] [InlineData("1e5", false)] [InlineData("", false)] [InlineData("-", false)]
    public void Takes_the_fast_path_exactly_for_plain_decimals_in_range(string text, bool fast) =>
        Assert.Equal(fast, DecimalText.TryParsePlain(Encoding.UTF8.GetBytes(text), out _));

    /// <summary>Amount-like texts: a sign, digits, a point and fraction digits, each part sometimes missing, odd or too long.</summary>
    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        switch (random.Next(8))
        {
            case 0: text.Append('-'); break;
            case 1: text.Append(random.Next(4) switch { 0 => "+", 1 => " ", 2 => "--", _ => "\t" }); break;
        }
        var integerDigits = random.Next(10) == 0 ? random.Next(25) : random.Next(1, 8);
        for (var i = 0; i < integerDigits; i++) text.Append((char)('0' + (i == 0 && random.Next(3) > 0 ? random.Next(1, 10) : random.Next(10))));
        if (random.Next(5) > 0)
        {
            text.Append('.');
            var fractionDigits = random.Next(10) == 0 ? random.Next(30) : random.Next(1, 5);
            for (var i = 0; i < fractionDigits; i++) text.Append((char)('0' + random.Next(10)));
        }
        switch (random.Next(20))
        {
            case 0: text.Append('e').Append(random.Next(-30, 30)); break;
            case 1: text.Append(' '); break;
            case 2: text.Insert(random.Next(text.Length + 1), (char)random.Next(32, 127)); break;
        }
        return text.ToString();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Gives_double_parses_bits_on_random_texts(int seed)
    {
        var random = new Random(seed);
        var fast = 0;
        const int count = 200_000;
        for (var i = 0; i < count; i++)
        {
            var text = RandomText(random);
            AssertSameAsDoubleParse(text);
            if (DecimalText.TryParsePlain(Encoding.UTF8.GetBytes(text), out _)) fast++;
        }
        // Most texts are plain decimals and went the fast way; the rest checked the fallback.
        Assert.InRange(fast, count / 2, count * 9 / 10);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Gives_double_parses_bits_on_random_fifteen_digit_significands(int seed)
    {
        // The hardest cases for the quotient: the most significant digits the fast path takes, at every scale.
        var random = new Random(seed);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.NextInt64(1, 1_000_000_000_000_000);
            var scale = random.Next(0, 23);
            var text = digits.ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
            if (scale > 0) text = text[..^scale] + "." + text[^scale..];
            if (random.Next(2) == 0) text = "-" + text;
            Assert.True(DecimalText.TryParsePlain(Encoding.UTF8.GetBytes(text), out _), text);
            AssertSameAsDoubleParse(text);
        }
    }
}
