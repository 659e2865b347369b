using System.Globalization;
using System.Text;

namespace ClvML.Data;

/// <summary>
/// Parses timestamps from UTF-8 bytes. The formats of <c>data.timestamp_format</c> that use only
/// the numeric fields y/M/d/H/m/s/f and literal separators are compiled into a byte-level
/// pattern, because <see cref="DateTime.TryParseExact(ReadOnlySpan{char}, string[], IFormatProvider, DateTimeStyles, out DateTime)"/>
/// costs more than the rest of a row's parsing together; any other format falls back to it.
/// With no formats the input is ISO 8601 (date, optional time, optional fraction and offset).
/// </summary>
public sealed class TimestampParser
{
    private readonly CompiledFormat?[] _compiled;
    private readonly string[] _formats;

    /// <summary>Creates a parser for the given .NET custom formats (tried in order); empty means ISO 8601.</summary>
    public TimestampParser(IReadOnlyList<string> formats)
    {
        _formats = [.. formats];
        _compiled = _formats.Select(CompiledFormat.TryCompile).ToArray();
    }

    /// <summary>What the parser expects, for messages.</summary>
    public string Description => _formats.Length == 0 ? "ISO 8601 (yyyy-MM-dd[THH:mm:ss])" : string.Join(" or ", _formats.Select(f => $"'{f}'"));

    /// <summary>Parses one timestamp; false when it matches no format or is not a valid date.</summary>
    public bool TryParse(ReadOnlySpan<byte> utf8, out DateTime value)
    {
        utf8 = utf8.Trim((byte)' ');
        if (_formats.Length == 0)
            return TryParseIso(utf8, out value) || TryParseFallback(utf8, null, out value);
        for (var i = 0; i < _compiled.Length; i++)
        {
            var compiled = _compiled[i];
            if (compiled is not null ? compiled.TryParse(utf8, out value) : TryParseFallback(utf8, _formats[i], out value))
                return true;
        }
        value = default;
        return false;
    }

    /// <summary>yyyy-MM-dd, optionally followed by 'T' or ' ' and HH:mm[:ss[.fffffff]]; the common case, parsed by hand.</summary>
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
            // A zone designator (Z, +01:00) is accepted and ignored: days are taken as written.
            if (p < s.Length && s[p] != 'Z' && s[p] != '+' && s[p] != '-') return false;
        }
        return TryMake(year, month, day, hour, minute, second, fractionTicks, out value);
    }

    private static bool TryParseFallback(ReadOnlySpan<byte> utf8, string? format, out DateTime value)
    {
        Span<char> chars = stackalloc char[64];
        if (utf8.Length > chars.Length || !Encoding.UTF8.TryGetChars(utf8, chars, out var n))
        {
            value = default;
            return false;
        }
        var text = chars[..n];
        const DateTimeStyles styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.NoCurrentDateDefault;
        return format is null
            ? DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out value)
            : DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, styles, out value);
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
