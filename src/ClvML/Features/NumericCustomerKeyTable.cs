namespace ClvML.Features;

/// <summary>
/// Integer customer id -> dense index 0..n-1, for sources whose ids are INT64 numbers: the id is
/// hashed and compared as a number, never formatted, and a slot holds the id itself, so a lookup
/// touches one slot instead of a slot and a char arena. Open addressing with linear probing at a
/// load factor of at most 1/2, like <see cref="CustomerKeyTable"/>.
/// </summary>
internal sealed class NumericCustomerKeyTable
{
    private Slot[] _slots = new Slot[1 << 12];
    private long[] _keys = new long[1 << 11];

    /// <summary>Number of distinct ids.</summary>
    public int Count { get; private set; }

    /// <summary>The id of <paramref name="index"/>.</summary>
    public long Key(int index) => _keys[index];

    /// <summary>A well-mixed 32-bit hash of the id (murmur3's 64-bit finaliser).</summary>
    public static uint Hash(long key)
    {
        var h = (ulong)key;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (uint)h;
    }

    /// <summary>
    /// Loads the home slot of <paramref name="hash"/> and returns something of it, so a loop of these
    /// over a batch keeps many cache misses in flight; the lookups that follow then hit the cache.
    /// </summary>
    public ulong Touch(uint hash) => (ulong)_slots[(int)hash & (_slots.Length - 1)].Key;

    /// <summary>The index of <paramref name="key"/> (whose hash is <paramref name="hash"/>), adding it when new.</summary>
    public int GetOrAdd(long key, uint hash, out bool added)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref slots[i];
            if (slot.IndexPlusOne == 0)
            {
                added = true;
                return Add(key, ref slot);
            }
            if (slot.Key == key)
            {
                added = false;
                return slot.IndexPlusOne - 1;
            }
        }
    }

    private int Add(long key, ref Slot slot)
    {
        var index = Count;
        if (index == _keys.Length) Array.Resize(ref _keys, index * 2);
        _keys[index] = key;
        slot = new Slot(key, index + 1);
        Count++;
        // Keep the load factor at most 1/2 so probe chains stay short.
        if (Count * 2 > _slots.Length) Grow();
        return index;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.IndexPlusOne == 0) continue;
            var i = (int)Hash(slot.Key) & mask;
            while (_slots[i].IndexPlusOne != 0) i = (i + 1) & mask;
            _slots[i] = slot;
        }
    }

    /// <summary>An id and its index + 1 (0: empty slot), side by side so one cache line answers a probe.</summary>
    private readonly record struct Slot(long Key, int IndexPlusOne);
}
