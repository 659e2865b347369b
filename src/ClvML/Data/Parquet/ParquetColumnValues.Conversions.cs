using System.Buffers.Binary;
using System.Globalization;
using System.Text.Unicode;

namespace ClvML.Data.Parquet;

/// <summary>Typed reads of one row's value, applying the column's annotation (LogicalTypes.md).</summary>
internal sealed partial class ParquetColumnValues
{
    // INT96 timestamps count Julian days; day 2,440,588 is 1970-01-01 (Impala/Spark convention).
    private const int UnixEpochJulianDay = 2_440_588;
    private const long NanosecondsPerDay = 86_400_000_000_000;
    private static readonly long MinEpochTicks = -DateTime.UnixEpoch.Ticks;
    private static readonly long MaxEpochTicks = DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks;
    private static readonly long MinEpochDay = MinEpochTicks / TimeSpan.TicksPerDay;
    private static readonly long MaxEpochDay = MaxEpochTicks / TimeSpan.TicksPerDay;

    /// <summary>An INTEGER (or BOOLEAN as 0/1) value; unsigned annotations are read as unsigned.</summary>
    /// <exception cref="ParquetFormatException">A UINT_64 value beyond the int64 range.</exception>
    public long GetInteger(int row)
    {
        if (Int32s is { } ints) return Type.IsUnsigned ? (uint)ints[row] : ints[row];
        if (Int64s is { } longs)
        {
            var value = longs[row];
            if (Type.IsUnsigned && value < 0)
                throw new ParquetFormatException(Source, null, $"unsupported: column {Column.Name} row {row + 1}: unsigned value {(ulong)value} is beyond the int64 range");
            return value;
        }
        if (Booleans is { } booleans) return booleans[row] ? 1 : 0;
        throw new InvalidOperationException($"Column {Column.Name} is {Column.PhysicalType}, not an integer.");
    }

    /// <summary>A number as a double: FLOAT, DOUBLE, DECIMAL (unscaled / 10^scale) or an integer.</summary>
    public double GetReal(int row)
    {
        if (Doubles is { } doubles) return doubles[row];
        if (Floats is { } floats) return floats[row];
        if (Type.Kind == ParquetValueKind.Decimal)
        {
            // Exact when the decimal fits System.Decimal (28 digits); otherwise the nearest double.
            var unscaled = GetUnscaledDecimal(row);
            if (TryDecimal(unscaled, out var exact)) return (double)exact;
            return (double)unscaled / Math.Pow(10, Type.Scale);
        }
        return GetInteger(row);
    }

    /// <summary>A DECIMAL value, exactly.</summary>
    /// <exception cref="ParquetFormatException">The value needs more than System.Decimal's 96 bits or 28 scale digits.</exception>
    public decimal GetDecimal(int row)
    {
        var unscaled = GetUnscaledDecimal(row);
        if (TryDecimal(unscaled, out var value)) return value;
        throw new ParquetFormatException(Source, null, $"unsupported: column {Column.Name} row {row + 1}: decimal {unscaled}e-{Type.Scale} does not fit System.Decimal");
    }

    /// <summary>The unscaled integer of a DECIMAL value (big-endian two's complement for the byte-array forms).</summary>
    public Int128 GetUnscaledDecimal(int row)
    {
        if (Type.Kind != ParquetValueKind.Decimal) throw new InvalidOperationException($"Column {Column.Name} is not a DECIMAL.");
        if (Int32s is { } ints) return ints[row];
        if (Int64s is { } longs) return longs[row];
        var bytes = GetBytes(row);
        if (bytes.Length > 16)
            throw new ParquetFormatException(Source, null, $"unsupported: column {Column.Name} row {row + 1}: a decimal of {bytes.Length} bytes (at most 16 are read)");
        if (bytes.IsEmpty) return 0;
        // Sign-extend from the first (most significant) byte.
        Int128 value = (sbyte)bytes[0];
        for (var i = 1; i < bytes.Length; i++) value = (value << 8) | bytes[i];
        return value;
    }

    /// <summary>A DATE or TIMESTAMP as nanoseconds since 1970-01-01 00:00 (as written; no time zone applied).</summary>
    public Int128 GetEpochNanoseconds(int row)
    {
        if (Type.Kind == ParquetValueKind.Date) return (Int128)Int32s![row] * NanosecondsPerDay;
        if (Type.Kind != ParquetValueKind.Timestamp) throw new InvalidOperationException($"Column {Column.Name} is not a DATE or TIMESTAMP.");
        if (Type.Unit is { } unit)
        {
            var value = Int64s![row];
            return unit switch { ParquetTimeUnit.Millis => (Int128)value * 1_000_000, ParquetTimeUnit.Micros => (Int128)value * 1_000, _ => value };
        }
        // INT96: 8 bytes of nanoseconds within the day, then 4 bytes of Julian day, both little-endian.
        var bytes = GetBytes(row);
        var nanos = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var day = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        return (Int128)(day - (long)UnixEpochJulianDay) * NanosecondsPerDay + nanos;
    }

