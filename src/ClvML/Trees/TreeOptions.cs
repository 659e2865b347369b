namespace ClvML.Trees;

/// <summary>The growth limits and regularisation one tree is grown with (taken from <see cref="GradientBoostedTreesOptions"/>).</summary>
internal readonly record struct TreeOptions(
    int MaxLeaves, int MaxDepth, int MinSamplesLeaf, double MinHessianLeaf, double L1, double L2, double MinGainToSplit, double LearningRate);
