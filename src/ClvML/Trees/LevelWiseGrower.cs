using System.Collections.Concurrent;

namespace ClvML.Trees;

/// <summary>
/// Grows one tree depth by depth, for when the leaf limit cannot bind
/// (<see cref="TreeOptions.MaxLeaves"/> &gt;= 2^depth limit): best-first growth then splits every
/// node whose best split gains, whatever the order, so all nodes of one depth are split together.
/// Each level is one <see cref="LevelRowPass"/> over all rows (rows move to their child, the smaller
/// child's histogram is summed), then each larger child's histogram is parent minus smaller child
/// and the children's splits are found. Child ids are handed out in node id order before the pass,
/// and histogram sums are exact integers, so the tree is the same whatever the number of threads.
/// </summary>
internal sealed class LevelWiseGrower
{
    private readonly BinMapper _bins;
    private readonly TreeOptions _options;
    private readonly LevelRowPass _pass;
    private readonly Stack<long[]> _pool = new();
    private readonly ConcurrentStack<HistogramBin[]> _splitBuffers = new();

    /// <param name="binned">The training rows' bins.</param>
    /// <param name="bins">The bin bounds (split thresholds are their upper bounds).</param>
    /// <param name="options">Growth limits and regularisation; the leaf limit must not bind (<see cref="TreeOptions.GrowsLevelWise"/>).</param>
    /// <param name="unitHessian">Whether every hessian is exactly 1, so hessian sums are counts.</param>
    public LevelWiseGrower(BinnedRows binned, BinMapper bins, TreeOptions options, bool unitHessian)
    {
        if (!options.GrowsLevelWise) throw new ArgumentException("Level-wise growth needs a leaf limit of at least 2^depth limit.", nameof(options));
        if (binned.FeatureCount == 0) throw new ArgumentException("A tree needs at least one feature.", nameof(binned));
        _bins = bins;
        _options = options;
        _pass = new LevelRowPass(binned, unitHessian);
    }

    private sealed class Node
    {
        public int Id, Count, Depth;
        public HistogramBin Total;
        public long[]? Histogram;
        public SplitCandidate Split = SplitCandidate.None;
    }

    private sealed record LevelSplit(Node Parent, Node Left, Node Right, bool SplitLeft, bool SplitRight)
    {
        public bool NeedsHistograms => SplitLeft || SplitRight;
        public Node Smaller => Left.Count <= Right.Count ? Left : Right;
        public Node Larger => Left.Count <= Right.Count ? Right : Left;
    }

    /// <summary>
    /// Grows a tree on <c>rows[0 .. count)</c> (ascending row indices) and adds its output to
    /// <c>score[rows[i]]</c> for each of those rows: the last level's pass over the rows knows each
    /// row's leaf, so it updates the score too.
    /// </summary>
    /// <param name="rows">The rows to grow on, ascending, in <c>[0 .. count)</c>.</param>
    /// <param name="count">How many of <paramref name="rows"/> to use.</param>
    /// <param name="gradients">Gradient per row index.</param>
    /// <param name="hessians">Hessian per row index.</param>
    /// <param name="featureAllowed">Which features may split.</param>
    /// <param name="gradientBound">At least the largest |gradient| of the rows (it sets the fixed-point scale, so it must depend on the data only).</param>
    /// <param name="hessianBound">At least the largest |hessian| of the rows.</param>
    /// <param name="score">Raw score per row index; the tree's output is added for the rows grown on.</param>
    /// <param name="nextGradients">When given, the last pass also writes the rows' next squared-error gradients.</param>
    public RegressionTree Grow(int[] rows, int count, double[] gradients, double[] hessians, bool[] featureAllowed, double gradientBound, double hessianBound,
        double[] score, SquaredErrorGradients? nextGradients = null)
    {
        var tree = new TreeBuilder();
        var root = new Node { Id = tree.Add(), Count = count };
        _pass.Start(rows, count, gradients, hessians, gradientBound, hessianBound);
        root.Histogram = Rent();
        _pass.Run([RowRoute.Stay], [0], [root.Histogram]);
        root.Total = TotalOf(root.Histogram);
        var leaves = new List<Node>();
        var frontier = new List<Node>();
        if (CanSplit(root)) root.Split = FindSplit(root, featureAllowed);
        if (root.Split.IsValid) frontier.Add(root);
        else Retire(root, leaves);

        while (frontier.Count > 0)
        {
            var work = new LevelSplit[frontier.Count];
            var routes = new RowRoute[tree.Count + 2 * frontier.Count];
            Array.Fill(routes, RowRoute.Stay);
            for (var i = 0; i < work.Length; i++)
            {
                var node = frontier[i];
                var split = node.Split;
                var left = new Node { Id = tree.Add(), Count = split.Left.Count, Depth = node.Depth + 1, Total = split.Left };
                var right = new Node { Id = tree.Add(), Count = split.Right.Count, Depth = node.Depth + 1, Total = split.Right };
                tree.SetSplit(node.Id, split.Feature, _bins.UpperBound(split.Feature, split.Bin), (byte)split.Bin, split.DefaultLeft, left.Id, right.Id, split.Gain);
                routes[node.Id] = new RowRoute { Feature = split.Feature, Threshold = split.Bin, MissingLeft = split.DefaultLeft ? 1 : 0, Left = left.Id };
                work[i] = new LevelSplit(node, left, right, CanSplit(left), CanSplit(right));
            }

            if (!work.Any(item => item.NeedsHistograms))
            {
                // No child splits again, so every node is now final: this level's pass moves the rows
                // to their leaves and adds the leaves' values to the scores.
                foreach (var item in work)
                {
                    Return(item.Parent);
                    Retire(item.Left, leaves);
                    Retire(item.Right, leaves);
                }
                var values = LeafValues(leaves, routes.Length);
                _pass.RunToLeaves(routes, values, score, nextGradients);
                return Build(tree, leaves, values);
            }

            // Only the smaller child of a split is summed from rows; a child that cannot split still
            // gets a histogram when its sibling needs it for the subtraction.
            var slotOfNode = new int[tree.Count];
            Array.Fill(slotOfNode, -1);
            var targets = new List<long[]>();
            foreach (var item in work)
            {
                if (!item.NeedsHistograms) continue;
                item.Smaller.Histogram = Rent();
                item.Larger.Histogram = Rent();
                slotOfNode[item.Smaller.Id] = targets.Count;
                targets.Add(item.Smaller.Histogram!);
            }
            _pass.Run(routes, slotOfNode, [.. targets]);

            Parallel.For(0, work.Length, TreeParallelism.Options, i =>
            {
                var item = work[i];
                if (!item.NeedsHistograms) return;
                Subtract(item.Parent.Histogram!, item.Smaller.Histogram!, item.Larger.Histogram!);
                if (item.SplitLeft) item.Left.Split = FindSplit(item.Left, featureAllowed);
                if (item.SplitRight) item.Right.Split = FindSplit(item.Right, featureAllowed);
            });

            frontier.Clear();
            foreach (var item in work)
            {
                Return(item.Parent);
                foreach (var child in (ReadOnlySpan<Node>)[item.Left, item.Right])
                {
                    if (child.Split.IsValid) frontier.Add(child);
                    else Retire(child, leaves);
                }
            }
        }

        // Growth stopped before the depth limit (no split gains): the rows are in their leaves already.
        var leafValues = LeafValues(leaves, tree.Count);
        _pass.RunToLeaves(Enumerable.Repeat(RowRoute.Stay, tree.Count).ToArray(), leafValues, score, nextGradients);
        return Build(tree, leaves, leafValues);
    }

