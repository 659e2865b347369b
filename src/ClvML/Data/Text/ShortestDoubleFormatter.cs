using System.Globalization;
using System.Numerics;

namespace ClvML.Data.Text;

/// <summary>
/// Writes a double as the shortest decimal that reads back to the same double, in exactly the text .NET's
/// <c>ToString("R", CultureInfo.InvariantCulture)</c> gives, about ten times faster: scores and feature
/// files hold millions of full-precision doubles, and .NET's formatting (Grisu with a Dragon4 fallback,
/// ~200-400 ns a value here) took most of the time of writing a million customers' scores.
/// The digits come from Ryu (Ulf Adams, "Ryū: fast float-to-string conversion", PLDI 2018): the shortest
/// digit string inside the rounding interval, computed with 128-bit multiplications by precomputed
/// powers of five. Values printed in fixed notation by .NET (decimal exponent -5 &lt; e &lt; 15) are laid out
/// here; zero, non-finite values and the exponent notation are left to .NET, as they are rare in scores.
/// </summary>
public static class ShortestDoubleFormatter
{
    // The bit counts of the two tables (Ryu's DOUBLE_POW5_INV_BITCOUNT and DOUBLE_POW5_BITCOUNT).
    private const int Pow5InverseBits = 125;
    private const int Pow5Bits = 125;
    private static readonly UInt128[] Pow5Inverse = BuildInverseTable(342);
    private static readonly UInt128[] Pow5 = BuildTable(326);
    private static ReadOnlySpan<byte> DigitPairs => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>Writes <paramref name="value"/> as UTF-8; false when <paramref name="destination"/> is too small (32 bytes always suffice).</summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var mantissa = bits & ((1UL << 52) - 1);
        var exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0x7FF || (exponent == 0 && mantissa == 0))
            return value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
        var (digits, decimalExponent) = ShortestDigits(mantissa, exponent);
        // At most 17 digits, written from the right two at a time (half the divisions).
        Span<byte> text = stackalloc byte[20];
        var length = 0;
        var rest = digits;
        while (rest >= 100)
        {
            var pair = (int)(rest % 100) * 2;
            rest /= 100;
            text[19 - length++] = DigitPairs[pair + 1];
            text[19 - length++] = DigitPairs[pair];
        }
        if (rest >= 10)
        {
            text[19 - length++] = DigitPairs[(int)rest * 2 + 1];
            text[19 - length++] = DigitPairs[(int)rest * 2];
        }
        else text[19 - length++] = (byte)('0' + (int)rest);
        var digitText = text[(20 - length)..];
        var scientific = decimalExponent + length - 1;
        if (scientific is <= -5 or >= 15)
            return value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
        var negative = (bits >> 63) != 0;
        var needed = (negative ? 1 : 0) + (scientific >= 0 ? Math.Max(length, scientific + 1) + (length > scientific + 1 ? 1 : 0) : 2 - scientific - 1 + length);
        if (destination.Length < needed)
        {
            written = 0;
            return false;
        }
        var at = 0;
        if (negative) destination[at++] = (byte)'-';
        if (scientific >= 0)
        {
            // Integer part, padded with zeros when the digits end before the decimal point.
            for (var i = 0; i <= scientific; i++) destination[at++] = i < length ? digitText[i] : (byte)'0';
            if (length > scientific + 1)
            {
                destination[at++] = (byte)'.';
                digitText[(scientific + 1)..].CopyTo(destination[at..]);
                at += length - scientific - 1;
            }
        }
        else
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            for (var i = 0; i < -scientific - 1; i++) destination[at++] = (byte)'0';
            digitText.CopyTo(destination[at..]);
            at += length;
        }
        written = at;
        return true;
    }

    /// <summary>The shortest digits (as an integer) and decimal exponent inside the value's rounding interval (Ryu's d2d).</summary>
    private static (ulong Digits, int Exponent) ShortestDigits(ulong ieeeMantissa, int ieeeExponent)
    {
        int e2;
        ulong m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - 1023 - 52 - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = ieeeExponent - 1023 - 52 - 2;
            m2 = (1UL << 52) | ieeeMantissa;
        }
        // The interval's bounds are included when the mantissa is even (round-half-even on reading).
        var acceptBounds = (m2 & 1) == 0;
        var mv = 4 * m2;
        var mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
        ulong vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false, vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            var q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            var k = Pow5InverseBits + Pow5Length(q) - 1;
            var i = -e2 + q + k;
            vr = MulShift(4 * m2, Pow5Inverse[q], i);
            vp = MulShift(4 * m2 + 2, Pow5Inverse[q], i);
            vm = MulShift(4 * m2 - 1 - mmShift, Pow5Inverse[q], i);
            if (q <= 21)
            {
                // Only one of mp, mv and mm can be a multiple of 5, if any.
                if (mv % 5 == 0) vrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
                else if (acceptBounds) vmIsTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
                else vp -= MultipleOfPowerOf5(mv + 2, q) ? 1UL : 0UL;
            }
        }
        else
        {
            var q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            var i = -e2 - q;
            var k = Pow5Length(i) - Pow5Bits;
            var j = q - k;
            vr = MulShift(4 * m2, Pow5[i], j);
            vp = MulShift(4 * m2 + 2, Pow5[i], j);
            vm = MulShift(4 * m2 - 1 - mmShift, Pow5[i], j);
            if (q <= 1)
            {
                // mv = 4 m2 has at least two trailing zero bits.
                vrIsTrailingZeros = true;
                if (acceptBounds) vmIsTrailingZeros = mmShift == 1;
                else vp--;
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        var removed = 0;
        ulong lastRemovedDigit = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // The rare general case: exact trailing zeros decide the rounding.
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = vr % 10;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = vr % 10;
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }
            // Exactly halfway with an even digit before: round half to even.
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) lastRemovedDigit = 4;
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }
        else
        {
            // The common case: two digits at a time first, then one.
            var roundUp = false;
            if (vp / 100 > vm / 100)
            {
                roundUp = vr % 100 >= 50;
                vr /= 100;
                vp /= 100;
                vm /= 100;
                removed += 2;
            }
            while (vp / 10 > vm / 10)
            {
                roundUp = vr % 10 >= 5;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }
        return (output, e10 + removed);
    }

    /// <summary>(m x factor) &gt;&gt; shift for a 125-bit factor and shift &gt;= 64 (Ryu's mulShift64).</summary>
    private static ulong MulShift(ulong m, UInt128 factor, int shift)
    {
        // Two 64x64 -> 128 products (one instruction each), not a general 128-bit multiplication.
        var lowHigh = Math.BigMul(m, (ulong)factor, out _);
        var highHigh = Math.BigMul(m, (ulong)(factor >> 64), out var highLow);
        var sumLow = highLow + lowHigh;
        var sumHigh = highHigh + (sumLow < highLow ? 1UL : 0UL);
        var s = shift - 64;
        return s == 0 ? sumLow : (sumHigh << (64 - s)) | (sumLow >> s);
    }

    private static bool MultipleOfPowerOf5(ulong value, int power)
    {
        var count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }
        return count >= power;
    }

    /// <summary>Bit length of 5^e: ceil(log2(5^e)), 1 for e = 0 (exact for 0 &lt;= e &lt;= 3528).</summary>
    private static int Pow5Length(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    /// <summary>floor(log10(2^e)) for 0 &lt;= e &lt;= 1650.</summary>
    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    /// <summary>floor(log10(5^e)) for 0 &lt;= e &lt;= 2620.</summary>
    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    /// <summary>5^i scaled to exactly <see cref="Pow5Bits"/> bits (Ryu's DOUBLE_POW5_SPLIT).</summary>
    private static UInt128[] BuildTable(int size)
    {
        var table = new UInt128[size];
        for (var i = 0; i < size; i++)
        {
            var power = BigInteger.Pow(5, i);
            var shift = (int)power.GetBitLength() - Pow5Bits;
            table[i] = ToUInt128(shift >= 0 ? power >> shift : power << -shift);
        }
        return table;
    }

    /// <summary>floor(2^(bitlength(5^i) - 1 + <see cref="Pow5InverseBits"/>) / 5^i) + 1 (Ryu's DOUBLE_POW5_INV_SPLIT).</summary>
    private static UInt128[] BuildInverseTable(int size)
    {
        var table = new UInt128[size];
        for (var i = 0; i < size; i++)
        {
            var power = BigInteger.Pow(5, i);
            var bits = (int)power.GetBitLength() - 1 + Pow5InverseBits;
            table[i] = ToUInt128((BigInteger.One << bits) / power + 1);
        }
        return table;
    }

    private static UInt128 ToUInt128(BigInteger value) =>
        new((ulong)(value >> 64), (ulong)(value & ulong.MaxValue));
}
