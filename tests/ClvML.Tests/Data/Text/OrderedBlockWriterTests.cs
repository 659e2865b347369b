using System.Text;
using ClvML.Data.Text;

namespace ClvML.Tests.Data.Text;

/// <summary>Blocks formatted on several threads land in the file in block order, and a failure stops the pipeline instead of hanging it.</summary>
public sealed class OrderedBlockWriterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 37)]
    [InlineData(4, 500)]
    public void Blocks_formatted_out_of_order_are_written_in_order(int workers, int blocks)
    {
        using var output = new MemoryStream();
        OrderedBlockWriter.Write(output, blocks, workers, bufferBytes: 4, (b, buffer) =>
        {
            // Uneven work so that later blocks often finish first; the text outgrows the 4-byte buffers.
            if (b % 7 == 0) Thread.SpinWait(20_000);
            var text = Encoding.UTF8.GetBytes($"block {b};");
            text.CopyTo(buffer.GetSpan(text.Length));
            buffer.Advance(text.Length);
        });
        var expected = string.Concat(Enumerable.Range(0, blocks).Select(b => $"block {b};"));
        Assert.Equal(expected, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void A_failing_block_is_rethrown_and_nothing_after_it_is_written()
    {
        using var output = new MemoryStream();
        var error = Assert.Throws<InvalidOperationException>(() => OrderedBlockWriter.Write(output, 100, 2, 16, (b, buffer) =>
        {
            if (b == 10) throw new InvalidOperationException("block 10 cannot be formatted");
            buffer.GetSpan(1)[0] = (byte)'x';
            buffer.Advance(1);
        }));
        Assert.Equal("block 10 cannot be formatted", error.Message);
        Assert.True(output.Length <= 10, $"{output.Length} blocks written; the 11th failed");
    }

    [Fact]
    public void A_failing_stream_is_rethrown_after_the_workers_stopped()
    {
        var formatted = 0;
        var error = Assert.Throws<IOException>(() => OrderedBlockWriter.Write(new FullDisk(), 1000, 2, 16, (b, buffer) =>
        {
            Interlocked.Increment(ref formatted);
            buffer.GetSpan(1)[0] = (byte)'x';
            buffer.Advance(1);
        }));
        Assert.Equal("disk full", error.Message);
        // The buffer pool (two per worker and one) bounds how far formatting ran ahead of the failed write.
        Assert.InRange(formatted, 1, 5);
    }

    /// <summary>A stream whose every write fails, as a full disk does.</summary>
    private sealed class FullDisk : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("disk full");
    }
}
