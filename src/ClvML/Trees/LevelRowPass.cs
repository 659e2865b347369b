using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClvML.Trees;

/// <summary>
/// Where the rows of one node go in a level pass: a row with bin &lt;= <see cref="Threshold"/> of
/// <see cref="Feature"/> (or a missing value when <see cref="MissingLeft"/> is 1) moves to node
/// <see cref="Left"/>, the others to Left + 1; <see cref="Feature"/> -1 keeps the rows where they are.
/// </summary>
internal struct RowRoute
{
    public int Feature, Threshold, MissingLeft, Left;

    public static readonly RowRoute Stay = new() { Feature = -1 };
}

/// <summary>
/// The per-row work of growing a tree level by level (XGBoost's row-position design): every training
/// row holds the node it is in; one pass over the rows per level moves each row to its child and adds
/// its gradient to the histogram of that child when the child's histogram is built from rows (the
/// smaller child of a split). Rows are read in order, so the pass streams memory instead of
/// gathering a node's scattered rows, and routing and histogram building share one read of each row.
/// Histograms are fixed-point integer sums (<see cref="FixedPointScale"/>): threads take chunks of rows
/// as they come free and each sums into its own copy, and the copies add up to the same bits
/// whatever the thread count or timing.
/// </summary>
internal sealed partial class LevelRowPass
{
    /// <summary>
    /// Rows per chunk a thread takes at a time: small enough to balance two cores, large enough to
    /// amortise taking one. The blocks of the fit's loss sums, so a pass can sum a loss with the same bits.
    /// </summary>
    private const int ChunkRows = SquaredErrorGradients.BlockRows;

    /// <summary>0, 1, 2, ...: the list of a chunk whose every row is summed.</summary>
    private static readonly int[] ChunkOrder = Enumerable.Range(0, ChunkRows).ToArray();

    private readonly BinnedRows _binned;
    private readonly int _featureCount;
    private readonly long[][] _workerHistograms;
    private readonly int[][] _workerRows;
    private long[] _gradients = [], _hessians = [];
    private byte[] _orderedBins = [];
    // The bins of the rows in row-list order: the binned rows themselves when the list is every row
    // in order, else a copy, so the level passes read bins in order and never the row list.
    private byte[] _bins = [];
    private ushort[] _nodeOfRow = [];
    // The tree's row list and raw gradients, until Prepare has turned every chunk into fixed point.
    private int[] _rows = [];
    private double[] _sourceGradients = [], _sourceHessians = [];
    private bool _inOrder, _prepared;
    private int _count;
    private int _nodeLimit;

    /// <param name="binned">The training rows' bins.</param>
    /// <param name="unitHessian">Whether every hessian is 1, so the row counts are the hessian sums.</param>
    public LevelRowPass(BinnedRows binned, bool unitHessian)
    {
        _binned = binned;
        _featureCount = binned.FeatureCount;
        UnitHessian = unitHessian;
        Width = unitHessian ? 2 : 3;
        _workerHistograms = new long[TreeParallelism.Options.MaxDegreeOfParallelism][];
        Array.Fill(_workerHistograms, []);
        _workerRows = new int[_workerHistograms.Length][];
        for (var w = 0; w < _workerRows.Length; w++) _workerRows[w] = new int[ChunkRows];
    }

    /// <summary>Node ids must fit 15 bits: the lookup's entries hold a node id and a flag in 16.</summary>
    public const int MaxNodes = 1 << 15;

    /// <summary>Whether hessian sums are the row counts.</summary>
    public bool UnitHessian { get; }

    /// <summary>Longs per histogram bin: gradient and count, plus the hessian unless <see cref="UnitHessian"/>.</summary>
    public int Width { get; }

    /// <summary>Longs in one node's histogram: every feature's <see cref="Histogram.Stride"/> bins.</summary>
    public int NodeLength => _featureCount * Histogram.Stride * Width;

    public FixedPointScale GradientScale { get; private set; }
    public FixedPointScale HessianScale { get; private set; }

    /// <summary>The node each row of the row list is in (index: position in the list given to Start).</summary>
    public ReadOnlySpan<ushort> NodeOfRow => _nodeOfRow.AsSpan(0, _count);

