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
/// subtraction from the parent otherwise. When the leaf limit cannot bind, <see cref="LevelWiseGrower"/>
/// grows the same trees level by level instead.
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
        return Finish(open, tree, leaves);
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

    /// <summary><see cref="Partition"/> on the calling thread, for nodes too small to share.</summary>
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
}
