using System.Globalization;
using System.Runtime.InteropServices;
using ClvML.Features;

namespace ClvML.Tests.Features;

/// <summary>
/// Order ids are compared by their 64-bit hashes (adjacent rows of one order merge), so ids that
/// differ in one character, one position or only in length must not share a hash.
/// </summary>
public sealed class TextHashTests
{
    [Fact]
    public void Sequential_and_one_character_apart_ids_do_not_collide()
    {
        var seen = new HashSet<ulong>();
        for (var i = 0; i < 500_000; i++)
        {
            var id = "O" + i.ToString("D8", CultureInfo.InvariantCulture);
            Assert.True(seen.Add(TextHash.Of(MemoryMarshal.AsBytes(id.AsSpan()))), id);
        }
        // Same bytes but for zero padding at the end: the length is part of the hash.
        byte[] shorter = [1, 2, 3], longer = [1, 2, 3, 0];
        Assert.NotEqual(TextHash.Of(shorter), TextHash.Of(longer));
    }

    [Fact]
    public void Every_input_bit_changes_about_half_of_the_output_bits()
    {
        var random = new Random(7);
        var input = new byte[13];
        var flipped = 0L;
        var trials = 0;
        for (var t = 0; t < 200; t++)
        {
            random.NextBytes(input);
            var h = TextHash.Of(input);
            for (var bit = 0; bit < input.Length * 8; bit++)
            {
                input[bit / 8] ^= (byte)(1 << (bit % 8));
                flipped += (long)ulong.PopCount(h ^ TextHash.Of(input));
                input[bit / 8] ^= (byte)(1 << (bit % 8));
                trials++;
            }
        }
        // Avalanche: a good 64-bit mix flips 32 bits on average.
        Assert.InRange((double)flipped / trials, 31.0, 33.0);
    }
}
