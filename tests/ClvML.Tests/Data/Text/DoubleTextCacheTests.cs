using System.Globalization;
using System.Text;
using ClvML.Data.Text;

namespace ClvML.Tests.Data.Text;

/// <summary>A remembered text must be exactly the text of the value asked for, after hits, evictions and collisions alike.</summary>
public sealed class DoubleTextCacheTests
{
    [Fact]
    public void Every_write_is_the_round_trip_text_whether_remembered_evicted_or_new()
    {
        // 16 slots for 300 values: most writes evict another value, many find their own.
        var cache = new DoubleTextCache(slotBits: 4);
        var random = new Random(3);
        var values = Enumerable.Range(0, 300).Select(i => i switch
        {
            0 => 0.0,
            1 => -0.0,
            2 => 1e-7,
            3 => -1.7976931348623157E+308,
            _ => random.NextDouble() * Math.Pow(10, random.Next(-6, 16)),
        }).ToArray();
        Span<byte> destination = stackalloc byte[DoubleTextCache.RequiredRoom];
        for (var i = 0; i < 20_000; i++)
        {
            var value = values[random.Next(i % 2 == 0 ? 4 : values.Length)];
            var length = cache.Write(value, destination);
            Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), Encoding.UTF8.GetString(destination[..length]));
        }
    }

    [Fact]
    public void A_destination_shorter_than_a_slot_is_refused()
    {
        var cache = new DoubleTextCache();
        var destination = new byte[DoubleTextCache.RequiredRoom - 1];
        cache.Write(1.5, new byte[DoubleTextCache.RequiredRoom]);
        Assert.Throws<ArgumentException>(() => cache.Write(1.5, destination));
    }
}
