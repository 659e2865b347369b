namespace ClvML.Features;

/// <summary>
/// Growing the large per-customer arrays that are then read at random before they are written.
/// A fresh large array is memory the kernel has not mapped yet; the first read of such a page
/// maps the shared zero page, and the first write after it takes a second, copy-on-write fault
/// whose TLB flush interrupts every CPU (measured with perf on the Parquet path: about a tenth of
/// the run's CPU in <c>do_wp_page</c> and <c>smp_call_function_many_cond</c>). Writing the new part
/// once, in order, faults each page in writable up front, at the cost of a memset.
/// </summary>
internal static class ArrayGrowth
{
    /// <summary>Resizes <paramref name="array"/> to <paramref name="length"/> elements and writes the new ones.</summary>
    public static void Resize<T>(ref T[] array, int length)
    {
        var old = array.Length;
        Array.Resize(ref array, length);
        array.AsSpan(old).Clear();
    }
}
