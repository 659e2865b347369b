using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClvML.Trees;

/// <summary>The row loops of <see cref="LevelRowPass"/>: routing rows to their next node and summing histograms.</summary>
internal sealed partial class LevelRowPass
{
    // The row loops below read through refs without bounds checks: i < _count, which every row array
    // holds (Start); node ids have table entries and offsets, and offsets lie inside the worker's
    // histograms (checked in Run).

    /// <summary>
    /// Moves rows <c>from .. to</c> to their next nodes and lists those whose new node has its histogram
    /// summed; returns how many. Listing is branch-free: whether a row goes to the smaller child is a
    /// coin toss to the CPU, and the histogram loop then runs over the listed rows only. Indices are
    /// native ints, so the JIT emits no sign extension per array access.
    /// </summary>
    private int Route(int from, int to, int[] featureOf, ushort[] next, int[] listed)
    {
        ref var bins0 = ref MemoryMarshal.GetArrayDataReference(_bins);
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(_nodeOfRow);
        ref var feature0 = ref MemoryMarshal.GetArrayDataReference(featureOf);
        ref var next0 = ref MemoryMarshal.GetArrayDataReference(next);
        ref var listed0 = ref MemoryMarshal.GetArrayDataReference(listed);
        nint count = 0;
        if (FourBinsPerRow)
        {
            // A row's bins are one uint read regardless of its node, and the node only picks the byte
            // (featureOf holds its bit offset), so one dependent load per row fewer. Two rows per
            // iteration halve the loop's own instructions.
            nint i = from;
            for (; i + 1 < to; i += 2)
            {
                ref var node = ref Unsafe.Add(ref node0, i);
                nint current = node, second = Unsafe.Add(ref node, 1);
                var bins = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bins0, 4 * i));
                nint entry = Unsafe.Add(ref next0, (current << 8) + (byte)(bins >> Unsafe.Add(ref feature0, current)));
                nint secondEntry = Unsafe.Add(ref next0, (second << 8) + (byte)(bins >> (32 + Unsafe.Add(ref feature0, second))));
                node = (ushort)(entry & (Listed - 1));
                Unsafe.Add(ref node, 1) = (ushort)(secondEntry & (Listed - 1));
                Unsafe.Add(ref listed0, count) = (int)i;
                count += entry >> 15;
                Unsafe.Add(ref listed0, count) = (int)i + 1;
                count += secondEntry >> 15;
            }
            for (; i < to; i++)
            {
                ref var node = ref Unsafe.Add(ref node0, i);
                nint current = node;
                var four = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bins0, 4 * i));
                nint entry = Unsafe.Add(ref next0, (current << 8) + (byte)(four >> Unsafe.Add(ref feature0, current)));
                node = (ushort)(entry & (Listed - 1));
                Unsafe.Add(ref listed0, count) = (int)i;
                count += entry >> 15;
            }
            return (int)count;
        }
        var features = (nint)_featureCount;
        for (nint i = from, rowBins = from * features; i < to; i++, rowBins += features)
        {
            ref var node = ref Unsafe.Add(ref node0, i);
            nint current = node;
            nint entry = Unsafe.Add(ref next0, (current << 8) + Unsafe.Add(ref bins0, rowBins + Unsafe.Add(ref feature0, current)));
            node = (ushort)(entry & (Listed - 1));
            Unsafe.Add(ref listed0, count) = (int)i;
            count += entry >> 15;
        }
        return (int)count;
    }

    /// <summary>Moves rows <c>from .. to</c> to their next nodes and adds each new node's value to the row's score.</summary>
    private void RouteToLeaves(int from, int to, int[] featureOf, ushort[] next, double[] valueOfNode, double[] score)
    {
        ref var bins0 = ref MemoryMarshal.GetArrayDataReference(_bins);
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(_nodeOfRow);
        ref var feature0 = ref MemoryMarshal.GetArrayDataReference(featureOf);
        ref var next0 = ref MemoryMarshal.GetArrayDataReference(next);
        ref var value0 = ref MemoryMarshal.GetArrayDataReference(valueOfNode);
        ref var row0 = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref var score0 = ref MemoryMarshal.GetArrayDataReference(score);
        if (FourBinsPerRow && _inOrder)
        {
            // Position i is row i: the score is read in order, without the row list.
            for (nint i = from; i < to; i++)
            {
                ref var node = ref Unsafe.Add(ref node0, i);
                nint current = node;
                var four = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bins0, 4 * i));
                nint leaf = Unsafe.Add(ref next0, (current << 8) + (byte)(four >> Unsafe.Add(ref feature0, current))) & (Listed - 1);
                node = (ushort)leaf;
                Unsafe.Add(ref score0, i) += Unsafe.Add(ref value0, leaf);
            }
            return;
        }
        var features = (nint)_featureCount;
        var bitOffsets = FourBinsPerRow;
        for (nint i = from, rowBins = from * features; i < to; i++, rowBins += features)
        {
            ref var node = ref Unsafe.Add(ref node0, i);
            nint current = node;
            var shiftOrFeature = Unsafe.Add(ref feature0, current);
            var bin = bitOffsets ? Unsafe.Add(ref bins0, rowBins + (shiftOrFeature >> 3)) : Unsafe.Add(ref bins0, rowBins + shiftOrFeature);
            nint leaf = Unsafe.Add(ref next0, (current << 8) + bin) & (Listed - 1);
            node = (ushort)leaf;
            Unsafe.Add(ref score0, Unsafe.Add(ref row0, i)) += Unsafe.Add(ref value0, leaf);
        }
    }

    /// <summary>Adds the gradient and a count of rows <c>listed[..count] + first</c> to their nodes' histograms.</summary>
    private void SumUnit(int[] listed, int count, int first, int[] offsets, long[] histograms)
    {
        if (FourBinsPerRow)
        {
            SumUnitFourFeatures(listed, count, first, offsets, histograms);
            return;
        }
        var features = _featureCount;
        // Bins are read four at a time as one little-endian uint: one load instead of four; a bin's
        // gradient and count take one 128-bit add, as in SumUnitFourFeatures.
        var quads = BitConverter.IsLittleEndian ? features / 4 : 0;
        ref var bins0 = ref MemoryMarshal.GetArrayDataReference(_bins);
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(_nodeOfRow);
        ref var offset0 = ref MemoryMarshal.GetArrayDataReference(offsets);
        ref var gradient0 = ref MemoryMarshal.GetArrayDataReference(_gradients);
        ref var histogram0 = ref MemoryMarshal.GetArrayDataReference(histograms);
        const int featureLongs = Histogram.Stride * 2;
        foreach (var listedRow in listed.AsSpan(0, count))
        {
            var i = listedRow + first;
            ref var rowBins = ref Unsafe.Add(ref bins0, i * features);
            ref var histogram = ref Unsafe.Add(ref histogram0, Unsafe.Add(ref offset0, Unsafe.Add(ref node0, i)));
            var add = Vector128.Create(Unsafe.Add(ref gradient0, i), 1L);
            for (var q = 0; q < quads; q++)
            {
                var four = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref rowBins, 4 * q));
                ref var feature = ref Unsafe.Add(ref histogram, 4 * q * featureLongs);
                AddCell(ref Unsafe.Add(ref feature, 2 * (nint)(byte)four), add);
                AddCell(ref Unsafe.Add(ref feature, featureLongs + 2 * (nint)(byte)(four >> 8)), add);
                AddCell(ref Unsafe.Add(ref feature, 2 * featureLongs + 2 * (nint)(byte)(four >> 16)), add);
                AddCell(ref Unsafe.Add(ref feature, 3 * featureLongs + 2 * (nint)(four >> 24)), add);
            }
            for (var f = 4 * quads; f < features; f++)
                AddCell(ref Unsafe.Add(ref histogram, f * featureLongs + 2 * Unsafe.Add(ref rowBins, f)), add);
        }
    }

    /// <summary>
    /// <see cref="SumUnit"/> for four features: a bin's gradient and count are adjacent longs, updated
    /// as one 128-bit add of (gradient, 1) (two micro-ops where two read-modify-write adds take four), and
    /// the row's four bins are one uint read.
    /// </summary>
    private void SumUnitFourFeatures(int[] listed, int count, int first, int[] offsets, long[] histograms)
    {
        const int featureLongs = Histogram.Stride * 2;
        ref var bins0 = ref MemoryMarshal.GetArrayDataReference(_bins);
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(_nodeOfRow);
        ref var offset0 = ref MemoryMarshal.GetArrayDataReference(offsets);
        ref var gradient0 = ref MemoryMarshal.GetArrayDataReference(_gradients);
        ref var histogram0 = ref MemoryMarshal.GetArrayDataReference(histograms);
        ref var listed0 = ref MemoryMarshal.GetArrayDataReference(listed);
        for (nint k = 0; k < count; k++)
        {
            nint i = Unsafe.Add(ref listed0, k) + first;
            var four = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref bins0, 4 * i));
            ref var histogram = ref Unsafe.Add(ref histogram0, (nint)Unsafe.Add(ref offset0, (nint)Unsafe.Add(ref node0, i)));
            var add = Vector128.Create(Unsafe.Add(ref gradient0, i), 1L);
            AddCell(ref Unsafe.Add(ref histogram, 2 * (nint)(byte)four), add);
            AddCell(ref Unsafe.Add(ref histogram, featureLongs + 2 * (nint)(byte)(four >> 8)), add);
            AddCell(ref Unsafe.Add(ref histogram, 2 * featureLongs + 2 * (nint)(byte)(four >> 16)), add);
            AddCell(ref Unsafe.Add(ref histogram, 3 * featureLongs + 2 * (nint)(four >> 24)), add);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddCell(ref long cell, Vector128<long> add)
    {
        ref var bytes = ref Unsafe.As<long, byte>(ref cell);
        Unsafe.WriteUnaligned(ref bytes, Unsafe.ReadUnaligned<Vector128<long>>(ref bytes) + add);
    }

    /// <summary>Adds the gradient, hessian and a count of rows <c>listed[..count] + first</c> to their nodes' histograms.</summary>
    private void Sum(int[] listed, int count, int first, int[] offsets, long[] histograms)
    {
        var features = _featureCount;
        ref var bins0 = ref MemoryMarshal.GetArrayDataReference(_bins);
        ref var node0 = ref MemoryMarshal.GetArrayDataReference(_nodeOfRow);
        ref var offset0 = ref MemoryMarshal.GetArrayDataReference(offsets);
        ref var gradient0 = ref MemoryMarshal.GetArrayDataReference(_gradients);
        ref var hessian0 = ref MemoryMarshal.GetArrayDataReference(_hessians);
        ref var histogram0 = ref MemoryMarshal.GetArrayDataReference(histograms);
        foreach (var listedRow in listed.AsSpan(0, count))
        {
            var i = listedRow + first;
            ref var rowBins = ref Unsafe.Add(ref bins0, i * features);
            ref var histogram = ref Unsafe.Add(ref histogram0, Unsafe.Add(ref offset0, Unsafe.Add(ref node0, i)));
            var g = Unsafe.Add(ref gradient0, i);
            var h = Unsafe.Add(ref hessian0, i);
            for (var f = 0; f < features; f++)
            {
                ref var cell = ref Unsafe.Add(ref histogram, (f * Histogram.Stride + Unsafe.Add(ref rowBins, f)) * 3);
                cell += g;
                Unsafe.Add(ref cell, 1) += h;
                Unsafe.Add(ref cell, 2)++;
            }
        }
    }

    /// <summary>
    /// 1 when the bin goes left: bin &lt;= threshold (the sign of threshold - bin), or the missing-value
    /// bin (255: (bin + 1) &gt;&gt; 8 is 1) with missing values going left. Arithmetic rather than a
    /// comparison the JIT might turn into a branch the CPU cannot predict.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int GoesLeft(int bin, in RowRoute route) =>
        (1 - ((route.Threshold - bin) >>> 31)) | (((bin + 1) >> 8) & route.MissingLeft);
}
