using ClvML.Clustering;
using ClvML.Linear;
using ClvML.MLNet;
using ClvML.Probabilistic;
using ClvML.Trees;

namespace ClvML.Registry;

/// <summary>
/// Every model kind ClvML has, each registered once. The config validates names against it, AutoML takes its
/// option spaces from it, the report its display names, and the run loader and scoring their loaders: adding a
/// kind means writing it and adding one line here.
/// </summary>
public static class ModelRegistry
{
    /// <summary>The regressors, in the order the config lists them by default.</summary>
    public static IReadOnlyList<RegressorKind> Regressors { get; } =
    [
        new("gbdt", "Gradient-boosted trees", GradientBoostedTreesModelJson.FormatVersion, "model.json",
            nonNegative => new GradientBoostedTreesSpace { NonNegative = nonNegative }, GradientBoostedTreesModelJson.Load)
            { AcceptsMissingValues = true, InDefaultSearch = true },
        new("ridge", "Ridge regression", RidgeModel.FormatVersion, "model.json", nonNegative => new RidgeSpace { NonNegative = nonNegative }, RidgeModel.Load)
            { InDefaultSearch = true },
        new("huber", "Huber regression", HuberRegressionModel.FormatVersion, "model.json", nonNegative => new HuberRegressionSpace { NonNegative = nonNegative }, HuberRegressionModel.Load),
        new("ziln_linear", "Zero-inflated lognormal (linear)", ZilnRegressionModel.FormatVersion, "model.json", nonNegative => new ZilnRegressionSpace { NonNegative = nonNegative }, ZilnRegressionModel.Load),
        new(FastTreeRegressor.KindName, "FastTree (ML.NET)", MLNetRegressionModel.FormatVersion, "model.zip", nonNegative => new FastTreeSpace { NonNegative = nonNegative }, path => MLNetRegressionModel.Load(path, FastTreeRegressor.KindName)),
        new(FastTreeTweedieRegressor.KindName, "FastTree Tweedie (ML.NET)", MLNetRegressionModel.FormatVersion, "model.zip", nonNegative => new FastTreeTweedieSpace { NonNegative = nonNegative }, path => MLNetRegressionModel.Load(path, FastTreeTweedieRegressor.KindName)),
        new(LightGbmRegressor.KindName, "LightGBM (ML.NET)", MLNetRegressionModel.FormatVersion, "model.zip", nonNegative => new LightGbmSpace { NonNegative = nonNegative }, path => MLNetRegressionModel.Load(path, LightGbmRegressor.KindName)),
        new(SdcaRegressor.KindName, "SDCA linear regression (ML.NET)", MLNetRegressionModel.FormatVersion, "model.zip", nonNegative => new SdcaSpace { NonNegative = nonNegative }, path => MLNetRegressionModel.Load(path, SdcaRegressor.KindName)),
    ];

    /// <summary>The k-means engines; the first is the default.</summary>
    public static IReadOnlyList<ClustererKind> Clusterers { get; } =
    [
        new("clvml", KMeansModel.KindName, "k-means (ClvML)", KMeansModelJson.FormatVersion, "kmeans.json", options => new KMeans(options), KMeansModel.Load),
        new("mlnet", MLNetKMeansModel.KindName, "k-means (ML.NET)", MLNetKMeansModel.FormatVersion, "kmeans.zip", options => new MLNetKMeans(options), MLNetKMeansModel.Load),
    ];

    /// <summary>The purchase models.</summary>
    public static IReadOnlyList<TransactionModelKind> TransactionModels { get; } =
    [
        new(BgNbdModel.ModelName, "BG/NBD", (o, data, _, ct) => new BgNbd(Options<BgNbdOptions>(o)).Fit(data, ct),
            (p, d, e) => new BgNbdModel(p("r"), p("alpha"), p("a"), p("b")) { Diagnostics = d, StandardErrors = e }),
        new(ParetoNbdModel.ModelName, "Pareto/NBD", (o, data, _, ct) => new ParetoNbd(Options<ParetoNbdOptions>(o)).Fit(data, ct),
            (p, d, e) => new ParetoNbdModel(p("r"), p("alpha"), p("s"), p("beta")) { Diagnostics = d, StandardErrors = e }),
        new(ModifiedBgNbdModel.ModelName, "MBG/NBD", (o, data, _, ct) => new ModifiedBgNbd(Options<ModifiedBgNbdOptions>(o)).Fit(data, ct),
            (p, d, e) => new ModifiedBgNbdModel(p("r"), p("alpha"), p("a"), p("b")) { Diagnostics = d, StandardErrors = e }),
        new(BgBbModel.ModelName, "BG/BB", (o, _, table, ct) => new BgBb(Options<BgBbOptions>(o)).Fit(table.Frequency, table.Recency, table.T, cancellationToken: ct),
            (p, d, e) => new BgBbModel(p("alpha"), p("beta"), p("gamma"), p("delta")) { Diagnostics = d, StandardErrors = e })
            { NeedsDiscretePeriods = true },
    ];

    /// <summary>The spend model's config name (Gamma-Gamma, Fader, Hardie &amp; Lee 2005b).</summary>
    public const string SpendModel = GammaGammaModel.ModelName;

    /// <summary>The regressor named <paramref name="name"/>, or null.</summary>
    public static RegressorKind? FindRegressor(string name) => Regressors.FirstOrDefault(k => k.Name == name);

    /// <summary>The k-means engine named <paramref name="engine"/>, or null.</summary>
    public static ClustererKind? FindClusterer(string engine) => Clusterers.FirstOrDefault(k => k.Engine == engine);

    /// <summary>The engine whose fitted models have kind <paramref name="kind"/> (a manifest entry's kind), or null.</summary>
    public static ClustererKind? FindClustererByModelKind(string kind) => Clusterers.FirstOrDefault(k => k.Kind == kind);

    /// <summary>The purchase model named <paramref name="name"/>, or null.</summary>
    public static TransactionModelKind? FindTransactionModel(string name) => TransactionModels.FirstOrDefault(k => k.Name == name);

    /// <summary>The regressor named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No regressor has that name; the message lists those that do.</exception>
    public static RegressorKind Regressor(string name) => FindRegressor(name)
        ?? throw new ArgumentException($"Unknown trainer '{name}'; expected one of {string.Join(", ", Regressors.Select(k => k.Name))}.", nameof(name));

    private static T Options<T>(FitOptions shared) where T : FitOptions, new() => new()
    {
        Penalizer = shared.Penalizer,
        TimeLimit = shared.TimeLimit,
        MaximumEvaluations = shared.MaximumEvaluations,
    };
}
