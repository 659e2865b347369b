using System.Globalization;

namespace ClvML.Data;

/// <summary>
/// Parses a number from UTF-8 text exactly as <c>double.TryParse(text, NumberStyles.Float,
/// CultureInfo.InvariantCulture)</c> does, with a fast path for the plain decimals that amount
/// columns hold ("32.86", "-5", "0.125"): an optional '-', digits, and optionally '.' and more
/// digits, with at most 15 significant digits and at most 22 after the point. Such a text is
/// m / 10^k with m &lt; 10^15 &lt; 2^53 and k &lt;= 22, so both m and 10^k are exact doubles and one
/// IEEE division rounds the quotient correctly: the same bits as the full parser (Clinger 1990,
/// "How to read floating point numbers accurately", the fast path). Anything else (exponents, '+',
/// spaces, ".5", "5.", more digits, NaN, Infinity) goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>,
/// which costs about four times as much for a short amount.
/// </summary>
internal static class DecimalText
{
    private const int MaxSignificantDigits = 15;
    private const int MaxFractionDigits = 22;

    // 10^0 .. 10^22: every one is an exact double (5^22 < 2^53).
    private static ReadOnlySpan<double> PowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>The number in <paramref name="utf8"/>, parsed as <c>double.TryParse</c> with <see cref="NumberStyles.Float"/> in the invariant culture.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value) =>
        TryParsePlain(utf8, out value) || double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>The fast path: true only for a plain decimal within the exact range; false means "ask the full parser".</summary>
    internal static bool TryParsePlain(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var p = 0;
        var negative = s.Length > 0 && s[0] == '-';
        if (negative) p = 1;
        ulong m = 0;
        var significant = 0;
        var integerStart = p;
        while (p < s.Length && (uint)(s[p] - '0') <= 9)
        {
            if (!TryAppendDigit(ref m, ref significant, s[p])) return false;
            p++;
        }
        if (p == integerStart) return false;
        var fraction = 0;
        if (p < s.Length)
        {
            if (s[p] != '.') return false;
            p++;
            var fractionStart = p;
            while (p < s.Length && (uint)(s[p] - '0') <= 9)
            {
                if (!TryAppendDigit(ref m, ref significant, s[p])) return false;
                p++;
            }
            fraction = p - fractionStart;
            // "5." and a text with anything after the digits go to the full parser.
            if (fraction == 0 || p != s.Length || fraction > MaxFractionDigits) return false;
        }
        var magnitude = fraction == 0 ? m : m / PowersOfTen[fraction];
        // Negating keeps "-0" and "-0.00" as -0.0, as double.Parse gives them.
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>Adds a digit to the significand; false once it would have more than 15 significant digits (leading zeros do not count).</summary>
    private static bool TryAppendDigit(ref ulong m, ref int significant, byte digit)
    {
        var d = (uint)(digit - '0');
        if (significant > 0 || d != 0)
        {
            if (++significant > MaxSignificantDigits) return false;
        }
        m = m * 10 + d;
        return true;
    }
}
