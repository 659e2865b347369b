using System.Text;
using ClvML.Data;

namespace ClvML.Tests.Data;

/// <summary>
/// Without data.timestamp_format only ISO 8601 is read; with formats, exactly those formats. A
/// day-first or month-first text is never guessed at: read the wrong way round it would move
/// every date with a day up to 12 silently.
/// </summary>
public sealed class TimestampParserTests
{
    private static readonly TimestampParser Iso = new([]);

    private static DateTime? Parse(TimestampParser parser, string text) =>
        parser.TryParse(Encoding.UTF8.GetBytes(text), out var value) ? value : null;

    [Theory]
    [InlineData("2024-01-02", "2024-01-02T00:00:00.0000000")]
    [InlineData(" 2024-01-02 ", "2024-01-02T00:00:00.0000000")]
    [InlineData("2024-01-02T08:26", "2024-01-02T08:26:00.0000000")]
    [InlineData("2024-01-02 08:26:05", "2024-01-02T08:26:05.0000000")]
    [InlineData("2024-01-02T08:26:05Z", "2024-01-02T08:26:05.0000000")]
    [InlineData("2024-01-02T08:26:05.5+01:00", "2024-01-02T08:26:05.5000000")]
    [InlineData("2024-01-02T23:26:05.1234567-0530", "2024-01-02T23:26:05.1234567")]
    [InlineData("2024-01-02T23:26+14", "2024-01-02T23:26:00.0000000")]
    [InlineData("2024-02-29T00:00:00", "2024-02-29T00:00:00.0000000")]
    public void Iso_8601_dates_and_date_times_are_read_as_written(string text, string expected) =>
        Assert.Equal(expected, Parse(Iso, text)?.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("01/02/2024")]      // 2 January or 1 February: not for ClvML to decide
    [InlineData("02/13/2024")]
    [InlineData("13/02/2024")]
    [InlineData("01.02.2024")]
    [InlineData("Jan 2 2024")]
    [InlineData("2 January 2024")]
    [InlineData("20240102")]        // ISO 8601 basic form: data.timestamp_format yyyyMMdd
    [InlineData("2024-1-2")]
    [InlineData("2024/01/02")]
    [InlineData("2024-01-05T10:00+garbage")]
    [InlineData("2024-01-05T10:00+01:0")]
    [InlineData("2024-01-05T10:00+01:000")]
    [InlineData("2024-01-05T10:00+0100x")]
    [InlineData("2024-01-05T10:00+24:00")]
    [InlineData("2024-01-05T10:00+01:60")]
    [InlineData("2024-01-05T10:00+1")]
    [InlineData("2024-01-05T10:00ZZ")]
    [InlineData("2024-01-05T10:00 +01:00")]
    [InlineData("2024-01-05Z")]
    [InlineData("2024-01-05T")]
    [InlineData("2024-01-05T10")]
    [InlineData("2024-01-05T24:00")]
    [InlineData("2024-01-05T10:00:60")]
    [InlineData("2024-02-30")]
    [InlineData("2024-13-45")]
    [InlineData("")]
    public void Anything_else_is_refused_without_a_format(string text) => Assert.Null(Parse(Iso, text));

    [Theory]
    [InlineData("d/M/yyyy", "13/02/2024", 2024, 2, 13)]
    [InlineData("d/M/yyyy", "01/02/2024", 2024, 2, 1)]
    [InlineData("M/d/yyyy", "01/02/2024", 2024, 1, 2)]
    [InlineData("dd.MM.yyyy", "01.02.2024", 2024, 2, 1)]
    [InlineData("MMM d yyyy", "Jan 2 2024", 2024, 1, 2)]
    [InlineData("d MMMM yyyy", "2 January 2024", 2024, 1, 2)]
    [InlineData("yyyyMMdd", "20240102", 2024, 1, 2)]
    public void A_format_reads_its_texts(string format, string text, int y, int m, int d) =>
        Assert.Equal(new DateTime(y, m, d), Parse(new TimestampParser([format]), text));

    [Theory]
    [InlineData("M/d/yyyy", "13/02/2024")]
    [InlineData("d/M/yyyy", "2024-01-02")]  // the formats replace ISO 8601, they do not add to it
    [InlineData("d/M/yyyy", "1/ 2/2024")]
    [InlineData("d MMMM yyyy", "2  January 2024")] // exact: no extra white space inside
    [InlineData("d MMMM yyyy", "2 January 2024 10:00")]
    [InlineData("MMM d yyyy", "Jan 2 24")]
    public void A_format_reads_nothing_else(string format, string text) =>
        Assert.Null(Parse(new TimestampParser([format]), text));

    [Fact]
    public void A_zone_in_a_format_is_checked_and_the_clock_time_kept_as_written_on_any_machine()
    {
        var parser = new TimestampParser(["yyyy-MM-dd HH:mm zzz"]);
        Assert.Equal(new DateTime(2024, 1, 2, 23, 30, 0), Parse(parser, "2024-01-02 23:30 +05:00"));
        Assert.Equal(DateTimeKind.Unspecified, Parse(parser, "2024-01-02 23:30 -08:00")!.Value.Kind);
        Assert.Equal(new DateTime(2024, 1, 2, 23, 30, 0), Parse(parser, "2024-01-02 23:30 -08:00"));
        Assert.Null(Parse(parser, "2024-01-02 23:30"));
    }

    [Fact]
    public void The_message_names_what_is_expected()
    {
        Assert.StartsWith("ISO 8601 (yyyy-MM-dd", Iso.Description);
        Assert.Contains("data.timestamp_format", Iso.Description);
        Assert.Equal("'d/M/yyyy' or 'yyyyMMdd' (data.timestamp_format)", new TimestampParser(["d/M/yyyy", "yyyyMMdd"]).Description);
    }
}
