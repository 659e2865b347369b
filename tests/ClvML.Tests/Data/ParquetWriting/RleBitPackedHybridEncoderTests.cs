using System.Buffers;
using ClvML.Data.Parquet;
using ClvML.Data.Parquet.Writing;

namespace ClvML.Tests.Data.ParquetWriting;

/// <summary>The RLE/bit-packing hybrid writer: the specification's example bytes, and round trips through the reader's decoder.</summary>
public sealed class RleBitPackedHybridEncoderTests
{
    [Fact]
    public void The_specifications_bit_packing_example_encodes_to_its_bytes()
    {
        // Encodings.md: 0..7 at bit width 3 pack to 10001000 11000110 11111010, header (1 << 1) | 1.
        var output = new ArrayBufferWriter<byte>();
        RleBitPackedHybridEncoder.Encode([0, 1, 2, 3, 4, 5, 6, 7], 3, output);
        Assert.Equal(new byte[] { 0x03, 0x88, 0xC6, 0xFA }, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Long_repeats_become_rle_runs_and_the_rest_padded_bit_packed_groups()
    {
        // 300 x 1 at width 1: header 300 << 1 = 600 as ULEB128 (0xD8 0x04), value byte 0x01;
        // then 0, 1, 0 in one padded group: header 0x03, bits 010 (first value in the lowest bit).
        var output = new ArrayBufferWriter<byte>();
        RleBitPackedHybridEncoder.Encode([.. Enumerable.Repeat(1, 300), 0, 1, 0], 1, output);
        Assert.Equal(new byte[] { 0xD8, 0x04, 0x01, 0x03, 0b010 }, output.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(32)]
    public void Random_runs_round_trip_through_the_decoder(int bitWidth)
    {
        var random = new Random(bitWidth);
        var max = bitWidth == 32 ? int.MaxValue : (1 << bitWidth) - 1;
        var values = new List<int>();
        while (values.Count < 5000)
        {
            // Alternate stretches of noise and repeats of random length, so runs start anywhere in a group.
            var value = bitWidth == 32 && random.Next(4) == 0 ? -1 : random.Next(max) ;
            var repeat = random.Next(3) == 0 ? random.Next(1, 40) : 1;
            values.AddRange(Enumerable.Repeat(value, repeat));
        }
        var output = new ArrayBufferWriter<byte>();
        RleBitPackedHybridEncoder.Encode(values.ToArray(), bitWidth, output);
        var decoded = new int[values.Count];
        var read = RleBitPackedHybrid.Decode(output.WrittenSpan, bitWidth, decoded, "rle", 0);
        Assert.Equal(values, decoded);
        Assert.Equal(output.WrittenCount, read);
    }

    [Fact]
    public void Bit_width_holds_the_largest_index()
    {
        Assert.Equal([1, 1, 2, 2, 3, 8, 9, 31], new[] { 0, 1, 2, 3, 4, 255, 256, int.MaxValue }.Select(RleBitPackedHybridEncoder.BitWidth));
    }
}
