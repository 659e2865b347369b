using System.Numerics;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// The distinct values of a numeric column chunk in first-seen order, found by an open-addressed
/// hash table on the values' bits (so -0.0 and 0.0, and NaN payloads, are distinct entries, as
/// PLAIN keeps them). Fibonacci hashing with linear probing; the table doubles at half full.
/// </summary>
/// <typeparam name="TKey">The stored value's bits: <see cref="int"/> for INT32, <see cref="long"/> for INT64 and DOUBLE.</typeparam>
internal sealed class NumericKeyIndex<TKey> where TKey : unmanaged, IBinaryInteger<TKey>
{
    private int[] _slots = new int[1024]; // entry + 1; 0 is empty
    private TKey[] _entries = new TKey[512];
    private int _shift = 64 - 10;

    /// <summary>Distinct values so far.</summary>
    public int Count { get; private set; }

    /// <summary>The distinct values in first-seen order.</summary>
    public ReadOnlySpan<TKey> Entries => _entries.AsSpan(0, Count);

    /// <summary>The entry of <paramref name="key"/>, or -1 when it has none.</summary>
    public int Find(TKey key)
    {
        var mask = _slots.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0) return -1;
            if (_entries[entry] == key) return entry;
        }
    }

    /// <summary>Adds <paramref name="key"/>, which <see cref="Find"/> did not find; returns its entry.</summary>
    public int Add(TKey key)
    {
        if (Count == _entries.Length) Array.Resize(ref _entries, 2 * _entries.Length);
        if (2 * (Count + 1) > _slots.Length) Grow();
        var entry = Count++;
        _entries[entry] = key;
        Place(key, entry);
        return entry;
    }

    private int Slot(TKey key) => (int)((ulong)long.CreateTruncating(key) * 0x9E3779B97F4A7C15UL >> _shift);

    private void Place(TKey key, int entry)
    {
        var mask = _slots.Length - 1;
        var slot = Slot(key);
        while (_slots[slot] != 0) slot = (slot + 1) & mask;
        _slots[slot] = entry + 1;
    }

    private void Grow()
    {
        _slots = new int[2 * _slots.Length];
        _shift--;
        for (var e = 0; e < Count; e++) Place(_entries[e], e);
    }
}
