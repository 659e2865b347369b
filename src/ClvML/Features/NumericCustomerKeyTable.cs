namespace ClvML.Features;

/// <summary>
/// Integer customer id -> dense index 0..n-1, for sources whose ids are INT64 numbers, never
/// formatted. While the ids are small non-negative numbers used densely (database keys, 1..n), an
/// id indexes an int array directly: 4 bytes per possible id, a fraction of a hash table, so the
/// lookups of a million customers mostly hit the CPU caches. The first negative or sparse id
/// switches, once, to open addressing with linear probing at a load factor of at most 1/2 (like
/// <see cref="CustomerKeyTable"/>), where a slot holds the id itself so a probe reads one slot.
/// </summary>
internal sealed class NumericCustomerKeyTable
{
    // Direct indexing may take this many entries (16 MB) whatever the customer count, so ids that
    // arrive in random order still fit before most customers are seen; beyond it, 8 per customer.
    private const int DirectEntriesAlwaysAllowed = 1 << 22;
    private const int DirectEntriesPerCustomer = 8;
    // id -> index + 1 (0: not seen) while every id so far is in 0..length-1; null once hashing.
    private int[]? _direct = new int[1 << 10];
    private Slot[] _slots = [];
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

    /// <summary>Starts loading what a lookup of <paramref name="key"/> will read (see <see cref="CachePrefetch"/>).</summary>
    public void Prefetch(long key, uint hash)
    {
        if (_direct is not { } direct) CachePrefetch.Element(_slots, (int)hash & (_slots.Length - 1));
        else if ((ulong)key < (ulong)direct.Length) CachePrefetch.Element(direct, (int)key);
    }

    /// <summary>The index of <paramref name="key"/> (whose hash is <paramref name="hash"/>), adding it when new.</summary>
    public int GetOrAdd(long key, uint hash, out bool added)
    {
        if (_direct is { } direct)
        {
            if ((ulong)key >= (ulong)direct.Length)
            {
                if (!TryWiden(key)) StartHashing();
                return GetOrAdd(key, hash, out added);
            }
            var existing = direct[key];
            added = existing == 0;
            if (!added) return existing - 1;
            direct[key] = Count + 1;
            return Append(key);
        }
        return GetOrAddHashed(key, hash, out added);
    }

    /// <summary>Grows the direct array to take <paramref name="key"/>; false when the ids are negative or too sparse for it.</summary>
    private bool TryWiden(long key)
    {
        if (key < 0) return false;
        long length = _direct!.Length;
        while (length <= key) length *= 2;
        if (length > Array.MaxLength || length > Math.Max(DirectEntriesAlwaysAllowed, (long)DirectEntriesPerCustomer * (Count + 1))) return false;
        ArrayGrowth.Resize(ref _direct, (int)length);
        return true;
    }

    /// <summary>Moves every id, in index order, into the hash table; the direct array is dropped.</summary>
    private void StartHashing()
    {
        var size = 1 << 12;
        while (size < 2 * (Count + 1)) size *= 2;
        _slots = new Slot[size];
        var mask = size - 1;
        for (var index = 0; index < Count; index++)
        {
            var i = (int)Hash(_keys[index]) & mask;
            while (_slots[i].IndexPlusOne != 0) i = (i + 1) & mask;
            _slots[i] = new Slot(_keys[index], index + 1);
        }
        _direct = null;
    }

    private int GetOrAddHashed(long key, uint hash, out bool added)
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
        slot = new Slot(key, Count + 1);
        var index = Append(key);
        // Keep the load factor at most 1/2 so probe chains stay short.
        if (Count * 2 > _slots.Length) Grow();
        return index;
    }

    /// <summary>Gives <paramref name="key"/> the next index.</summary>
    private int Append(long key)
    {
        var index = Count;
        if (index == _keys.Length) Array.Resize(ref _keys, index * 2);
        _keys[index] = key;
        Count++;
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
