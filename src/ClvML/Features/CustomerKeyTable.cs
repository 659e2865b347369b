using System.Numerics;
using System.Runtime.InteropServices;

namespace ClvML.Features;

/// <summary>
/// Customer id -> dense index 0..n-1, by open addressing with linear probing. A slot is one ulong
/// (32-bit hash, index + 1) and the ids live back to back in one char arena, so a million customers
/// cost about 40 MB and no per-customer objects; callers probe a batch of rows in a tight loop so
/// that the cache misses of different rows overlap (the table is far larger than the CPU caches).
/// </summary>
internal sealed class CustomerKeyTable
{
    private ulong[] _slots = new ulong[1 << 12];
    private char[] _arena = new char[1 << 14];
    private int[] _keyStart = new int[1 << 11];
    private int _arenaUsed;

    /// <summary>Number of distinct ids.</summary>
    public int Count { get; private set; }

    /// <summary>The id of <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Key(int index) => _arena.AsSpan(_keyStart[index], End(index) - _keyStart[index]);

    private int End(int index) => index + 1 < Count ? _keyStart[index + 1] : _arenaUsed;

    /// <summary>A well-mixed 32-bit hash of the id (deterministic; 8 bytes per step, then a murmur3 finaliser).</summary>
    public static uint Hash(ReadOnlySpan<char> key)
    {
        var bytes = MemoryMarshal.AsBytes(key);
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            h = BitOperations.RotateLeft(h ^ (MemoryMarshal.Read<ulong>(bytes) * 0xC2B2AE3D27D4EB4FUL), 31) * 0x9E3779B97F4A7C15UL;
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++) tail |= (ulong)bytes[i] << (8 * i);
        h ^= tail * 0xC2B2AE3D27D4EB4FUL;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (uint)h;
    }

    /// <summary>Rounds of <see cref="Prefetch"/> that load everything a lookup reads.</summary>
    public const int PrefetchRounds = 3;

    /// <summary>
    /// Starts loading what a lookup of <paramref name="hash"/> will read, one dependent step per
    /// round: round 0 the home slot, round 1 the key offset of the id in it, round 2 the id's text.
    /// Callers run each round over a batch of rows before the next (see <see cref="CachePrefetch"/>),
    /// so every round reads what the one before brought into the cache.
    /// </summary>
    public void Prefetch(uint hash, int round)
    {
        var home = (int)hash & (_slots.Length - 1);
        if (round == 0)
        {
            CachePrefetch.Element(_slots, home);
            return;
        }
        var slot = _slots[home];
        if (slot == 0 || (uint)(slot >> 32) != hash) return;
        var index = (int)(uint)slot - 1;
        if (round == 1) CachePrefetch.Element(_keyStart, index);
        else CachePrefetch.Element(_arena, _keyStart[index]);
    }

    /// <summary>The index of <paramref name="key"/>, adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<char> key, uint hash, out bool added)
    {
        var mask = _slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == 0)
            {
                added = true;
                return Add(key, hash, i);
            }
            if ((uint)(slot >> 32) == hash)
            {
                var index = (int)(uint)slot - 1;
                if (key.SequenceEqual(_arena.AsSpan(_keyStart[index], End(index) - _keyStart[index])))
                {
                    added = false;
                    return index;
                }
            }
        }
    }

    private int Add(ReadOnlySpan<char> key, uint hash, int slot)
    {
        var index = Count;
        if (index == _keyStart.Length) Array.Resize(ref _keyStart, index * 2);
        if (_arenaUsed + key.Length > _arena.Length) Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + key.Length));
        _keyStart[index] = _arenaUsed;
        key.CopyTo(_arena.AsSpan(_arenaUsed));
        _arenaUsed += key.Length;
        _slots[slot] = ((ulong)hash << 32) | (uint)(index + 1);
        Count++;
        // Keep the load factor at most 1/2 so probe chains stay short.
        if (Count * 2 > _slots.Length) Grow();
        return index;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot == 0) continue;
            var i = (int)(slot >> 32) & mask;
            while (_slots[i] != 0) i = (i + 1) & mask;
            _slots[i] = slot;
        }
    }
}