    /// <summary>
    /// Takes the rows of a new tree (ascending): their gradients (and hessians) in fixed point and
    /// their bins, in row-list order, and every row in node 0. Finds the largest magnitudes itself;
    /// the fit, which knows them from its gradient pass, calls the overload that takes them.
    /// </summary>
    public void Start(int[] rows, int count, double[] gradients, double[] hessians)
    {
        if (count > rows.Length) throw new ArgumentException("More rows than the row list holds.", nameof(count));
        double maxGradient = 0, maxHessian = 0;
        for (var i = 0; i < count; i++)
        {
            if ((uint)rows[i] >= (uint)gradients.Length) continue; // refused with its reason in Prepare
            maxGradient = Math.Max(maxGradient, Math.Abs(gradients[rows[i]]));
            if (!UnitHessian) maxHessian = Math.Max(maxHessian, Math.Abs(hessians[rows[i]]));
        }
        Start(rows, count, gradients, hessians, maxGradient, maxHessian);
    }

    /// <summary>
    /// As <see cref="Start(int[], int, double[], double[])"/>, with bounds on |gradient| and |hessian|
    /// over the rows (any bound at least the largest keeps the sums from overflowing; the scale, and so
    /// the tree, depends on the bound, which must therefore depend on the data only). The fixed-point
    /// values are made chunk by chunk in the root pass (<see cref="Run"/>), which reads them while
    /// they are still in cache, instead of in a pass of their own.
    /// </summary>
    public void Start(int[] rows, int count, double[] gradients, double[] hessians, double gradientBound, double hessianBound)
    {
        if (count > rows.Length) throw new ArgumentException("More rows than the row list holds.", nameof(count));
        if (_gradients.Length < count)
        {
            _gradients = new long[count];
            _nodeOfRow = new ushort[count];
            if (!UnitHessian) _hessians = new long[count];
        }
        _count = count;
        GradientScale = FixedPointScale.For(gradientBound, count);
        HessianScale = FixedPointScale.For(hessianBound, count);
        // Ascending distinct rows are rows 0 .. count-1 exactly when the last one is count - 1 (Prepare
        // checks each row against its position, so a list that only ends like that is refused).
        _inOrder = count == 0 || rows[count - 1] == count - 1;
        if (!_inOrder && _orderedBins.Length < count * _featureCount) _orderedBins = new byte[count * _featureCount];
        _bins = _inOrder ? _binned.Bins : _orderedBins;
        (_rows, _sourceGradients, _sourceHessians) = (rows, gradients, hessians);
        _prepared = false;
        _nodeLimit = 1;
    }

    /// <summary>Rows <c>from .. to</c> of the row list: fixed-point gradients (and hessians), bins in list order, node 0.</summary>
    private void Prepare(int from, int to)
    {
        var (rows, gradients, hessians, rowCount, features) = (_rows, _sourceGradients, _sourceHessians, _binned.RowCount, _featureCount);
        var gradientScale = GradientScale;
        if (_inOrder)
        {
            // Position i is row i: checked eight rows at a time, and the gradients convert as one span.
            if ((to > from && (uint)(to - 1) >= (uint)rowCount) || !IsIdentity(rows.AsSpan(from, to - from), from))
                throw new ArgumentOutOfRangeException(nameof(rows), $"Rows {from} .. {to - 1} of the row list are not the binned rows {from} .. {to - 1} in ascending order (of {rowCount}).");
            gradientScale.ToFixed(gradients.AsSpan(from, to - from), _gradients.AsSpan(from, to - from));
        }
        else
        {
            // The level passes read bins without bounds checks; this is where row indices are checked.
            for (var i = from; i < to; i++)
                if ((uint)rows[i] >= (uint)rowCount)
                    throw new ArgumentOutOfRangeException(nameof(rows), $"Row {rows[i]} at position {i} is not one of the {rowCount} binned rows.");
            for (var i = from; i < to; i++) _gradients[i] = gradientScale.ToFixed(gradients[rows[i]]);
        }
        if (!UnitHessian)
        {
            var hessianScale = HessianScale;
            for (var i = from; i < to; i++) _hessians[i] = hessianScale.ToFixedPositive(hessians[rows[i]]);
        }
        if (!_inOrder)
            for (var i = from; i < to; i++) _binned.Bins.AsSpan(rows[i] * features, features).CopyTo(_orderedBins.AsSpan(i * features));
        _nodeOfRow.AsSpan(from, to - from).Clear();
    }

