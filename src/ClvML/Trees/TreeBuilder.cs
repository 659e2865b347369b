namespace ClvML.Trees;

/// <summary>Collects node arrays while the tree grows.</summary>
internal sealed class TreeBuilder
{
    private readonly List<int> _feature = [], _left = [], _right = [];
    private readonly List<double> _threshold = [], _value = [], _gain = [];
    private readonly List<byte> _bin = [];
    private readonly List<bool> _defaultLeft = [];

    /// <summary>Nodes so far.</summary>
    public int Count => _feature.Count;

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
