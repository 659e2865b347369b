namespace ClvML.Trees;

/// <summary>
/// Options of <see cref="GradientBoostedTrees"/>. Defaults follow XGBoost's (lambda 1, min child
/// weight 1, learning rate 0.1 as in LightGBM and scikit-learn) with leaf-wise growth limited to
/// 31 leaves, LightGBM's default.
/// </summary>
public sealed record GradientBoostedTreesOptions
{
    /// <summary>Boosting rounds (trees) at most; early stopping may use fewer.</summary>
    public int NumberOfTrees { get; init; } = 100;
    /// <summary>Shrinkage applied to every leaf value.</summary>
    public double LearningRate { get; init; } = 0.1;
    /// <summary>Leaves per tree at most (leaf-wise growth, LightGBM's default 31).</summary>
    public int MaximumLeaves { get; init; } = 31;
    /// <summary>Depth per tree at most; a split is never made below it.</summary>
    public int MaximumDepth { get; init; } = 12;
    /// <summary>Rows per leaf at least (LightGBM's min_data_in_leaf is 20; 1 lets tests recover exact functions).</summary>
    public int MinimumSamplesPerLeaf { get; init; } = 20;
    /// <summary>Hessian sum per leaf at least (XGBoost's min_child_weight).</summary>
    public double MinimumHessianPerLeaf { get; init; } = 1e-3;
    /// <summary>L2 penalty on leaf values (XGBoost's lambda, default 1).</summary>
    public double L2Regularization { get; init; } = 1.0;
    /// <summary>L1 penalty on leaf values (XGBoost's alpha).</summary>
    public double L1Regularization { get; init; }
    /// <summary>Gain a split must exceed (XGBoost's gamma).</summary>
    public double MinimumGainToSplit { get; init; }
    /// <summary>Value bins per feature, at most 255 (a 256th is reserved for missing values).</summary>
    public int MaximumBins { get; init; } = 255;
    /// <summary>Fraction of rows drawn (without replacement) for each tree; 1 uses all rows.</summary>
    public double RowSubsample { get; init; } = 1.0;
    /// <summary>Fraction of features drawn for each tree; 1 uses all features.</summary>
    public double FeatureSubsample { get; init; } = 1.0;
    /// <summary>The loss.</summary>
    public BoostingObjective Objective { get; init; } = BoostingObjective.SquaredError;
    /// <summary>Tweedie variance power rho, 1 &lt; rho &lt; 2 (1.5 is the usual start for spend).</summary>
    public double TweediePower { get; init; } = 1.5;
    /// <summary>Train on log1p(target) and predict expm1 of the model (squared error only): tames skewed spend.</summary>
    public bool LogTarget { get; init; }
    /// <summary>The target cannot be negative (spend, purchases): predictions are floored at 0 (see <see cref="TargetRange"/>).</summary>
    public bool NonNegative { get; init; }
    /// <summary>Fraction of rows held out for early stopping; 0 turns early stopping off.</summary>
    public double ValidationFraction { get; init; }
    /// <summary>Rounds without improvement of the validation loss before stopping.</summary>
    public int EarlyStoppingRounds { get; init; } = 10;
    /// <summary>Seed of every random choice (row and feature sampling, validation split, bin sample).</summary>
    public int Seed { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Check(NumberOfTrees >= 1, nameof(NumberOfTrees), "must be at least 1");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), "must be positive");
        Check(MaximumLeaves >= 2, nameof(MaximumLeaves), "must be at least 2");
        Check(MaximumDepth >= 1, nameof(MaximumDepth), "must be at least 1");
        Check(MinimumSamplesPerLeaf >= 1, nameof(MinimumSamplesPerLeaf), "must be at least 1");
        Check(MinimumHessianPerLeaf >= 0, nameof(MinimumHessianPerLeaf), "must not be negative");
        Check(L2Regularization >= 0, nameof(L2Regularization), "must not be negative");
        Check(L1Regularization >= 0, nameof(L1Regularization), "must not be negative");
        Check(MinimumGainToSplit >= 0, nameof(MinimumGainToSplit), "must not be negative");
        Check(MaximumBins is >= 2 and <= 255, nameof(MaximumBins), "must be from 2 to 255");
        Check(RowSubsample is > 0 and <= 1, nameof(RowSubsample), "must be in (0, 1]");
        Check(FeatureSubsample is > 0 and <= 1, nameof(FeatureSubsample), "must be in (0, 1]");
        Check(TweediePower is > 1 and < 2, nameof(TweediePower), "must be between 1 and 2 (exclusive)");
        Check(!LogTarget || Objective == BoostingObjective.SquaredError, nameof(LogTarget), "applies to the squared-error objective only");
        Check(ValidationFraction is >= 0 and < 1, nameof(ValidationFraction), "must be in [0, 1)");
        Check(EarlyStoppingRounds >= 1, nameof(EarlyStoppingRounds), "must be at least 1");
    }

    private static void Check(bool ok, string name, string message)
    {
        if (!ok) throw new ArgumentException($"GradientBoostedTreesOptions.{name} {message}.", name);
    }

    /// <summary>Whether a depth-limited tree whose leaf limit cannot bind splits the nodes of one depth side by side (tests turn it off to compare).</summary>
    internal bool LevelWiseGrowth { get; init; } = true;

    internal TreeOptions TreeOptions => new(MaximumLeaves, MaximumDepth, MinimumSamplesPerLeaf, MinimumHessianPerLeaf,
        L1Regularization, L2Regularization, MinimumGainToSplit, LearningRate, LevelWiseGrowth);
}
