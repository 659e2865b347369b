using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClvML.Features;

/// <summary>
/// The customers' states, each on exactly one 64-byte cache line. A <c>CustomerState[]</c> starts its
/// elements 16 bytes into the array object, so almost every 64-byte state straddles two cache lines
/// and updating a random customer costs two cache misses. Here the states live in a pinned array
/// (the GC never moves it, so the alignment found at allocation holds) from its first 64-byte boundary.
/// </summary>
internal sealed class CustomerStateArray
{
    private const int LineBytes = 64;
    private const int WordsPerState = LineBytes / sizeof(long);
    private long[] _words = [];
    private int _offset;

    /// <param name="capacity">States to make room for at first.</param>
    public CustomerStateArray(int capacity) => Resize(capacity);

    /// <summary>States there is room for.</summary>
    public int Capacity { get; private set; }

    /// <summary>The state of <paramref name="customer"/> (0 &lt;= customer &lt; <see cref="Capacity"/>).</summary>
    public ref CustomerState this[int customer]
    {
        get
        {
            // The element is reinterpreted from words, so its whole line must lie inside the array.
            if ((uint)customer >= (uint)Capacity) throw new ArgumentOutOfRangeException(nameof(customer));
            return ref Unsafe.As<long, CustomerState>(ref _words[_offset + (long)customer * WordsPerState]);
        }
    }

    /// <summary>The first <paramref name="count"/> states.</summary>
    public ReadOnlySpan<CustomerState> AsSpan(int count) =>
        MemoryMarshal.Cast<long, CustomerState>(_words.AsSpan(_offset, checked(count * WordsPerState)));

    /// <summary>Starts loading the state of <paramref name="customer"/> into the cache (see <see cref="CachePrefetch"/>).</summary>
    public void Prefetch(int customer)
    {
        if ((uint)customer < (uint)Capacity) CachePrefetch.Element(_words, _offset + customer * WordsPerState);
    }

    /// <summary>Makes room for <paramref name="capacity"/> states, keeping the ones there are.</summary>
    public void Resize(int capacity)
    {
        if (capacity > Array.MaxLength / WordsPerState - 1) throw new InvalidOperationException($"More than {Array.MaxLength / WordsPerState - 1:N0} customers.");
        var words = GC.AllocateUninitializedArray<long>((capacity + 1) * WordsPerState, pinned: true);
        var handle = GCHandle.Alloc(words, GCHandleType.Pinned);
        var address = handle.AddrOfPinnedObject();
        handle.Free();
        var offset = (int)((LineBytes - (address % LineBytes)) % LineBytes) / sizeof(long);
        var kept = Math.Min(Capacity, capacity) * WordsPerState;
        _words.AsSpan(_offset, kept).CopyTo(words.AsSpan(offset));
        // Written once, in order, so that every page is faulted in writable up front (see ArrayGrowth).
        words.AsSpan(offset + kept, capacity * WordsPerState - kept).Clear();
        (_words, _offset, Capacity) = (words, offset, capacity);
    }
}
