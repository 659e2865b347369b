using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

        if (LevelWise)
        {
            if (CanSplit(root))
            {
                root.Histogram = Rent();
                Histogram.Build(rows, 0, count, _binned, gradients, hessians, root.Histogram, _orderedGradients, _orderedHessians, ref _partials, _unitHessian);
                root.Split = SplitFinder.Find(root.Histogram, root.Total, _bins, featureAllowed, _options);
            }
            return GrowLevelWise(root, rows, gradients, hessians, featureAllowed, tree, leaves);
        }

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
        return Finish(open, tree, leaves);
    }

    /// <summary>
    /// When the leaf limit cannot bind (<see cref="TreeOptions.MaxLeaves"/> &gt;= 2^depth limit), best-first
    /// growth splits every node whose best split gains, whatever the order, so the nodes of one depth
    /// are split side by side: one parallel loop per level, each node partitioned and its smaller
    /// child's histogram built on one thread, instead of many short parallel loops per node. A level
    /// with one node to split uses the per-node parallel loops. Child ids are handed out in node id
    /// order before the work starts, so the tree is the same whatever the number of threads.
    /// </summary>
    private RegressionTree GrowLevelWise(Node root, int[] rows, double[] gradients, double[] hessians, bool[] featureAllowed, TreeBuilder tree, List<LeafRows> leaves)
    {
        var done = new List<Node>();
        var frontier = new List<Node>();
        (root.Split.IsValid ? frontier : done).Add(root);
        while (frontier.Count > 0)
        {
            var work = new List<LevelSplit>(frontier.Count);
            foreach (var node in frontier)
            {
                var split = node.Split;
                // The histogram's row counts are exactly the rows the partition sends each way.
                var leftCount = split.Left.Count;
                var left = new Node { Id = tree.Add(), Start = node.Start, Count = leftCount, Depth = node.Depth + 1, Total = split.Left };
                var right = new Node { Id = tree.Add(), Start = node.Start + leftCount, Count = node.Count - leftCount, Depth = node.Depth + 1, Total = split.Right };
                tree.SetSplit(node.Id, split.Feature, _bins.UpperBound(split.Feature, split.Bin), (byte)split.Bin, split.DefaultLeft, left.Id, right.Id, split.Gain);
                var item = new LevelSplit(node, left, right, CanSplit(left), CanSplit(right));
                if (item.SplitLeft || item.SplitRight)
                {
                    left.Histogram = Rent();
                    right.Histogram = Rent();
                }
                work.Add(item);
            }
            var sideBySide = work.Count > 1;
            // Largest nodes first, so the last node started is a small one.
            var order = work.OrderByDescending(w => w.Parent.Count).ThenBy(w => w.Parent.Id).ToArray();
            Parallel.For(0, order.Length, sideBySide ? TreeParallelism.Options : new ParallelOptions { MaxDegreeOfParallelism = 1 },
                i => SplitNode(order[i], rows, gradients, hessians, featureAllowed, serial: sideBySide));

            frontier.Clear();
            foreach (var item in work)
            {
                Return(item.Parent);
                foreach (var (child, canSplit) in (ReadOnlySpan<(Node, bool)>)[(item.Left, item.SplitLeft), (item.Right, item.SplitRight)])
                {
                    if (canSplit && child.Split.IsValid) frontier.Add(child);
                    else
                    {
                        Return(child);
                        done.Add(child);
                    }
                }
            }
        }
        return Finish(done, tree, leaves);
    }

    private sealed record LevelSplit(Node Parent, Node Left, Node Right, bool SplitLeft, bool SplitRight);

    /// <summary>Partitions the parent's rows, builds the smaller child's histogram, derives the larger's and finds the children's splits.</summary>
    private void SplitNode(LevelSplit item, int[] rows, double[] gradients, double[] hessians, bool[] featureAllowed, bool serial)
    {
        var parent = item.Parent;
        var leftCount = serial ? PartitionSerial(rows, parent.Start, parent.Count, parent.Split) : Partition(rows, parent.Start, parent.Count, parent.Split);
        if (leftCount != item.Left.Count)
            throw new InvalidOperationException($"Partition sent {leftCount} rows left where the histogram counted {item.Left.Count}.");
        if (!item.SplitLeft && !item.SplitRight) return;
        var (small, large) = item.Left.Count <= item.Right.Count ? (item.Left, item.Right) : (item.Right, item.Left);
        var partials = _partials;
        Histogram.Build(rows, small.Start, small.Count, _binned, gradients, hessians, small.Histogram!, _orderedGradients, _orderedHessians, ref partials,
            _unitHessian, serial);
        if (!serial) _partials = partials;
        Histogram.Subtract(parent.Histogram!, small.Histogram!, large.Histogram!);
        if (item.SplitLeft) item.Left.Split = SplitFinder.Find(item.Left.Histogram!, item.Left.Total, _bins, featureAllowed, _options);
        if (item.SplitRight) item.Right.Split = SplitFinder.Find(item.Right.Histogram!, item.Right.Total, _bins, featureAllowed, _options);
    }

    private RegressionTree Finish(List<Node> leafNodes, TreeBuilder tree, List<LeafRows> leaves)
    {
        foreach (var node in leafNodes.OrderBy(n => n.Id))
        {
            tree.SetLeaf(node.Id, _options.LearningRate * SplitFinder.LeafValue(node.Total.Gradient, node.Total.Hessian, _options));
            leaves.Add(new LeafRows(node.Id, node.Start, node.Count));
            Return(node);
        }
        return tree.Build();
    }

    /// <summary>Whether the leaf limit can never stop growth before the depth limit does.</summary>
    private bool LevelWise => _options.MaxDepth < 31 && _options.MaxLeaves >= 1L << _options.MaxDepth && _options.LevelWise;

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
        if (count < ParallelPartitionRows) return PartitionSerial(rows, start, count, split);
        // Two halves at once; each keeps its left rows in place and puts its right rows in its own
        // part of the scratch; then the pieces are laid out left0 left1 right0 right1 (still stable).
        var half = count / 2;
        var lefts = new int[2];
        Parallel.For(0, 2, TreeParallelism.Options, part => lefts[part] = part == 0
            ? PartitionChunk(rows, start, half, split, start)
            : PartitionChunk(rows, start + half, count - half, split, start + half));
        Array.Copy(rows, start + half, rows, start + lefts[0], lefts[1]);
        var leftCount = lefts[0] + lefts[1];
        Array.Copy(_scratch, start, rows, start + leftCount, half - lefts[0]);
        Array.Copy(_scratch, start + half, rows, start + leftCount + half - lefts[0], count - half - lefts[1]);
        return leftCount;
    }

    /// <summary><see cref="Partition"/> on the calling thread; the scratch used is the node's own range, so nodes can be partitioned side by side.</summary>
    private int PartitionSerial(int[] rows, int start, int count, SplitCandidate split)
    {
        var left = PartitionChunk(rows, start, count, split, start);
        Array.Copy(_scratch, start, rows, start + left, count - left);
        return left;
    }

    /// <summary>
    /// Moves the left rows of <c>rows[start .. start + count)</c> to its front and the right rows to
    /// <c>_scratch[offset ..]</c> (inside the node's own range), both in order; branch-free, since left or right is a coin toss to the CPU.
    /// </summary>
    private int PartitionChunk(int[] rows, int start, int count, SplitCandidate split, int offset)
    {
        if ((uint)start + (uint)count > (uint)rows.Length || (uint)offset + (uint)count > (uint)_scratch.Length)
            throw new ArgumentOutOfRangeException(nameof(count), "The node's rows lie outside the row arrays.");
        var bins = _binned.Bins;
        var stride = _binned.FeatureCount;
        var feature = split.Feature;
        var threshold = split.Bin;
        var missingLeft = split.DefaultLeft ? 1 : 0;
        // Row indices come from the training rows and the ranges were checked above, so the loop
        // reads and writes through refs without a bounds check per row.
        ref var row0 = ref MemoryMarshal.GetArrayDataReference(rows);
        ref var scratch = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_scratch), offset);
        ref var bin0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bins), feature);
        var write = start;
        var spilled = 0;
        for (var i = start; i < start + count; i++)
        {
            var row = Unsafe.Add(ref row0, i);
            int bin = Unsafe.Add(ref bin0, row * stride);
            // Left when bin <= threshold (the sign of threshold - bin), or when the bin is the
            // missing-value bin (255: (bin + 1) >> 8 is 1) and missing values go left. Arithmetic
            // rather than a comparison the JIT might turn into a branch the CPU cannot predict.
            var left = (1 - ((threshold - bin) >>> 31)) | (((bin + 1) >> 8) & missingLeft);
            Unsafe.Add(ref row0, write) = row;
            Unsafe.Add(ref scratch, spilled) = row;
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
