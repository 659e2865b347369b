using System.Globalization;

namespace ClvML.Data;

/// <summary>
/// What to tell the user when most rows of a source were rejected as <c>unparseable_timestamp</c>:
/// an example, and the <c>timestamp_format</c> that reads every sampled rejected text if one of the
/// common formats does. When a day-first and a month-first format both read them (no day above 12
/// in the sample) it names both and says the file has to decide: guessing is the mistake this
/// hint exists to prevent.
/// </summary>
/// <param name="RowsRead">Rows the source read.</param>
/// <param name="Rejected">Rows rejected as unparseable_timestamp.</param>
/// <param name="ExampleLine">Line (or row) of the first such row.</param>
/// <param name="ExampleText">Its timestamp text.</param>
/// <param name="Formats">The format that reads every sampled text; two (day first, month first) when <paramref name="Ambiguous"/>; empty when none of the common formats does.</param>
/// <param name="Ambiguous">Whether a day-first and a month-first format both read them.</param>
internal sealed record TimestampFormatHint(long RowsRead, long Rejected, long ExampleLine, string ExampleText, IReadOnlyList<string> Formats, bool Ambiguous)
{
    private enum Order { YearOrNamedMonth, DayFirst, MonthFirst }

    // Date forms seen in exports (spreadsheets, European and US locales, mainframes); 'd' and 'M'
    // read one or two digits, so d/M/yyyy also reads 01/02/2024.
    private static readonly (string Format, Order Order)[] Dates =
    [
        ("d/M/yyyy", Order.DayFirst), ("M/d/yyyy", Order.MonthFirst),
        ("d.M.yyyy", Order.DayFirst), ("M.d.yyyy", Order.MonthFirst),
        ("d-M-yyyy", Order.DayFirst), ("M-d-yyyy", Order.MonthFirst),
        ("d/M/yy", Order.DayFirst), ("M/d/yy", Order.MonthFirst),
        ("d.M.yy", Order.DayFirst), ("M.d.yy", Order.MonthFirst),
        ("yyyyMMdd", Order.YearOrNamedMonth), ("yyyy/M/d", Order.YearOrNamedMonth), ("yyyy.M.d", Order.YearOrNamedMonth),
        ("yyyy-M-d", Order.YearOrNamedMonth), ("d MMM yyyy", Order.YearOrNamedMonth), ("d MMMM yyyy", Order.YearOrNamedMonth),
        ("MMM d yyyy", Order.YearOrNamedMonth), ("MMMM d yyyy", Order.YearOrNamedMonth), ("MMM d, yyyy", Order.YearOrNamedMonth),
        ("MMMM d, yyyy", Order.YearOrNamedMonth), ("d-MMM-yyyy", Order.YearOrNamedMonth), ("d-MMM-yy", Order.YearOrNamedMonth),
    ];

    private static readonly string[] Times = ["", " H:mm", " H:mm:ss", " H:mm:ss.FFFFFFF", " h:mm tt", " h:mm:ss tt", "'T'H:mm:ss", "HHmmss"];

    /// <summary>The hint for a source whose rejected timestamp texts include <paramref name="sample"/>.</summary>
    public static TimestampFormatHint From(long rowsRead, long rejected, long exampleLine, string exampleText, IReadOnlyCollection<string> sample)
    {
        var reading = new List<(string Format, Order Order)>();
        foreach (var (date, order) in Dates)
            foreach (var time in Times)
            {
                var format = date + time;
                if (sample.All(text => DateTime.TryParseExact(text.Trim(' '), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
                    reading.Add((format, order));
            }
        var dayFirst = reading.FirstOrDefault(r => r.Order == Order.DayFirst).Format;
        var monthFirst = reading.FirstOrDefault(r => r.Order == Order.MonthFirst).Format;
        if (dayFirst is not null && monthFirst is not null)
            return new TimestampFormatHint(rowsRead, rejected, exampleLine, exampleText, [dayFirst, monthFirst], Ambiguous: true);
        return new TimestampFormatHint(rowsRead, rejected, exampleLine, exampleText, reading.Count > 0 ? [reading[0].Format] : [], Ambiguous: false);
    }

    /// <summary>The message, naming the setting as the user writes it.</summary>
    /// <param name="setting">The setting's name, e.g. <c>data.timestamp_format</c> or <c>--timestamp-format</c>.</param>
    /// <param name="assign">What stands between name and value: <c>": "</c> in YAML, a space on a command line.</param>
    public string Message(string setting = "data.timestamp_format", string assign = ": ")
    {
        var counts = string.Create(CultureInfo.InvariantCulture, $"{Rejected:N0} of {RowsRead:N0} rows");
        var head = $"most rows were rejected as unparseable_timestamp ({counts}), e.g. line {ExampleLine.ToString(CultureInfo.InvariantCulture)}: '{ExampleText}'. ";
        if (Ambiguous)
            return head + $"They read day first ({setting}{assign}\"{Formats[0]}\") and month first ({setting}{assign}\"{Formats[1]}\"), "
                + "since no sampled day is above 12: set the one the file uses; ClvML does not guess.";
        if (Formats.Count == 1)
            return head + $"They read with {setting}{assign}\"{Formats[0]}\"; set it.";
        return head + $"None of the common formats reads them; set {setting} to the .NET date format the file uses (e.g. \"d/M/yyyy H:mm\").";
    }
}
