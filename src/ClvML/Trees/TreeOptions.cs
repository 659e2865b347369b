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
    bool LevelWise = true);
