using System.Globalization;
using System.Text;

namespace ClvML.Data;

/// <summary>
/// Parses timestamps from UTF-8 bytes. With no formats the input is ISO 8601 and nothing else:
/// yyyy-MM-dd, optionally followed by 'T' (or a space) and HH:mm[:ss[.fffffff]] and then an
/// optional Z, +HH:MM, +HHMM or +HH (or minus), parsed by hand because it is the common case and
/// on the hot path. A day-first or month-first text such as 01/02/2024 is never guessed at: it is
/// refused, since reading it the wrong way round would change every date silently.
/// With <c>data.timestamp_format</c> the text must match one of the formats exactly (invariant
/// culture). Formats that use only the numeric fields y/M/d/H/m/s/f and literal separators are
/// compiled into a byte-level pattern, because <see cref="DateTime.TryParseExact(ReadOnlySpan{char}, string[], IFormatProvider, DateTimeStyles, out DateTime)"/>
/// costs more than the rest of a row's parsing together; any other format goes to it.
/// Zone offsets are checked and then ignored: a day is taken as written, on every machine.
/// </summary>
public sealed class TimestampParser
{
    /// <summary>How <see cref="Description"/> names ISO 8601 input.</summary>
    public const string IsoDescription = "ISO 8601 (yyyy-MM-dd or yyyy-MM-ddTHH:mm[:ss[.fff]] with an optional Z or +HH:MM)";

    private readonly CompiledFormat?[] _compiled;
    private readonly bool[] _hasZone;
    private readonly string[] _formats;

    /// <summary>Creates a parser for the given .NET custom formats (tried in order); empty means ISO 8601.</summary>
    public TimestampParser(IReadOnlyList<string> formats)
    {
        _formats = [.. formats];
        _compiled = _formats.Select(CompiledFormat.TryCompile).ToArray();
        _hasZone = _formats.Select(HasZone).ToArray();
    }

    /// <summary>What the parser expects, for messages.</summary>
    public string Description => _formats.Length == 0
        ? IsoDescription + "; set data.timestamp_format for any other form"
        : string.Join(" or ", _formats.Select(f => $"'{f}'")) + " (data.timestamp_format)";

    /// <summary>Parses one timestamp; false when it matches no format or is not a valid date.</summary>
    public bool TryParse(ReadOnlySpan<byte> utf8, out DateTime value)
    {
        utf8 = utf8.Trim((byte)' ');
        if (_formats.Length == 0) return TryParseIso(utf8, out value);
        for (var i = 0; i < _compiled.Length; i++)
        {
            var compiled = _compiled[i];
            if (compiled is not null ? compiled.TryParse(utf8, out value) : TryParseExact(utf8, _formats[i], _hasZone[i], out value))
                return true;
        }
        value = default;
        return false;
    }

    /// <summary>yyyy-MM-dd, optionally followed by 'T' or ' ', HH:mm[:ss[.f...]] and a zone designator.</summary>
    private static bool TryParseIso(ReadOnlySpan<byte> s, out DateTime value)
    {
        value = default;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)) return false;
        int hour = 0, minute = 0, second = 0;
        long fractionTicks = 0;
        if (s.Length > 10)
        {
            if ((s[10] != 'T' && s[10] != ' ') || s.Length < 16 || s[13] != ':') return false;
            if (!Digits(s, 11, 2, out hour) || !Digits(s, 14, 2, out minute)) return false;
            var p = 16;
            if (p < s.Length && s[p] == ':')
            {
                if (s.Length < 19 || !Digits(s, 17, 2, out second)) return false;
                p = 19;
                if (p < s.Length && s[p] == '.')
                {
                    p++;
                    var start = p;
                    long scale = TimeSpan.TicksPerSecond;
                    while (p < s.Length && (uint)(s[p] - '0') <= 9)
                    {
                        scale /= 10;
                        fractionTicks += (s[p] - '0') * scale;
                        p++;
                    }
                    if (p == start) return false;
                }
            }
            if (p < s.Length && !IsZone(s[p..])) return false;
        }
        return TryMake(year, month, day, hour, minute, second, fractionTicks, out value);
    }

    /// <summary>The whole of <paramref name="s"/> is Z, or a sign and HH, HHMM or HH:MM (hours up to 23, minutes up to 59).</summary>
    private static bool IsZone(ReadOnlySpan<byte> s)
    {
        if (s.Length == 1) return s[0] == 'Z';
        if (s.Length is not (3 or 5 or 6) || (s[0] != '+' && s[0] != '-')) return false;
        if (!Digits(s, 1, 2, out var hours) || hours > 23) return false;
        if (s.Length == 3) return true;
        if (s.Length == 6 && s[3] != ':') return false;
        return Digits(s, s.Length - 2, 2, out var minutes) && minutes <= 59;
    }

    /// <summary>.NET's exact parse, for formats the byte matcher does not compile (month names, AM/PM, two-digit years, zones).</summary>
    private static bool TryParseExact(ReadOnlySpan<byte> utf8, string format, bool hasZone, out DateTime value)
    {
        Span<char> chars = stackalloc char[64];
        if (utf8.Length > chars.Length || !Encoding.UTF8.TryGetChars(utf8, chars, out var n))
        {
            value = default;
            return false;
        }
        var text = chars[..n];
        if (!hasZone)
            return DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.NoCurrentDateDefault, out value);
        // DateTime would convert a zoned time to this machine's zone; the clock time as written is
        // wanted, as for ISO 8601 offsets.
        var ok = DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone);
        value = ok ? withZone.DateTime : default;
        return ok;
    }

    /// <summary>Whether a .NET custom format has a zone field (z, zz, zzz, K) outside quoted literals.</summary>
    private static bool HasZone(string format)
    {
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '\\') i++;
            else if (c is '\'' or '"')
            {
                var close = format.IndexOf(c, i + 1);
                i = close < 0 ? format.Length : close;
            }
            else if (c is 'z' or 'K') return true;
        }
        return false;
    }

    internal static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = (uint)(s[i] - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }
        return true;
    }

    internal static bool TryMake(int year, int month, int day, int hour, int minute, int second, long fractionTicks, out DateTime value)
    {
        value = default;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        if (hour > 23 || minute > 59 || second > 59) return false;
        value = new DateTime(year, month, day, hour, minute, second).AddTicks(fractionTicks);
        return true;
    }
}
