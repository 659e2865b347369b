using System.Runtime.InteropServices;

namespace ClvML.Features;

/// <summary>
/// Customer id (UTF-8 text) -> dense index 0..n-1, by open addressing with linear probing. Each
/// slot keeps the id's first eight bytes beside its hash and index, so an id of at most eight bytes
/// (most customer keys: "C0037425", "12346") is found or refused by reading one slot, one cache
/// miss, instead of a slot, then its key offset, then its text. Longer ids are compared with their
/// full text in one byte arena. A million eight-byte ids cost about 45 MB and no per-customer objects;
/// callers probe a batch of rows in a tight loop so that the cache misses of different rows overlap.
/// </summary>
internal sealed class CustomerKeyTable
{
    // The bit of a hash that says whether the id is longer than a slot's prefix (see Hash).
    private const uint LongKeyBit = 1u << 31;
    private Slot[] _slots = new Slot[1 << 12];
    private byte[] _arena = new byte[1 << 15];
    private int[] _keyStart = new int[1 << 11];
    private int _arenaUsed;
    private bool _hasLongKeys;

    /// <summary>Number of distinct ids.</summary>
    public int Count { get; private set; }

    /// <summary>The id of <paramref name="index"/>, as UTF-8.</summary>
    public ReadOnlySpan<byte> Key(int index) => _arena.AsSpan(_keyStart[index], End(index) - _keyStart[index]);

    /// <summary>Where the id of <paramref name="index"/> lies in <see cref="Arena"/>.</summary>
    public (int Start, int Length) Locate(int index) => (_keyStart[index], End(index) - _keyStart[index]);

    /// <summary>The bytes the ids are in; a new array whenever an id is added past its end.</summary>
    public byte[] Arena => _arena;

    private int End(int index) => index + 1 < Count ? _keyStart[index + 1] : _arenaUsed;

    /// <summary>
    /// A well-mixed hash of the id (<see cref="TextHash"/>) whose top bit says
    /// whether the id is longer than eight bytes, so that a slot's prefix with its hash identifies a
    /// short id exactly. Only the low bits choose the home slot (tables have fewer than 2^31 slots).
    /// </summary>
    public static uint Hash(ReadOnlySpan<byte> key) =>
        ((uint)TextHash.Of(key) & ~LongKeyBit) | (key.Length > 8 ? LongKeyBit : 0);

    /// <summary>
    /// The id's first eight bytes, padded with 0xFF, a byte valid UTF-8 never contains: two ids of at
    /// most eight bytes are equal exactly when their prefixes are (a shorter id cannot match a longer one).
    /// </summary>
    private static ulong Prefix(ReadOnlySpan<byte> key)
    {
        if (key.Length >= 8) return MemoryMarshal.Read<ulong>(key);
        var prefix = ulong.MaxValue;
        for (var i = 0; i < key.Length; i++) prefix ^= (ulong)(byte)~key[i] << (8 * i);
        return prefix;
    }

    /// <summary>
    /// Rounds of <see cref="Prefetch"/> that load everything a lookup reads: the slot alone while every
    /// id fits a slot's prefix; then also the key offset of the id in the slot and the id's text.
    /// </summary>
    public int PrefetchRounds => _hasLongKeys ? 3 : 1;

    /// <summary>
    /// Starts loading what a lookup of <paramref name="hash"/> will read, one dependent step per
    /// round: round 0 the home slot, round 1 the key offset of a long id in it, round 2 its text.
    /// Callers run each round over a batch of rows before the next (see <see cref="CachePrefetch"/>),
    /// so every round reads what the one before brought into the cache.
    /// </summary>
    public void Prefetch(uint hash, int round)
    {
        var home = (int)hash & (_slots.Length - 1);
        if (round == 0)
        {
            // A 16-byte slot may straddle two cache lines; linear probing reads the next slot too.
            CachePrefetch.Element(_slots, home);
            CachePrefetch.Element(_slots, home + 1);
            return;
        }
        ref readonly var slot = ref _slots[home];
        if (slot.IndexPlusOne == 0 || slot.Hash != hash || (hash & LongKeyBit) == 0) return;
        var index = slot.IndexPlusOne - 1;
        if (round == 1) CachePrefetch.Element(_keyStart, index);
        else CachePrefetch.Element(_arena, _keyStart[index] + 8);
    }

    /// <summary>The index of <paramref name="key"/> (valid UTF-8, hashed by <see cref="Hash"/>), adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, uint hash, out bool added)
    {
        var prefix = Prefix(key);
        var mask = _slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref readonly var slot = ref _slots[i];
            if (slot.IndexPlusOne == 0)
            {
                added = true;
                return Add(key, hash, prefix, i);
            }
            if (slot.Hash != hash || slot.Prefix != prefix) continue;
            var index = slot.IndexPlusOne - 1;
            if ((hash & LongKeyBit) == 0 || key[8..].SequenceEqual(_arena.AsSpan(_keyStart[index] + 8, End(index) - _keyStart[index] - 8)))
            {
                added = false;
                return index;
            }
        }
    }

    private int Add(ReadOnlySpan<byte> key, uint hash, ulong prefix, int slot)
    {
        var index = Count;
        if (index == _keyStart.Length) Array.Resize(ref _keyStart, index * 2);
        if (_arenaUsed + key.Length > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + key.Length));
        _keyStart[index] = _arenaUsed;
        key.CopyTo(_arena.AsSpan(_arenaUsed));
        _arenaUsed += key.Length;
        _slots[slot] = new Slot(prefix, hash, index + 1);
        _hasLongKeys |= (hash & LongKeyBit) != 0;
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
            var i = (int)slot.Hash & mask;
            while (_slots[i].IndexPlusOne != 0) i = (i + 1) & mask;
            _slots[i] = slot;
        }
    }

    /// <summary>An id's first eight bytes, its hash and its index + 1 (0: empty slot): 16 bytes, four to a cache line.</summary>
    private readonly record struct Slot(ulong Prefix, uint Hash, int IndexPlusOne);
}
