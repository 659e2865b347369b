namespace ClvML.Trees;

/// <summary>A leaf of a freshly grown tree and the training rows in it: <c>rows[Start .. Start + Count)</c>.</summary>
internal readonly record struct LeafRows(int Node, int Start, int Count);

/// <summary>
/// Grows one tree leaf-wise (best-first, as LightGBM): the leaf whose best split gains most is split
/// next, until <see cref="TreeOptions.MaxLeaves"/> leaves, the depth limit, or no split gains.
/// Each node owns a contiguous range of a row-index array, partitioned stably in place on a split;
/// a child's histogram is built from its rows when it is the smaller child and obtained by
/// subtraction from the parent otherwise.
/// </summary>
internal sealed class TreeGrower
{
    private readonly BinnedRows _binned;
    private readonly BinMapper _bins;
    private readonly TreeOptions _options;
    private readonly Stack<HistogramBin[]> _pool = new();
    private int[] _scratch = [];
    private double[] _orderedGradients = [], _orderedHessians = [];
    private HistogramBin[] _partials = [];

    private readonly bool _unitHessian;

    /// <param name="binned">The training rows' bins.</param>
    /// <param name="bins">The bin bounds (split thresholds are their upper bounds).</param>
    /// <param name="options">Growth limits and regularisation.</param>
    /// <param name="unitHessian">Whether every hessian is exactly 1, so hessian sums are counts.</param>
    public TreeGrower(BinnedRows binned, BinMapper bins, TreeOptions options, bool unitHessian = false)
    {
        _unitHessian = unitHessian;
        _binned = binned;
        _bins = bins;
        _options = options;
    }

    private sealed class Node
    {
        public int Id, Start, Count, Depth;
        public HistogramBin Total;
        public HistogramBin[]? Histogram;
        public SplitCandidate Split = SplitCandidate.None;
    }

    /// <summary>Grows a tree on <c>rows[0 .. count)</c>; the rows are reordered so each leaf's rows are contiguous.</summary>
    public RegressionTree Grow(int[] rows, int count, double[] gradients, double[] hessians, bool[] featureAllowed, List<LeafRows> leaves)
    {
        if (_scratch.Length < count)
        {
            _scratch = new int[count];
            _orderedGradients = new double[count];
            _orderedHessians = new double[count];
        }
        var tree = new TreeBuilder();
        var root = new Node { Id = tree.Add(), Start = 0, Count = count, Depth = 0 };
        for (var i = 0; i < count; i++)
        {
            var r = rows[i];
            root.Total.Gradient += gradients[r];
            root.Total.Hessian += hessians[r];
        }
        root.Total.Count = count;

        var open = new List<Node> { root };
        // Highest gain first; equal gains by node id, so growth is deterministic.
        var queue = new PriorityQueue<Node, (double, int)>(Comparer<(double Gain, int Id)>.Create((a, b) =>
            a.Gain != b.Gain ? b.Gain.CompareTo(a.Gain) : a.Id.CompareTo(b.Id)));
        if (CanSplit(root))
        {
            root.Histogram = Rent();
            Histogram.Build(rows, 0, count, _binned, gradients, hessians, root.Histogram, _orderedGradients, _orderedHessians, ref _partials, _unitHessian);
            Evaluate(root, featureAllowed, queue);
        }
        var leafCount = 1;
        while (leafCount < _options.MaxLeaves && queue.TryDequeue(out var node, out _))
        {
            var split = node.Split;
            var leftCount = Partition(rows, node.Start, node.Count, split);
            var left = new Node { Id = tree.Add(), Start = node.Start, Count = leftCount, Depth = node.Depth + 1, Total = split.Left };
            var right = new Node { Id = tree.Add(), Start = node.Start + leftCount, Count = node.Count - leftCount, Depth = node.Depth + 1, Total = split.Right };
            tree.SetSplit(node.Id, split.Feature, _bins.UpperBound(split.Feature, split.Bin), (byte)split.Bin, split.DefaultLeft, left.Id, right.Id, split.Gain);
            open.Remove(node);
            open.Add(left);
            open.Add(right);
            leafCount++;

            var splitLeft = CanSplit(left);
            var splitRight = CanSplit(right);
            if (splitLeft || splitRight)
            {
                var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
                small.Histogram = Rent();
                Histogram.Build(rows, small.Start, small.Count, _binned, gradients, hessians, small.Histogram, _orderedGradients, _orderedHessians, ref _partials, _unitHessian);
                large.Histogram = Rent();
                Histogram.Subtract(node.Histogram!, small.Histogram, large.Histogram);
                // A child that cannot split got a histogram only to serve its sibling's subtraction.
                if (splitLeft) Evaluate(left, featureAllowed, queue);
                else Return(left);
                if (splitRight) Evaluate(right, featureAllowed, queue);
                else Return(right);
            }
            Return(node);
        }
        foreach (var node in open)
        {
            tree.SetLeaf(node.Id, _options.LearningRate * SplitFinder.LeafValue(node.Total.Gradient, node.Total.Hessian, _options));
            leaves.Add(new LeafRows(node.Id, node.Start, node.Count));
            Return(node);
        }
        return tree.Build();
    }

