namespace ClvML.Trees;

/// <summary>The growth limits and regularisation one tree is grown with (taken from <see cref="GradientBoostedTreesOptions"/>).</summary>
/// <param name="MaxLeaves">Leaf limit.</param>
/// <param name="MaxDepth">Depth limit.</param>
/// <param name="MinSamplesLeaf">Fewest rows in a leaf.</param>
/// <param name="MinHessianLeaf">Smallest hessian sum in a leaf.</param>
/// <param name="L1">L1 penalty on leaf values.</param>
/// <param name="L2">L2 penalty on leaf values (lambda).</param>
/// <param name="MinGainToSplit">Smallest gain a split must bring.</param>
/// <param name="LearningRate">Shrinkage applied to leaf values.</param>
/// <param name="LevelWise">Whether nodes of one depth may be split side by side when the leaf limit cannot bind (false: one node at a time, for tests).</param>
internal readonly record struct TreeOptions(
    int MaxLeaves, int MaxDepth, int MinSamplesLeaf, double MinHessianLeaf, double L1, double L2, double MinGainToSplit, double LearningRate,
    bool LevelWise = true)
{
    /// <summary>
    /// Whether the leaf limit can never stop growth before the depth limit does, so trees grow level
    /// by level (<see cref="LevelWiseGrower"/>). Deeper trees than 10 grow best-first, which gives the
    /// same trees: level passes route rows through a lookup of 256 entries per node (2^11 nodes at most).
    /// </summary>
    public bool GrowsLevelWise => LevelWise && MaxDepth <= 10 && MaxLeaves >= 1L << MaxDepth;
}
