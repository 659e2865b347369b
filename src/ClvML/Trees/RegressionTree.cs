namespace ClvML.Trees;

/// <summary>
/// One fitted tree as flat arrays (a node is an index): split nodes send a row left when its value
/// is &lt;= <see cref="Threshold"/> (NaN follows <see cref="DefaultLeft"/>); leaves (feature -1) hold a
/// value already multiplied by the learning rate. Thresholds are raw feature values (the upper
/// bound of the split bin), so prediction needs no binning; <see cref="ThresholdBin"/> serves binned rows.
/// </summary>
internal sealed class RegressionTree
{
    /// <summary>Creates a tree from its node arrays (node 0 is the root).</summary>
    public RegressionTree(int[] feature, double[] threshold, byte[] thresholdBin, bool[] defaultLeft, int[] left, int[] right, double[] value, double[] gain)
    {
        var n = feature.Length;
        if (n == 0 || threshold.Length != n || thresholdBin.Length != n || defaultLeft.Length != n || left.Length != n || right.Length != n || value.Length != n || gain.Length != n)
            throw new ArgumentException("Every node array needs one entry per node, and a tree at least one node.");
        // Children come after their parent (as a tree grows), which rules out cycles and lets the
        // prediction walk read nodes without bounds checks.
        for (var i = 0; i < n; i++)
            if (feature[i] >= 0 && !(left[i] > i && left[i] < n && right[i] > i && right[i] < n))
                throw new ArgumentException($"Node {i} has children {left[i]} and {right[i]}; children must come after their parent and lie within the {n} nodes.");
        Feature = feature;
        Threshold = threshold;
        ThresholdBin = thresholdBin;
        DefaultLeft = defaultLeft;
        Left = left;
        Right = right;
        Value = value;
        Gain = gain;
        // For prediction a leaf points to itself: a step that stays put has reached a leaf, so the
        // loop needs no separate leaf test.
        Packed = new PackedNode[n];
        for (var i = 0; i < n; i++)
            Packed[i] = feature[i] < 0
                ? new PackedNode(double.PositiveInfinity, 0, i, i, true)
                : new PackedNode(threshold[i], feature[i], left[i], right[i], defaultLeft[i]);
        Depth = DepthBelow(0);
        // Grown trees add a node's two children one after the other; prediction then steps to
        // Left + (0 or 1) with no branch on the comparison.
        ChildrenAdjacent = Enumerable.Range(0, n).All(i => feature[i] < 0 || right[i] == left[i] + 1);
        if (ChildrenAdjacent)
        {
            Steps = new StepNode[n];
            for (var i = 0; i < n; i++)
                Steps[i] = feature[i] < 0
                    ? new StepNode(double.PositiveInfinity, 0, i * StepNode.Size)
                    : new StepNode(threshold[i], feature[i] << (PredictionBlockShift + 3), left[i] * StepNode.Size);
        }
        Complete = CompleteTreeLayout.Of(this);
    }

    /// <summary>The complete-tree layout for prediction (<see cref="CompleteTreeLayout"/>), or null for a tree too deep for it.</summary>
    internal CompleteTreeLayout? Complete { get; }

    private int DepthBelow(int node) => Feature[node] < 0 ? 0 : 1 + Math.Max(DepthBelow(Left[node]), DepthBelow(Right[node]));

    /// <summary>A node in one struct, for prediction; a leaf has threshold +infinity and both children itself.</summary>
    internal readonly record struct PackedNode(double Threshold, int Feature, int Left, int Right, bool DefaultLeft);

    /// <summary>The nodes packed for prediction (one memory access per step).</summary>
    internal PackedNode[] Packed { get; }

    /// <summary>
    /// A node in 16 bytes for the branch-free walk over rows without missing values, in byte offsets so
    /// a step does no index arithmetic: the row's value is at <see cref="ColumnOffset"/> bytes from its
    /// first feature's value (prediction copies a block of 2^<see cref="PredictionBlockShift"/> rows
    /// column by column), and the next node is at <c>LeftOffset + (x &gt; Threshold ? Size : 0)</c>
    /// bytes from the first node. A leaf has threshold +infinity and LeftOffset its own offset.
    /// </summary>
    internal readonly record struct StepNode(double Threshold, int ColumnOffset, int LeftOffset)
    {
        public const int Size = 1 << SizeShift;
        public const int SizeShift = 4;
    }

    /// <summary>Rows per prediction block, as a power of two; sets <see cref="StepNode.ColumnOffset"/>.</summary>
    internal const int PredictionBlockShift = 9;

    /// <summary>The nodes as <see cref="StepNode"/>s when <see cref="ChildrenAdjacent"/>, else null.</summary>
    internal StepNode[]? Steps { get; }

    /// <summary>Whether every split node's right child is its left child + 1.</summary>
    internal bool ChildrenAdjacent { get; }

    /// <summary>Longest root-to-leaf path, in splits.</summary>
    public int Depth { get; }

    /// <summary>Split feature per node; -1 for a leaf.</summary>
    public int[] Feature { get; }
    /// <summary>Split threshold per node (raw value).</summary>
    public double[] Threshold { get; }
    /// <summary>Split threshold per node as a bin of the training <see cref="BinMapper"/>.</summary>
    public byte[] ThresholdBin { get; }
    /// <summary>Where missing values go per split node.</summary>
    public bool[] DefaultLeft { get; }
    /// <summary>Left child per split node.</summary>
    public int[] Left { get; }
    /// <summary>Right child per split node.</summary>
    public int[] Right { get; }
    /// <summary>Leaf value (learning rate applied) per leaf node.</summary>
    public double[] Value { get; }
    /// <summary>Split gain per split node (0 for leaves), for feature importance.</summary>
    public double[] Gain { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => Feature.Length;
    /// <summary>Number of leaves.</summary>
    public int LeafCount => Feature.Count(f => f < 0);

    /// <summary>The tree's output for one row of raw feature values.</summary>
    public double Predict(ReadOnlySpan<double> row)
    {
        var node = 0;
        while (Feature[node] >= 0)
        {
            var x = row[Feature[node]];
            node = (double.IsNaN(x) ? DefaultLeft[node] : x <= Threshold[node]) ? Left[node] : Right[node];
        }
        return Value[node];
    }

    /// <summary>The tree's output for row <paramref name="row"/> of binned columns.</summary>
    internal double PredictBinned(BinnedRows binned, int row)
    {
        var node = 0;
        while (Feature[node] >= 0)
        {
            var bin = binned[row, Feature[node]];
            node = (bin == BinMapper.MissingBin ? DefaultLeft[node] : bin <= ThresholdBin[node]) ? Left[node] : Right[node];
        }
        return Value[node];
    }
}
