using System.Text;
using ClvML.Data;
using ClvML.Data.Csv;

namespace ClvML.Tests.Data.Csv;

/// <summary>The one-entry timestamp cache gives what a fresh parse gives, for runs of repeats and for changes of every kind.</summary>
public sealed class RepeatedTimestampTests
{
    [Theory]
    [InlineData("")] // ISO 8601
    [InlineData("yyyy-MM-dd")]
    [InlineData("d/M/yyyy HH:mm")]
    public void Gives_what_the_parser_gives(string format)
    {
        string[] formats = format.Length == 0 ? [] : [format];
        var parser = new TimestampParser(formats);
        var cached = new RepeatedTimestamp(new TimestampParser(formats));
        var texts = new[]
        {
            "2024-01-01", "2024-01-01", "2024-01-02", "2024-02-30", "2024-02-30", "2024-02-28", " 2024-02-28", "2024-02-28 ",
            "2024-02-28", "2024-02-29", "2023-02-29", "2023-02-29", "", "", "2024-01-01T10:11:12.5+01:00", "2024-01-01T10:11:12.5+01:00",
            "1/2/2024 10:30", "1/2/2024 10:30", "01/02/2024 10:30", "31/2/2024 10:30", "2024-01-01T10:11:12.123456789012345678901234567890",
            "2024-01-01T10:11:12.123456789012345678901234567890", "2024-13-01",
        };
        var random = new Random(7);
        // Runs of one text, as in a file sorted by date, then every text once more.
        var sequence = Enumerable.Range(0, 2000).SelectMany(_ => Enumerable.Repeat(texts[random.Next(texts.Length)], random.Next(1, 5))).Concat(texts).ToList();
        var hits = 0;
        string? previous = null;
        foreach (var text in sequence)
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            var expectedOk = parser.TryParse(utf8, out var expected);
            Assert.Equal(expectedOk, cached.TryParse(utf8, out var actual));
            Assert.Equal(expected, actual);
            if (text == previous && expectedOk) hits++;
            previous = text;
        }
        Assert.True(hits > 50); // repeats did come up, so the cached answers were compared too
    }
}
