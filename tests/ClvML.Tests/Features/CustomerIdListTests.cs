using System.Text;
using ClvML.Features;

namespace ClvML.Tests.Features;

/// <summary>Ids kept as integers or UTF-8 read back as the text the per-row path gives, as strings or as UTF-8.</summary>
public sealed class CustomerIdListTests
{
    [Fact]
    public void Integer_ids_read_as_invariant_text()
    {
        var ids = new CustomerIdList([42, -7, long.MinValue, 0]);
        Assert.Equal(["42", "-7", "-9223372036854775808", "0"], ids);
        Assert.Same(ids[1], ids[1]);
        Span<byte> utf8 = stackalloc byte[20];
        Assert.True(ids.TryWriteUtf8(2, utf8, out var written));
        Assert.Equal("-9223372036854775808", Encoding.UTF8.GetString(utf8[..written]));
        Assert.False(ids.TryWriteUtf8(2, utf8[..19], out _));
    }

    [Fact]
    public void Text_ids_read_from_their_arena()
    {
        var arena = Encoding.UTF8.GetBytes("C1客户x C2");
        // "客户" is six bytes; the list points at pieces of the arena in any order.
        var ids = new CustomerIdList(arena, [10, 0, 2], [2, 2, 7]);
        Assert.Equal(["C2", "C1", "客户x"], ids);
        Span<byte> utf8 = stackalloc byte[8];
        Assert.True(ids.TryWriteUtf8(2, utf8, out var written));
        Assert.Equal("客户x", Encoding.UTF8.GetString(utf8[..written]));
        Assert.False(ids.TryWriteUtf8(2, utf8[..6], out _));
    }
}
