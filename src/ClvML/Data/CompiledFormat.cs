namespace ClvML.Data;

/// <summary>
/// A .NET custom date/time format made of numeric fields (yyyy, M, MM, d, dd, H, HH, m, mm, s, ss, f...)
/// and literal characters, matched directly against UTF-8 bytes. Formats with anything else
/// (month names, 12-hour clocks, two-digit years, zones) are not compiled: <see cref="TryCompile"/> returns null.
/// </summary>
internal sealed class CompiledFormat
{
    private enum Field : byte { Literal, Year, Month, Day, Hour, Minute, Second, Fraction }

    private readonly record struct Token(Field Field, int MinDigits, int MaxDigits, byte Literal);

    private readonly Token[] _tokens;

    private CompiledFormat(Token[] tokens) => _tokens = tokens;

    public static CompiledFormat? TryCompile(string format)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < format.Length;)
        {
            var c = format[i];
            var run = 1;
            while (i + run < format.Length && format[i + run] == c) run++;
            Token? token = (c, run) switch
            {
                ('y', 4) => new Token(Field.Year, 4, 4, 0),
                ('M', 1) => new Token(Field.Month, 1, 2, 0),
                ('M', 2) => new Token(Field.Month, 2, 2, 0),
                ('d', 1) => new Token(Field.Day, 1, 2, 0),
                ('d', 2) => new Token(Field.Day, 2, 2, 0),
                ('H', 1) => new Token(Field.Hour, 1, 2, 0),
                ('H', 2) => new Token(Field.Hour, 2, 2, 0),
                ('m', 1) => new Token(Field.Minute, 1, 2, 0),
                ('m', 2) => new Token(Field.Minute, 2, 2, 0),
                ('s', 1) => new Token(Field.Second, 1, 2, 0),
                ('s', 2) => new Token(Field.Second, 2, 2, 0),
                ('f', <= 7) => new Token(Field.Fraction, run, run, 0),
                // Other letters, escapes and quotes mean text fields or literals the byte matcher does not handle.
                _ when char.IsAsciiLetter(c) || c is '\\' or '\'' or '"' or '%' || c > 127 => null,
                _ => new Token(Field.Literal, 0, 0, (byte)c),
            };
            if (token is null) return null;
            // ':' and '/' are culture-sensitive separators in .NET; in the invariant culture they are themselves.
            if (token.Value.Field == Field.Literal)
                for (var k = 0; k < run; k++) tokens.Add(token.Value);
            else tokens.Add(token.Value);
            i += run;
        }
        return new CompiledFormat([.. tokens]);
    }

    public bool TryParse(ReadOnlySpan<byte> s, out DateTime value)
    {
        int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0;
        long fraction = 0;
        var p = 0;
        foreach (var t in _tokens)
        {
            if (t.Field == Field.Literal)
            {
                if (p >= s.Length || s[p] != t.Literal) { value = default; return false; }
                p++;
                continue;
            }
            var start = p;
            var n = 0;
            while (p < s.Length && p - start < t.MaxDigits && (uint)(s[p] - '0') <= 9)
            {
                n = n * 10 + (s[p] - '0');
                p++;
            }
            if (p - start < t.MinDigits) { value = default; return false; }
            switch (t.Field)
            {
                case Field.Year: year = n; break;
                case Field.Month: month = n; break;
                case Field.Day: day = n; break;
                case Field.Hour: hour = n; break;
                case Field.Minute: minute = n; break;
                case Field.Second: second = n; break;
                case Field.Fraction:
                    fraction = n;
                    for (var k = t.MaxDigits; k < 7; k++) fraction *= 10;
                    break;
            }
        }
        if (p != s.Length) { value = default; return false; }
        return TimestampParser.TryMake(year, month, day, hour, minute, second, fraction, out value);
    }
}
