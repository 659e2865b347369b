using System.Text;
using ClvML.Data.Csv;

namespace ClvML.Tests.Data.Csv;

/// <summary>
/// The two-thread record pipeline against the sequential reader it wraps: the same records, fields,
/// lines, malformed flags and raw text, in the same order, across batch boundaries; errors of the
/// splitting thread surface after the records before them; stopping early does not hang.
/// </summary>
public sealed class CsvRecordPipelineTests
{
    /// <summary>A file that exercises every path of the splitter, long enough for several 8,192-record batches.</summary>
    private static byte[] Awkward(int records, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("id,when,amount,note\n");
        for (var i = 0; i < records; i++)
        {
            var id = $"C{random.Next(100_000):D6}";
            switch (random.Next(12))
            {
                case 0: text.Append('\n'); break; // a blank line
                case 1: text.Append($"{id},2025-01-02,1.5,\"two\nlines\"\n"); break;
                case 2: text.Append($"{id},2025-01-02,2,\"say \"\"hi\"\"\"\r\n"); break;
                case 3: text.Append($"{id},2025-01-02,3,\"closed\"trailing\n"); break; // malformed
                case 4: text.Append($"{id},2025-01-02\n"); break; // too few fields
                default: text.Append($"{id},2025-01-{1 + random.Next(28):D2},{random.Next(10_000) / 100.0:R},plain\n"); break;
            }
        }
        text.Append("last,2025-02-03,4,\"never closed");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private sealed record Record(long Line, string? Malformed, string Raw, string[] Fields);

    private static Record Current(long line, string? malformed, ReadOnlySpan<byte> raw, int count, Func<int, string> field) =>
        new(line, malformed, Encoding.UTF8.GetString(raw), [.. Enumerable.Range(0, count).Select(field)]);

    private static List<Record> Sequential(byte[] bytes, out long blankLines)
    {
        var reader = new CsvRecordReader(new MemoryStream(bytes), "awkward.csv", ',');
        var records = new List<Record>();
        while (reader.Read())
            records.Add(Current(reader.Line, reader.Malformed, reader.RawRecord, reader.FieldCount, f => Encoding.UTF8.GetString(reader.Field(f))));
        blankLines = reader.BlankLines;
        return records;
    }

    private static List<Record> Pipelined(Stream stream, out long blankLines)
    {
        using var pipeline = new CsvRecordPipeline(new CsvRecordReader(stream, "awkward.csv", ','));
        var records = new List<Record>();
        while (pipeline.Read())
            records.Add(Current(pipeline.Line, pipeline.Malformed, pipeline.RawRecord, pipeline.FieldCount, f => Encoding.UTF8.GetString(pipeline.Field(f))));
        blankLines = pipeline.BlankLines;
        return records;
    }

    [Theory]
    [InlineData(10, 1)]
    [InlineData(30_000, 2)]
    public void Gives_the_sequential_readers_records_in_order(int records, int seed)
    {
        var bytes = Awkward(records, seed);
        var expected = Sequential(bytes, out var expectedBlank);
        var actual = Pipelined(new MemoryStream(bytes), out var actualBlank);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Line, actual[i].Line);
            Assert.Equal(expected[i].Malformed, actual[i].Malformed);
            Assert.Equal(expected[i].Raw, actual[i].Raw);
            Assert.Equal(expected[i].Fields, actual[i].Fields);
        }
        Assert.Equal(expectedBlank, actualBlank);
        // The file has every kind of record, so the comparison above covered each path.
        Assert.Contains(actual, r => r.Malformed == "text after a closing quote");
        Assert.Contains(actual, r => r.Malformed == "a quoted field is never closed");
        Assert.Contains(actual, r => r.Fields.Length == 4 && r.Fields[3] == "say \"hi\"");
        if (records > 10) Assert.True(actualBlank > 0);
    }

    /// <summary>A stream that fails after a given number of bytes, as a disk or a gzip member might.</summary>
    private sealed class FailingStream(byte[] bytes, int failAfter) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAfter) throw new IOException("device gone");
            return base.Read(buffer, offset, (int)Math.Min(count, failAfter - Position));
        }
    }

    [Fact]
    public void An_error_of_the_splitting_thread_comes_after_every_record_read_before_it()
    {
        var bytes = Awkward(30_000, 3);
        var failAfter = bytes.Length / 2;
        using var pipeline = new CsvRecordPipeline(new CsvRecordReader(new FailingStream(bytes, failAfter), "awkward.csv", ','));
        var read = 0;
        var error = Assert.Throws<IOException>(() =>
        {
            while (pipeline.Read()) read++;
        });
        Assert.Equal("device gone", error.Message);
        // Every record ending before the failure came out; the one the failure cut did not.
        var beforeFailure = Sequential(bytes[..failAfter], out _).Count;
        Assert.Equal(beforeFailure - 1, read);
        Assert.True(read > 10_000);
    }

    [Fact]
    public async Task Stopping_after_a_few_records_stops_the_splitting_thread()
    {
        var bytes = Awkward(100_000, 4);
        var pipeline = new CsvRecordPipeline(new CsvRecordReader(new MemoryStream(bytes), "awkward.csv", ','));
        for (var i = 0; i < 10; i++) Assert.True(pipeline.Read());
        var dispose = Task.Run(pipeline.Dispose);
        // The splitter is blocked on a full queue; Dispose must cancel it, not wait for a reader.
        await dispose.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }
}