    /// <summary>Whether <c>rows[k] == first + k</c> for every k.</summary>
    private static bool IsIdentity(ReadOnlySpan<int> rows, int first)
    {
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var expected = Vector256.Create(first) + Vector256<int>.Indices;
            var step = Vector256.Create(Vector256<int>.Count);
            for (; k + Vector256<int>.Count <= rows.Length; k += Vector256<int>.Count, expected += step)
                if (Vector256.Create(rows.Slice(k, Vector256<int>.Count)) != expected) return false;
        }
        for (; k < rows.Length; k++)
            if (rows[k] != first + k) return false;
        return true;
    }

    /// <summary>
    /// Moves every row along <paramref name="routes"/> (indexed by node) and sums the histogram of each
    /// node that has a slot: <paramref name="slotOfNode"/> gives the slot (-1: none) and
    /// <paramref name="targets"/>[slot] receives the histogram.
    /// </summary>
    public void Run(RowRoute[] routes, int[] slotOfNode, long[][] targets)
    {
        var limit = NodeLimitAfter(routes);
        if (slotOfNode.Length < limit) throw new ArgumentException($"Slots for {slotOfNode.Length} nodes where rows may end in any of {limit}.", nameof(slotOfNode));
        var slots = targets.Length;
        var nodeLength = NodeLength;
        // The offset of the node's histogram in a worker's histograms, -1 when its histogram is not summed from rows.
        var offsets = new int[slotOfNode.Length];
        for (var node = 0; node < offsets.Length; node++)
        {
            if (slotOfNode[node] >= slots) throw new ArgumentException($"Slot {slotOfNode[node]} of node {node} has no target.", nameof(slotOfNode));
            offsets[node] = slotOfNode[node] < 0 ? -1 : slotOfNode[node] * nodeLength;
        }
        var (featureOf, next) = NextNodeTable(routes, offsets);
        var everyRow = _nodeLimit == 1 && routes[0].Feature < 0 && offsets[0] >= 0;
        _nodeLimit = limit;
        // The root pass prepares each chunk just before summing it; any other first pass needs every row prepared first.
        var prepare = !_prepared && everyRow;
        if (!_prepared && !everyRow) PrepareAll();
        _prepared = true;

        var length = slots * nodeLength;
        var chunks = (_count + ChunkRows - 1) / ChunkRows;
        var taken = -1;
        Parallel.For(0, _workerHistograms.Length, TreeParallelism.Options, worker =>
        {
            if (slots > 0)
            {
                if (_workerHistograms[worker].Length < length) _workerHistograms[worker] = new long[length];
                Array.Clear(_workerHistograms[worker], 0, length);
            }
            int chunk;
            while ((chunk = Interlocked.Increment(ref taken)) < chunks)
            {
                var from = chunk * ChunkRows;
                var to = Math.Min(_count, from + ChunkRows);
                if (prepare) Prepare(from, to);
                // At the root every row stays and is summed: the chunk's rows in order are the list.
                var (rows, listed, first) = everyRow ? (ChunkOrder, to - from, from) : (_workerRows[worker], Route(from, to, featureOf, next, _workerRows[worker]), 0);
                if (listed == 0) continue;
                if (UnitHessian) SumUnit(rows, listed, first, offsets, _workerHistograms[worker]);
                else Sum(rows, listed, first, offsets, _workerHistograms[worker]);
            }
        });
        if (slots == 0) return;
        Parallel.For(0, slots, TreeParallelism.Options, slot =>
        {
            var target = targets[slot].AsSpan(0, nodeLength);
            _workerHistograms[0].AsSpan(slot * nodeLength, nodeLength).CopyTo(target);
            for (var w = 1; w < _workerHistograms.Length; w++)
            {
                var source = _workerHistograms[w].AsSpan(slot * nodeLength, nodeLength);
                for (var i = 0; i < target.Length; i++) target[i] += source[i];
            }
        });
    }

    /// <summary>
    /// Moves every row along <paramref name="routes"/> to what must be its leaf, and adds that leaf's
    /// value (<paramref name="valueOfNode"/>, by node id) to <c>score[row]</c>: the last level's pass
    /// is also the score update, so no pass over the rows follows the tree. Rows are updated by one
    /// thread each, so the sums do not depend on the number of threads.
    /// </summary>
    /// <param name="routes">Where rows go (indexed by node).</param>
    /// <param name="valueOfNode">The leaf value per node id.</param>
    /// <param name="score">Score per row index.</param>
    /// <param name="nextGradients">When given, the rows' next squared-error gradients are written in the same pass.</param>
    public void RunToLeaves(RowRoute[] routes, double[] valueOfNode, double[] score, SquaredErrorGradients? nextGradients = null)
    {
        var limit = NodeLimitAfter(routes);
        if (valueOfNode.Length < limit) throw new ArgumentException($"Values for {valueOfNode.Length} nodes where rows may end in any of {limit}.", nameof(valueOfNode));
        if (score.Length < _binned.RowCount) throw new ArgumentException($"Scores for {score.Length} rows where the row list may hold any of {_binned.RowCount}.", nameof(score));
        var (featureOf, next) = NextNodeTable(routes, Unlisted(limit));
        if (!_prepared) PrepareAll();
        _prepared = true;
        _nodeLimit = limit;
        var chunks = (_count + ChunkRows - 1) / ChunkRows;
        var losses = new double[chunks];
        var maxima = new double[chunks];
        Parallel.For(0, chunks, TreeParallelism.Options, c =>
        {
            var (from, to) = (c * ChunkRows, Math.Min(_count, (c + 1) * ChunkRows));
            RouteToLeaves(from, to, featureOf, next, valueOfNode, score);
            // The chunk's scores are still in cache.
            if (nextGradients is not null) (losses[c], maxima[c]) = nextGradients.Compute(_rows.AsSpan(from, to - from), score, _inOrder);
        });
        if (nextGradients is null) return;
        double total = 0;
        foreach (var loss in losses) total += loss;
        nextGradients.Loss = total / _count;
        nextGradients.MaxGradient = maxima.DefaultIfEmpty().Max();
    }

    /// <summary>
    /// The number of node ids rows may hold after a pass along <paramref name="routes"/>. Every id a row
    /// can hold must have a route (and an offset or value): the loops read them without bounds checks.
    /// Rows hold ids below _nodeLimit, and after the pass below the routes' children.
    /// </summary>
    private int NodeLimitAfter(RowRoute[] routes)
    {
        if (routes.Length < _nodeLimit) throw new ArgumentException($"Routes for {routes.Length} nodes where rows may be in any of {_nodeLimit}.", nameof(routes));
        var limit = Math.Max(_nodeLimit, routes.Length);
        foreach (var route in routes)
        {
            if (route.Feature < 0) continue;
            if (route.Feature >= _featureCount || route.Left < 0 || route.Left + 2 > MaxNodes) throw new ArgumentException($"A route to feature {route.Feature} and node {route.Left} is out of range.", nameof(routes));
            limit = Math.Max(limit, route.Left + 2);
        }
        return limit;
    }

    private static int[] Unlisted(int nodes)
    {
        var offsets = new int[nodes];
        Array.Fill(offsets, -1);
        return offsets;
    }

    private void PrepareAll()
    {
        var chunks = (_count + ChunkRows - 1) / ChunkRows;
        Parallel.For(0, chunks, TreeParallelism.Options, c => Prepare(c * ChunkRows, Math.Min(_count, (c + 1) * ChunkRows)));
    }

    /// <summary>Whether a row's bins are read as one little-endian uint (four features: the RFM case).</summary>
    private bool FourBinsPerRow => _featureCount == 4 && BitConverter.IsLittleEndian;

    /// <summary>Flag in a <see cref="NextNodeTable"/> entry: the row's new node has its histogram summed from rows.</summary>
    private const int Listed = 0x8000;

    /// <summary>
    /// The routes as a lookup: a row in node n whose bin of feature featureOf[n] is b moves to node
    /// next[n * 256 + b] &amp; 0x7FFF, and is listed for the histogram loop when the entry has
    /// <see cref="Listed"/>. A row's move is then two table reads, with no comparison or
    /// missing-value test per row; a node that does not split maps every bin to itself. With four
    /// features (<see cref="FourBinsPerRow"/>) featureOf holds the feature's bit offset in the row's
    /// four bins read as one uint instead, which saves the loop a shift per row.
    /// </summary>
    private (int[] FeatureOf, ushort[] Next) NextNodeTable(RowRoute[] routes, int[] offsets)
    {
        var nodes = routes.Length;
        var featureOf = new int[nodes];
        var next = new ushort[nodes * Histogram.Stride];
        for (var node = 0; node < nodes; node++)
        {
            var route = routes[node];
            var entries = next.AsSpan(node * Histogram.Stride, Histogram.Stride);
            if (route.Feature < 0)
            {
                // Only nodes rows can be in matter; other ids (children not yet reached) are never read.
                if (node < offsets.Length) entries.Fill((ushort)(node | (offsets[node] >= 0 ? Listed : 0)));
                continue;
            }
            featureOf[node] = FourBinsPerRow ? 8 * route.Feature : route.Feature;
            for (var bin = 0; bin < entries.Length; bin++)
            {
                var child = route.Left + 1 - GoesLeft(bin, route);
                entries[bin] = (ushort)(child | (offsets[child] >= 0 ? Listed : 0));
            }
        }
        return (featureOf, next);
    }
}
