namespace ClvML.Trees;

/// <summary>
/// A tree of depth D laid out as a complete binary tree for prediction (the implicit layout of a
/// binary heap): internal node k has children 2k + 1 and 2k + 2, so a walk step computes the next
/// node from the comparison alone and loads no child index. A leaf above depth D is extended by
/// splits at +infinity (every value, and a missing one, goes left), and every slot at depth D below
/// it holds its value. Only shallow trees are laid out
/// so (the layout holds 2^D nodes whatever the tree's size).
/// </summary>
internal sealed class CompleteTreeLayout
{
    /// <summary>Deepest tree laid out: 2^8 slots take about 5 KB.</summary>
    public const int MaxDepth = 8;

    private CompleteTreeLayout(int depth)
    {
        Depth = depth;
        var internalNodes = (1 << depth) - 1;
        Threshold = new double[internalNodes];
        ColumnOffset = new int[internalNodes];
        MissingRight = new byte[internalNodes];
        LeafValue = new double[1 << depth];
    }

    /// <summary>Steps from the root to a leaf (every row takes exactly this many).</summary>
    public int Depth { get; }

    /// <summary>Split threshold per internal node; +infinity where a leaf was extended.</summary>
    public double[] Threshold { get; }

    /// <summary>
    /// Per internal node, the byte offset of its feature's value from a row's first feature value in a
    /// prediction block (column by column, 2^<see cref="RegressionTree.PredictionBlockShift"/> rows).
    /// </summary>
    public int[] ColumnOffset { get; }

    /// <summary>Per internal node, 1 when a missing value goes right (the split's default direction), else 0.</summary>
    public byte[] MissingRight { get; }

    /// <summary>The value of the leaf each depth-D slot lies under (slot: node index - (2^D - 1)).</summary>
    public double[] LeafValue { get; }

    /// <summary>The layout of <paramref name="tree"/>, or null when it is deeper than <see cref="MaxDepth"/>.</summary>
    public static CompleteTreeLayout? Of(RegressionTree tree)
    {
        if (tree.Depth > MaxDepth) return null;
        var layout = new CompleteTreeLayout(tree.Depth);
        layout.Fill(tree, node: 0, slot: 0, level: 0);
        return layout;
    }

    private void Fill(RegressionTree tree, int node, int slot, int level)
    {
        if (level == Depth)
        {
            LeafValue[slot - Threshold.Length] = tree.Value[node];
            return;
        }
        var leaf = tree.Feature[node] < 0;
        Threshold[slot] = leaf ? double.PositiveInfinity : tree.Threshold[node];
        ColumnOffset[slot] = leaf ? 0 : tree.Feature[node] << (RegressionTree.PredictionBlockShift + 3);
        MissingRight[slot] = (byte)(leaf || tree.DefaultLeft[node] ? 0 : 1);
        Fill(tree, leaf ? node : tree.Left[node], 2 * slot + 1, level + 1);
        Fill(tree, leaf ? node : tree.Right[node], 2 * slot + 2, level + 1);
    }
}
