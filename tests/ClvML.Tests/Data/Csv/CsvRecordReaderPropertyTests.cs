using System.Text;
using ClvML.Data.Csv;

namespace ClvML.Tests.Data.Csv;

/// <summary>
/// The record reader against its previous version (<see cref="PreviousCsvRecordReader"/>) on seeded
/// random texts full of what CSV gets wrong: quoted fields with doubled quotes, delimiters, CR and LF
/// inside, text after a closing quote, a quote never closed, empty fields, CRLF and bare CR, blank lines,
/// a BOM, no final line end; several delimiters and whitespace mode; read through buffers from 1 byte
/// to 1 MiB and streams that hand over 1 to 7 bytes at a time. Every record, field, line, malformed
/// reason and raw text, and the blank-line count, must be the same.
/// </summary>
public sealed class CsvRecordReaderPropertyTests
{
    /// <summary>Hands over at most a few bytes per read, as a pipe or a gzip member boundary might.</summary>
    private sealed class TrickleStream(byte[] bytes, int seed) : MemoryStream(bytes)
    {
        private readonly Random _random = new(seed);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _random.Next(1, 8)));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, _random.Next(1, 8))]);
    }

    private static string RandomField(Random random, char delimiter)
    {
        string Chars(string alphabet, int max)
        {
            var n = random.Next(max + 1);
            var text = new StringBuilder(n);
            for (var i = 0; i < n; i++) text.Append(alphabet[random.Next(alphabet.Length)]);
            return text.ToString();
        }
        var inner = $"ab1 .-\t{delimiter}\n\r\"";
        return random.Next(16) switch
        {
            0 => "",
            1 => "\"" + Chars(inner, 12).Replace("\"", "\"\"") + "\"", // quoted, maybe with doubled quotes and line breaks
            2 => "\"" + Chars("ab,", 4) + "\"" + Chars("xy\"", 3), // text after the closing quote
            3 => "\"\"",
            4 => Chars("ab\"", 5), // a quote inside an unquoted field is text
            5 => Chars("ab1234567890", 90), // long enough to span 64-byte blocks
            6 => " " + Chars("ab", 3) + "\r",
            _ => Chars("abcdefgh0123456789.-", 10),
        };
    }

    private static byte[] RandomText(Random random, char delimiter, bool whitespace)
    {
        var text = new StringBuilder();
        if (random.Next(5) == 0) text.Append('\uFEFF');
        var records = random.Next(0, 60);
        for (var r = 0; r < records; r++)
        {
            switch (random.Next(10))
            {
                case 0: text.Append(random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "  \n" }); continue; // blank lines
            }
            var fields = random.Next(1, 8);
            for (var f = 0; f < fields; f++)
            {
                if (f > 0) text.Append(whitespace ? (random.Next(3) == 0 ? " \t " : " ") : delimiter.ToString());
                text.Append(RandomField(random, whitespace ? ',' : delimiter));
            }
            text.Append(random.Next(4) == 0 ? "\r\n" : "\n");
        }
        switch (random.Next(4))
        {
            case 0: text.Append("last" + delimiter + "record"); break; // no final line end
            case 1: text.Append("\"never" + delimiter + "closed\nat all"); break;
            case 2: text.Append('\r'); break;
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private sealed record Record(long Line, string? Malformed, string Raw, string[] Fields);

    private static List<Record> ReadAll(Func<(bool More, long Line, string? Malformed, string Raw, string[] Fields)> read)
    {
        var records = new List<Record>();
        while (true)
        {
            var (more, line, malformed, raw, fields) = read();
            if (!more) return records;
            records.Add(new Record(line, malformed, raw, fields));
        }
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    private static (List<Record> Records, long Blank, string? Error) Previous(Stream stream, char? delimiter, int bufferSize)
    {
        var reader = new PreviousCsvRecordReader(stream, "random.csv", delimiter, bufferSize);
        try
        {
            var records = ReadAll(() => reader.Read()
                ? (true, reader.Line, reader.Malformed, Text(reader.RawRecord), [.. Enumerable.Range(0, reader.FieldCount).Select(f => Text(reader.Field(f)))])
                : (false, 0, null, "", []));
            return (records, reader.BlankLines, null);
        }
        catch (InputException e)
        {
            return ([], 0, e.Message);
        }
    }

    private static (List<Record> Records, long Blank, string? Error) Current(Stream stream, char? delimiter, int bufferSize)
    {
        var reader = new CsvRecordReader(stream, "random.csv", delimiter, bufferSize);
        try
        {
            var records = ReadAll(() => reader.Read()
                ? (true, reader.Line, reader.Malformed, Text(reader.RawRecord), [.. Enumerable.Range(0, reader.FieldCount).Select(f => Text(reader.Field(f)))])
                : (false, 0, null, "", []));
            return (records, reader.BlankLines, null);
        }
        catch (InputException e)
        {
            return ([], 0, e.Message);
        }
    }

    [Theory]
    [InlineData(',', 1)]
    [InlineData(',', 2)]
    [InlineData(';', 3)]
    [InlineData('\t', 4)]
    [InlineData('|', 5)]
    [InlineData(null, 6)]
    public void Splits_random_text_as_the_previous_reader_did(char? delimiter, int seed)
    {
        var random = new Random(seed);
        int[] bufferSizes = [1, 2, 7, 64, 100, 4096, 1 << 20];
        var compared = 0L;
        var malformed = 0;
        var quotedLineBreaks = 0;
        for (var i = 0; i < 600; i++)
        {
            var bytes = RandomText(random, delimiter ?? ',', delimiter is null);
            var bufferSize = bufferSizes[random.Next(bufferSizes.Length)];
            // The reader's BOM check looks at its first read only, so each reader gets the same kind of stream.
            foreach (var trickle in (bool[])[false, true])
            {
                Stream Stream() => trickle ? new TrickleStream(bytes, i) : new MemoryStream(bytes);
                var expected = Previous(Stream(), delimiter, bufferSize);
                var actual = Current(Stream(), delimiter, bufferSize);
                Assert.Equal(expected.Error, actual.Error);
                Assert.Equal(expected.Blank, actual.Blank);
                Assert.Equal(expected.Records.Count, actual.Records.Count);
                for (var r = 0; r < expected.Records.Count; r++)
                {
                    Assert.Equal(expected.Records[r].Line, actual.Records[r].Line);
                    Assert.Equal(expected.Records[r].Malformed, actual.Records[r].Malformed);
                    Assert.Equal(expected.Records[r].Raw, actual.Records[r].Raw);
                    Assert.Equal(expected.Records[r].Fields, actual.Records[r].Fields);
                }
                compared += actual.Records.Count;
                malformed += expected.Records.Count(r => r.Malformed is not null);
                quotedLineBreaks += expected.Records.Count(r => r.Fields.Any(f => Convert.FromHexString(f).Contains((byte)'\n')));
            }
        }
        Assert.True(compared > 20_000);
        if (delimiter is not null)
        {
            Assert.True(malformed > 100);
            Assert.True(quotedLineBreaks > 100);
        }
    }
}
