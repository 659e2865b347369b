using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClvML.Trees;

/// <summary>
/// Prediction over a <see cref="CompleteTreeLayout"/>: eight rows of a block walk the tree side by side
/// for exactly Depth steps, so their chains of dependent loads overlap; a step is
/// 2k + 1 + (goes right ? 1 : 0), with no branch on the data, and loads only the node's threshold and
/// column. Blocks with a missing value take the step that also sends NaN its split's default way;
/// the others skip that test. Indices stay below 2^(Depth+1) - 1 by construction, so the walk reads
/// without bounds checks.
/// </summary>
internal static class CompleteTreeWalk
{
    /// <summary>Adds the tree's output to <paramref name="scores"/> for a block of values laid out column by column.</summary>
    public static void Add(CompleteTreeLayout tree, double[] blockValues, Span<double> scores, bool missing)
    {
        if (missing) Add<MissingFollowsDefault>(tree, blockValues, scores);
        else Add<NoMissing>(tree, blockValues, scores);
    }

    private interface IStep
    {
        static abstract nint Next(ref double threshold, ref int column, ref byte missingRight, nint node, ref double x);
    }

    private struct NoMissing : IStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static nint Next(ref double threshold, ref int column, ref byte missingRight, nint node, ref double x) =>
            2 * node + 1 + (Unsafe.AddByteOffset(ref x, Unsafe.Add(ref column, node)) > Unsafe.Add(ref threshold, node) ? 1 : 0);
    }

    /// <summary>NaN &gt; threshold is false, so NaN goes left unless its split sends missing values right.</summary>
    private struct MissingFollowsDefault : IStep
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static nint Next(ref double threshold, ref int column, ref byte missingRight, nint node, ref double x)
        {
            var value = Unsafe.AddByteOffset(ref x, Unsafe.Add(ref column, node));
            return 2 * node + 1 + ((value > Unsafe.Add(ref threshold, node) ? 1 : 0) | ((double.IsNaN(value) ? 1 : 0) & Unsafe.Add(ref missingRight, node)));
        }
    }

    private static void Add<TStep>(CompleteTreeLayout tree, double[] blockValues, Span<double> scores) where TStep : struct, IStep
    {
        ref var threshold = ref MemoryMarshal.GetArrayDataReference(tree.Threshold);
        ref var column = ref MemoryMarshal.GetArrayDataReference(tree.ColumnOffset);
        ref var missing = ref MemoryMarshal.GetArrayDataReference(tree.MissingRight);
        ref var x0 = ref MemoryMarshal.GetArrayDataReference(blockValues);
        var values = tree.LeafValue.AsSpan();
        var depth = tree.Depth;
        var firstLeaf = (nint)tree.Threshold.Length;
        var i = 0;
        for (; i + 7 < scores.Length; i += 8)
        {
            nint a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0;
            ref var x = ref Unsafe.Add(ref x0, i);
            for (var level = 0; level < depth; level++)
            {
                a = TStep.Next(ref threshold, ref column, ref missing, a, ref x);
                b = TStep.Next(ref threshold, ref column, ref missing, b, ref Unsafe.Add(ref x, 1));
                c = TStep.Next(ref threshold, ref column, ref missing, c, ref Unsafe.Add(ref x, 2));
                d = TStep.Next(ref threshold, ref column, ref missing, d, ref Unsafe.Add(ref x, 3));
                e = TStep.Next(ref threshold, ref column, ref missing, e, ref Unsafe.Add(ref x, 4));
                f = TStep.Next(ref threshold, ref column, ref missing, f, ref Unsafe.Add(ref x, 5));
                g = TStep.Next(ref threshold, ref column, ref missing, g, ref Unsafe.Add(ref x, 6));
                h = TStep.Next(ref threshold, ref column, ref missing, h, ref Unsafe.Add(ref x, 7));
            }
            scores[i] += values[(int)(a - firstLeaf)];
            scores[i + 1] += values[(int)(b - firstLeaf)];
            scores[i + 2] += values[(int)(c - firstLeaf)];
            scores[i + 3] += values[(int)(d - firstLeaf)];
            scores[i + 4] += values[(int)(e - firstLeaf)];
            scores[i + 5] += values[(int)(f - firstLeaf)];
            scores[i + 6] += values[(int)(g - firstLeaf)];
            scores[i + 7] += values[(int)(h - firstLeaf)];
        }
        for (; i < scores.Length; i++)
        {
            nint node = 0;
            ref var x = ref Unsafe.Add(ref x0, i);
            for (var level = 0; level < depth; level++) node = TStep.Next(ref threshold, ref column, ref missing, node, ref x);
            scores[i] += values[(int)(node - firstLeaf)];
        }
    }
}
