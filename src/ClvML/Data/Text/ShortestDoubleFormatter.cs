using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

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
internal static class ShortestDoubleFormatter
{
    // The bit counts of the two tables (Ryu's DOUBLE_POW5_INV_BITCOUNT and DOUBLE_POW5_BITCOUNT).
    private const int Pow5InverseBits = 125;
    private const int Pow5Bits = 125;
    // Each 125-bit factor as two words, low word at [2i] and high word at [2i + 1].
    private static readonly ulong[] Pow5Inverse = BuildInverseTable(342);
    private static readonly ulong[] Pow5 = BuildTable(326);
    // "00" to "99" as little-endian 16-bit values, so a pair of digits is one store.
    private static readonly ushort[] DigitPairs = [.. Enumerable.Range(0, 100).Select(p => (ushort)('0' + p / 10 | ('0' + p % 10) << 8))];
    private static readonly ulong[] PowersOf10 = [.. Enumerable.Range(0, 20).Select(p => (ulong)BigInteger.Pow(10, p))];

    /// <summary>Writes <paramref name="value"/> as UTF-8; false when <paramref name="destination"/> is too small (32 bytes always suffice).</summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        var mantissa = bits & ((1UL << 52) - 1);
        var exponent = (int)((bits >> 52) & 0x7FF);
        if (exponent == 0x7FF || (exponent == 0 && mantissa == 0))
            return value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
        var digits = ShortestDigits(mantissa, exponent, out var decimalExponent);
        var length = DecimalLength(digits);
        var scientific = decimalExponent + length - 1;
        if (scientific is <= -5 or >= 15)
            return value.TryFormat(destination, out written, "R", CultureInfo.InvariantCulture);
        var sign = (int)(bits >> 63);
        // The text is laid out in place: the digits are written once, from the right, where they end up.
        var needed = sign + (scientific < 0 ? 1 - scientific + length : length > scientific + 1 ? length + 1 : scientific + 1);
        if (destination.Length < needed)
        {
            written = 0;
            return false;
        }
        var text = destination[..needed];
        if (sign != 0) text[0] = (byte)'-';
        if (scientific < 0)
        {
            // 0.000ddd
            text[sign..(needed - length)].Fill((byte)'0');
            text[sign + 1] = (byte)'.';
            WriteDigits(digits, text, needed);
        }
        else if (length > scientific + 1)
        {
            // ddd.ddd: the digits one place right of the sign, then the integer part (a few digits) moved back over the point.
            WriteDigits(digits, text, needed);
            for (var i = sign; i <= sign + scientific; i++) text[i] = text[i + 1];
            text[sign + scientific + 1] = (byte)'.';
        }
        else
        {
            // ddd000
            WriteDigits(digits, text, sign + length);
            text[(sign + length)..].Fill((byte)'0');
        }
        written = needed;
        return true;
    }

    /// <summary>
    /// The shortest decimal digits and exponent (value = digits x 10^exponent, sign aside) of a finite nonzero
    /// value, for every exponent: the layout above only uses the fixed-notation range, the tests check all of it.
    /// </summary>
    internal static ulong ShortestDecimal(double value, out int exponent)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value);
        return ShortestDigits(bits & ((1UL << 52) - 1), (int)((bits >> 52) & 0x7FF), out exponent);
    }

    /// <summary>Writes the decimal digits of <paramref name="digits"/> (at most 17) so that the last one is just before <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteDigits(ulong digits, Span<byte> text, int end)
    {
        // Eight digits at a time in 32-bit arithmetic, then two at a time: one 64-bit division in all for 9-16 digits.
        while (digits >= 100_000_000)
        {
            var upper = digits / 100_000_000;
            var eight = (uint)(digits - upper * 100_000_000);
            digits = upper;
            var high = eight / 10_000;
            var low = eight - high * 10_000;
            WritePair(text, end - 2, low % 100);
            WritePair(text, end - 4, low / 100);
            WritePair(text, end - 6, high % 100);
            WritePair(text, end - 8, high / 100);
            end -= 8;
        }
        var rest = (uint)digits;
        while (rest >= 100)
        {
            var quotient = rest / 100;
            WritePair(text, end - 2, rest - quotient * 100);
            rest = quotient;
            end -= 2;
        }
        if (rest >= 10) WritePair(text, end - 2, rest);
        else text[end - 1] = (byte)('0' + rest);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WritePair(Span<byte> text, int at, uint pair) =>
        BinaryPrimitives.WriteUInt16LittleEndian(text[at..], DigitPairs[(int)pair]);

    /// <summary>The number of decimal digits of <paramref name="value"/> (1 for 0), from its bit length and one comparison.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecimalLength(ulong value)
    {
        // 1233/4096 is just above log10(2): the guess is the digit count or one more.
        var guess = ((BitOperations.Log2(value) + 1) * 1233) >> 12;
        return guess + 1 - (value < PowersOf10[guess] ? 1 : 0);
    }

    /// <summary>The shortest digits (as an integer) and, in <paramref name="exponent"/>, the decimal exponent inside the value's rounding interval (Ryu's d2d).</summary>
    private static ulong ShortestDigits(ulong ieeeMantissa, int ieeeExponent, out int exponent)
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
            vr = MulShiftAll(mv, Pow5Inverse[2 * q], Pow5Inverse[2 * q + 1], i, mmShift, out vp, out vm);
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
            vr = MulShiftAll(mv, Pow5[2 * i], Pow5[2 * i + 1], j, mmShift, out vp, out vm);
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
        exponent = e10 + removed;
        return output;
    }

    /// <summary>
    /// (mv x factor) &gt;&gt; shift, and in <paramref name="vp"/> and <paramref name="vm"/> the same for mv + 2 and
    /// mv - 1 - mmShift, for a 125-bit factor and 64 &lt;= shift &lt; 128 (Ryu's mulShiftAll64). The 180-bit product
    /// mv x factor is formed once (two 64x64 -&gt; 128 multiplications) and the bounds are that product plus 2 x factor
    /// and minus 1 or 2 x factor, instead of three products of their own.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulShiftAll(ulong mv, ulong factorLow, ulong factorHigh, int shift, uint mmShift, out ulong vp, out ulong vm)
    {
        // mv < 2^55 and factor < 2^125: the product's three words p2:p1:p0 cannot overflow.
        var lowCarry = Math.BigMul(mv, factorLow, out var p0);
        var p2 = Math.BigMul(mv, factorHigh, out var highLow);
        var p1 = highLow + lowCarry;
        p2 += p1 < highLow ? 1UL : 0UL;
        var s = shift - 64;

        // 2 x factor, at most 126 bits.
        var twiceLow = factorLow << 1;
        var twiceHigh = (factorHigh << 1) | (factorLow >> 63);
        var sum0 = p0 + twiceLow;
        var sum1 = p1 + twiceHigh + (sum0 < p0 ? 1UL : 0UL);
        var sum2 = p2 + (sum1 < p1 || (sum1 == p1 && sum0 < p0) ? 1UL : 0UL);
        vp = ShiftRight(sum2, sum1, s);

        var lessLow = mmShift == 0 ? factorLow : twiceLow;
        var lessHigh = mmShift == 0 ? factorHigh : twiceHigh;
        var difference0 = p0 - lessLow;
        var borrow0 = p0 < lessLow ? 1UL : 0UL;
        var difference1 = p1 - lessHigh - borrow0;
        var difference2 = p2 - (p1 < lessHigh || (p1 == lessHigh && borrow0 != 0) ? 1UL : 0UL);
        vm = ShiftRight(difference2, difference1, s);
        return ShiftRight(p2, p1, s);
    }

    /// <summary>The low 64 bits of high:low &gt;&gt; (64 + s) ... that is, of the upper two words shifted right by s, 0 &lt;= s &lt; 64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ShiftRight(ulong high, ulong low, int s) => (high << 1 << (63 - s)) | (low >> s);

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
    private static ulong[] BuildTable(int size)
    {
        var table = new ulong[2 * size];
        for (var i = 0; i < size; i++)
        {
            var power = BigInteger.Pow(5, i);
            var shift = (int)power.GetBitLength() - Pow5Bits;
            Store(table, i, shift >= 0 ? power >> shift : power << -shift);
        }
        return table;
    }

    /// <summary>floor(2^(bitlength(5^i) - 1 + <see cref="Pow5InverseBits"/>) / 5^i) + 1 (Ryu's DOUBLE_POW5_INV_SPLIT).</summary>
    private static ulong[] BuildInverseTable(int size)
    {
        var table = new ulong[2 * size];
        for (var i = 0; i < size; i++)
        {
            var power = BigInteger.Pow(5, i);
            var bits = (int)power.GetBitLength() - 1 + Pow5InverseBits;
            Store(table, i, (BigInteger.One << bits) / power + 1);
        }
        return table;
    }

    private static void Store(ulong[] table, int i, BigInteger value)
    {
        table[2 * i] = (ulong)(value & ulong.MaxValue);
        table[2 * i + 1] = (ulong)(value >> 64);
    }
}
