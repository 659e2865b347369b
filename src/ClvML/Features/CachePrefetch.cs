using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ClvML.Features;

/// <summary>
/// Software prefetch of an array element, so a loop can start the cache misses of many rows before
/// it needs any of them. An ordinary load would do the same only until the reorder buffer fills
/// (each load must complete before it retires); a prefetch retires at once, so the misses of a whole
/// chunk overlap. Measured on the 1,000,000-customer Parquet benchmark: applying 3 M rows to the
/// customer states took 0.45 s with loads and 0.28-0.31 s with prefetches. A no-op where x86
/// prefetch is not available, and for an index outside the array.
/// </summary>
internal static class CachePrefetch
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Element<T>(T[] array, int index) where T : unmanaged
    {
        if (!Sse.IsSupported || (uint)index >= (uint)array.Length) return;
        // Only the address is used; the array cannot move between taking it and the prefetch's
        // issue, and a prefetch of a stale address is harmless anyway.
        fixed (T* element = &array[index]) Sse.Prefetch0(element);
    }
}
