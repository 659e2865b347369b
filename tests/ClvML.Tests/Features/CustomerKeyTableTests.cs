using System.Text;
using ClvML.Features;

namespace ClvML.Tests.Features;

/// <summary>
/// The text id table against a dictionary: ids of every length around the eight bytes a slot keeps
/// inline, sharing prefixes, multi-byte UTF-8, through many growths of the table.
/// </summary>
public sealed class CustomerKeyTableTests
{
    [Fact]
    public void Indices_follow_first_appearance_like_a_dictionary()
    {
        var random = new Random(20261130);
        var pool = new List<string>();
        string[] stems = ["C", "CUST-", "ABCDEFG", "ABCDEFGH", "ABCDEFGHI", "é", "客户", "12345678"];
        for (var i = 0; i < 60_000; i++)
        {
            var stem = stems[random.Next(stems.Length)];
            // Lengths from the bare stem to well past eight bytes, so ids cross the inline prefix both ways.
            var digits = random.Next(0, 12);
            var id = stem + (digits == 0 ? "" : random.NextInt64(0, (long)Math.Pow(10, Math.Min(digits, 18))).ToString(System.Globalization.CultureInfo.InvariantCulture));
            pool.Add(id);
        }
        var reference = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new CustomerKeyTable();
        for (var i = 0; i < 200_000; i++)
        {
            var id = pool[random.Next(pool.Count)];
            var utf8 = Encoding.UTF8.GetBytes(id);
            var index = table.GetOrAdd(utf8, CustomerKeyTable.Hash(utf8), out var added);
            var expectedNew = !reference.TryGetValue(id, out var expected);
            if (expectedNew) reference[id] = expected = reference.Count;
            Assert.Equal(expectedNew, added);
            Assert.Equal(expected, index);
        }
        Assert.Equal(reference.Count, table.Count);
        foreach (var (id, index) in reference) Assert.Equal(id, Encoding.UTF8.GetString(table.Key(index)));
    }

    [Theory]
    [InlineData("ABCDEFGH", "ABCDEFGHI")]
    [InlineData("ABCDEFG", "ABCDEFGH")]
    [InlineData("A", "AB")]
    [InlineData("ABCDEFGHIJ", "ABCDEFGHIK")]
    [InlineData("ABCDEFGHIJ", "ABCDEFGHI")]
    public void Ids_sharing_their_first_bytes_are_different_customers_even_when_their_hashes_collide(string first, string second)
    {
        // Only the hash's length bit is kept, so every lookup of a length class lands on one home
        // slot and only the inline prefix and the arena text can tell the ids apart.
        static uint Colliding(byte[] id) => CustomerKeyTable.Hash(id) & 0x8000_0000u;
        var table = new CustomerKeyTable();
        var a = Encoding.UTF8.GetBytes(first);
        var b = Encoding.UTF8.GetBytes(second);
        Assert.Equal(0, table.GetOrAdd(a, Colliding(a), out _));
        Assert.Equal(1, table.GetOrAdd(b, Colliding(b), out var added));
        Assert.True(added);
        Assert.Equal(0, table.GetOrAdd(a, Colliding(a), out added));
        Assert.False(added);
        Assert.Equal(1, table.GetOrAdd(b, Colliding(b), out added));
        Assert.False(added);
    }
}