    private bool CanSplit(Node node) =>
        node.Depth < _options.MaxDepth && node.Count >= 2 * Math.Max(1, _options.MinSamplesLeaf) && _options.MaxLeaves > 1;

    private void Evaluate(Node node, bool[] featureAllowed, PriorityQueue<Node, (double, int)> queue)
    {
        node.Split = SplitFinder.Find(node.Histogram!, node.Total, _bins, featureAllowed, _options);
        // A queued node keeps its histogram until its children's are derived from it.
        if (node.Split.IsValid) queue.Enqueue(node, (node.Split.Gain, node.Id));
        else Return(node);
    }

    // Below this many rows a node is partitioned on one thread.
    private const int ParallelPartitionRows = 32_768;

    /// <summary>Stable partition of <c>rows[start .. start + count)</c>: left rows first; returns their number.</summary>
    private int Partition(int[] rows, int start, int count, SplitCandidate split)
    {
        if (count < ParallelPartitionRows)
        {
            var left = PartitionChunk(rows, start, count, split, 0);
            Array.Copy(_scratch, 0, rows, start + left, count - left);
            return left;
        }
        // Two halves at once; each keeps its left rows in place and puts its right rows in its own
        // part of the scratch; then the pieces are laid out left0 left1 right0 right1 (still stable).
        var half = count / 2;
        var lefts = new int[2];
        Parallel.For(0, 2, TreeParallelism.Options, part => lefts[part] = part == 0
            ? PartitionChunk(rows, start, half, split, 0)
            : PartitionChunk(rows, start + half, count - half, split, half));
        Array.Copy(rows, start + half, rows, start + lefts[0], lefts[1]);
        var leftCount = lefts[0] + lefts[1];
        Array.Copy(_scratch, 0, rows, start + leftCount, half - lefts[0]);
        Array.Copy(_scratch, half, rows, start + leftCount + half - lefts[0], count - half - lefts[1]);
        return leftCount;
    }

    /// <summary>
    /// Moves the left rows of <c>rows[start .. start + count)</c> to its front and the right rows to
    /// <c>_scratch[offset ..]</c>, both in order; branch-free, since left or right is a coin toss to the CPU.
    /// </summary>
    private int PartitionChunk(int[] rows, int start, int count, SplitCandidate split, int offset)
    {
        var bins = _binned.Bins;
        var stride = _binned.FeatureCount;
        var feature = split.Feature;
        var threshold = split.Bin;
        var missingLeft = split.DefaultLeft ? 1 : 0;
        var write = start;
        var spilled = offset;
        for (var i = start; i < start + count; i++)
        {
            var row = rows[i];
            var bin = bins[row * stride + feature];
            var left = bin == BinMapper.MissingBin ? missingLeft : (bin <= threshold ? 1 : 0);
            rows[write] = row;
            _scratch[spilled] = row;
            write += left;
            spilled += 1 - left;
        }
        return write - start;
    }

    private HistogramBin[] Rent() =>
        _pool.TryPop(out var histogram) ? histogram : new HistogramBin[_bins.FeatureCount * Histogram.Stride];

    private void Return(Node node)
    {
        if (node.Histogram is null) return;
        _pool.Push(node.Histogram);
        node.Histogram = null;
    }

    /// <summary>Collects node arrays while the tree grows.</summary>
    private sealed class TreeBuilder
    {
        private readonly List<int> _feature = [], _left = [], _right = [];
        private readonly List<double> _threshold = [], _value = [], _gain = [];
        private readonly List<byte> _bin = [];
        private readonly List<bool> _defaultLeft = [];

        public int Add()
        {
            _feature.Add(-1);
            _threshold.Add(0);
            _bin.Add(0);
            _defaultLeft.Add(false);
            _left.Add(-1);
            _right.Add(-1);
            _value.Add(0);
            _gain.Add(0);
            return _feature.Count - 1;
        }

        public void SetSplit(int node, int feature, double threshold, byte bin, bool defaultLeft, int left, int right, double gain)
        {
            _feature[node] = feature;
            _threshold[node] = threshold;
            _bin[node] = bin;
            _defaultLeft[node] = defaultLeft;
            _left[node] = left;
            _right[node] = right;
            _gain[node] = gain;
        }

        public void SetLeaf(int node, double value) => _value[node] = value;

        public RegressionTree Build() =>
            new([.. _feature], [.. _threshold], [.. _bin], [.. _defaultLeft], [.. _left], [.. _right], [.. _value], [.. _gain]);
    }
}
