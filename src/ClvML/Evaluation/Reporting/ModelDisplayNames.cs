using ClvML.Registry;

namespace ClvML.Evaluation.Reporting;

/// <summary>
/// How the report names models for readers; report/metrics.json and the CSV columns keep the
/// short config names that scripts use. Models come from <see cref="ModelRegistry"/>; the formula
/// baselines, which are not fitted models, are named here.
/// </summary>
public static class ModelDisplayNames
{
    private const string SpendSuffix = " × Gamma-Gamma";

    private static readonly Dictionary<string, string> Baselines = new(StringComparer.Ordinal)
    {
        ["historic_average"] = "Historic average",
        ["value_frequency_lifespan"] = "APV × APF × lifespan",
        ["segment_retention"] = "RFM segment m·r/(1+d−r)",
    };

    /// <summary>The display name of <paramref name="name"/> (the name itself when unknown); a purchase model is named with its spend model.</summary>
    public static string Of(string name) =>
        ModelRegistry.FindTransactionModel(name) is { } transactions ? transactions.DisplayName + SpendSuffix
        : ModelRegistry.FindRegressor(name)?.DisplayName ?? Baselines.GetValueOrDefault(name, name);

    /// <summary>The transaction model's own name, without the spend model (for purchase-count charts).</summary>
    public static string TransactionModel(string name) => ModelRegistry.FindTransactionModel(name)?.DisplayName ?? Of(name);
}
