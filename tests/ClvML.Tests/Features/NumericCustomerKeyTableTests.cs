using ClvML.Features;

namespace ClvML.Tests.Features;

/// <summary>
/// Integer customer keys: indices follow first appearance whether the ids are dense (direct
/// array), negative or sparse (hash table), and across the switch from one to the other.
/// </summary>
public sealed class NumericCustomerKeyTableTests
{
    [Theory]
    [InlineData(new long[] { 5, 3, 5, 1_000, 3, 0 })]
    [InlineData(new long[] { 7, 2, 7, -1, 2, long.MinValue, 7, long.MaxValue, -1 })]
    [InlineData(new long[] { 1, 2, 3, 9_000_000_000, 2, 1, 3 })]
    public void Indices_follow_first_appearance_across_the_switch_to_hashing(long[] ids)
    {
        var table = new NumericCustomerKeyTable();
        var expected = new List<long>();
        foreach (var id in ids)
        {
            var index = table.GetOrAdd(id, NumericCustomerKeyTable.Hash(id), out var added);
            Assert.Equal(!expected.Contains(id), added);
            if (added) expected.Add(id);
            Assert.Equal(expected.IndexOf(id), index);
        }
        Assert.Equal(expected.Count, table.Count);
        Assert.Equal(expected, Enumerable.Range(0, table.Count).Select(table.Key));
    }

    [Fact]
    public void Many_ids_dense_then_sparse_keep_their_indices()
    {
        var table = new NumericCustomerKeyTable();
        var random = new Random(1);
        // 200,000 dense ids in random order, then sparse ones force the hash table, then all again.
        var ids = Enumerable.Range(0, 200_000).Select(i => (long)i).OrderBy(_ => random.Next()).Concat(Enumerable.Range(1, 50_000).Select(i => i * 1_000_003L)).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            Assert.Equal(i, table.GetOrAdd(ids[i], NumericCustomerKeyTable.Hash(ids[i]), out var added));
            Assert.True(added);
        }
        for (var i = 0; i < ids.Length; i += 7)
        {
            Assert.Equal(i, table.GetOrAdd(ids[i], NumericCustomerKeyTable.Hash(ids[i]), out var added));
            Assert.False(added);
        }
        Assert.Equal(ids.Length, table.Count);
    }
}