    /// <summary>Whether a DATE of <paramref name="epochDays"/> days since 1970-01-01 lies in years 1..9999 (what <see cref="TryGetDateTime"/> accepts).</summary>
    internal static bool IsDateInRange(int epochDays) => epochDays >= MinEpochDay && epochDays <= MaxEpochDay;

    /// <summary>A DATE or TIMESTAMP as a <see cref="DateTime"/> of unspecified kind, or false when it lies outside years 1..9999.</summary>
    public bool TryGetDateTime(int row, out DateTime value)
    {
        // Fast paths for DATE and INT64 millis/micros: range-check in the stored unit, then scale (no 128-bit arithmetic per row).
        if (Type.Kind == ParquetValueKind.Date)
        {
            var days = Int32s![row];
            if (days >= MinEpochDay && days <= MaxEpochDay)
            {
                value = new DateTime(DateTime.UnixEpoch.Ticks + days * TimeSpan.TicksPerDay, DateTimeKind.Unspecified);
                return true;
            }
        }
        else if (Type.Unit is ParquetTimeUnit.Micros or ParquetTimeUnit.Millis)
        {
            var stored = Int64s![row];
            var perTick = Type.Unit == ParquetTimeUnit.Micros ? 10L : TimeSpan.TicksPerMillisecond;
            if (stored >= MinEpochTicks / perTick && stored <= MaxEpochTicks / perTick)
            {
                value = new DateTime(DateTime.UnixEpoch.Ticks + stored * perTick, DateTimeKind.Unspecified);
                return true;
            }
        }
        var ticks = GetEpochNanoseconds(row) / 100 + DateTime.UnixEpoch.Ticks;
        if (ticks < 0 || ticks > DateTime.MaxValue.Ticks)
        {
            value = default;
            return false;
        }
        value = new DateTime((long)ticks, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>A DATE or TIMESTAMP as a <see cref="DateTime"/> of unspecified kind.</summary>
    /// <exception cref="ParquetFormatException">The value lies outside years 1..9999.</exception>
    public DateTime GetDateTime(int row) => TryGetDateTime(row, out var value) ? value
        : throw new ParquetFormatException(Source, null, $"unsupported: column {Column.Name} row {row + 1}: timestamp {GetEpochNanoseconds(row)} ns since 1970 is outside years 1..9999");

    /// <summary>A text (or unannotated byte-array) value as a string.</summary>
    /// <exception cref="ParquetFormatException">The bytes are not valid UTF-8.</exception>
    public string GetString(int row)
    {
        var chars = new char[GetBytes(row).Length];
        return new string(chars, 0, GetChars(row, chars));
    }

    /// <summary>Decodes a text value into <paramref name="chars"/> (at least as long as its bytes); returns the chars written.</summary>
    /// <exception cref="ParquetFormatException">The bytes are not valid UTF-8.</exception>
    public int GetChars(int row, Span<char> chars)
    {
        var bytes = GetBytes(row);
        if (Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
            throw new ParquetFormatException(Source, null, $"column {Column.Name} row {row + 1}: the value is not valid UTF-8 text");
        return written;
    }

    private bool TryDecimal(Int128 unscaled, out decimal value)
    {
        var magnitude = unscaled < 0 ? -(UInt128)unscaled : (UInt128)unscaled;
        value = 0;
        if (Type.Scale > 28 || magnitude >> 96 != 0) return false;
        var low = (int)(uint)magnitude;
        var mid = (int)(uint)(magnitude >> 32);
        var high = (int)(uint)(magnitude >> 64);
        value = new decimal(low, mid, high, unscaled < 0, (byte)Type.Scale);
        return true;
    }

    /// <summary>The value as invariant text, for messages and text columns: ISO 8601 for dates and timestamps.</summary>
    internal string Describe(int row) => IsNull(row) ? "null" : Type.Kind switch
    {
        ParquetValueKind.Text or ParquetValueKind.Binary => GetString(row),
        ParquetValueKind.Date => GetDateTime(row).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ParquetValueKind.Timestamp => GetDateTime(row).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        ParquetValueKind.Decimal => TryDecimal(GetUnscaledDecimal(row), out var d) ? d.ToString(CultureInfo.InvariantCulture) : GetReal(row).ToString("R", CultureInfo.InvariantCulture),
        ParquetValueKind.Real => GetReal(row).ToString("R", CultureInfo.InvariantCulture),
        _ => GetInteger(row).ToString(CultureInfo.InvariantCulture),
    };
}