    /// <summary>Each leaf's value (learning rate applied) at its node id; 0 for split nodes.</summary>
    private double[] LeafValues(List<Node> leaves, int nodeCount)
    {
        var values = new double[nodeCount];
        foreach (var leaf in leaves)
            values[leaf.Id] = _options.LearningRate * SplitFinder.LeafValue(leaf.Total.Gradient, leaf.Total.Hessian, _options);
        return values;
    }

    private static RegressionTree Build(TreeBuilder tree, List<Node> leaves, double[] values)
    {
        foreach (var leaf in leaves) tree.SetLeaf(leaf.Id, values[leaf.Id]);
        return tree.Build();
    }

    private bool CanSplit(Node node) =>
        node.Depth < _options.MaxDepth && node.Count >= 2 * Math.Max(1, _options.MinSamplesLeaf);

    private void Retire(Node node, List<Node> leaves)
    {
        Return(node);
        leaves.Add(node);
    }

    /// <summary>The node's sums: every row has exactly one bin of feature 0 (the missing bin included).</summary>
    private HistogramBin TotalOf(long[] histogram)
    {
        var width = _pass.Width;
        long gradient = 0, hessian = 0, count = 0;
        for (var b = 0; b < Histogram.Stride; b++)
        {
            gradient += histogram[b * width];
            if (!_pass.UnitHessian) hessian += histogram[b * width + 1];
            count += histogram[b * width + width - 1];
        }
        return new HistogramBin
        {
            Gradient = _pass.GradientScale.ToDouble(gradient),
            Hessian = _pass.UnitHessian ? count : _pass.HessianScale.ToDouble(hessian),
            Count = (int)count,
        };
    }

    /// <summary>The node's best split, found on its histogram turned back into doubles.</summary>
    private SplitCandidate FindSplit(Node node, bool[] featureAllowed)
    {
        var length = _bins.FeatureCount * Histogram.Stride;
        if (!_splitBuffers.TryPop(out var buffer)) buffer = new HistogramBin[length];
        var histogram = node.Histogram!;
        var width = _pass.Width;
        var (gradientScale, hessianScale, unit) = (_pass.GradientScale, _pass.HessianScale, _pass.UnitHessian);
        for (var b = 0; b < length; b++)
        {
            var count = histogram[b * width + width - 1];
            buffer[b] = new HistogramBin
            {
                Gradient = gradientScale.ToDouble(histogram[b * width]),
                Hessian = unit ? count : hessianScale.ToDouble(histogram[b * width + 1]),
                Count = (int)count,
            };
        }
        var split = SplitFinder.Find(buffer, node.Total, _bins, featureAllowed, _options);
        _splitBuffers.Push(buffer);
        return split;
    }

    private static void Subtract(long[] parent, long[] smaller, long[] larger)
    {
        for (var i = 0; i < parent.Length; i++) larger[i] = parent[i] - smaller[i];
    }

    private long[] Rent() => _pool.TryPop(out var histogram) ? histogram : new long[_pass.NodeLength];

    private void Return(Node node)
    {
        if (node.Histogram is null) return;
        _pool.Push(node.Histogram);
        node.Histogram = null;
    }
}
