namespace ClvML.Evaluation.Reporting;

/// <summary>
/// How the report names models for readers; report/metrics.json and the CSV columns keep the
/// short config names that scripts use.
/// </summary>
public static class ModelDisplayNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["bgnbd"] = "BG/NBD × Gamma-Gamma",
        ["mbgnbd"] = "MBG/NBD × Gamma-Gamma",
        ["pareto_nbd"] = "Pareto/NBD × Gamma-Gamma",
        ["bgbb"] = "BG/BB × Gamma-Gamma",
        ["gbdt"] = "Gradient-boosted trees",
        ["ridge"] = "Ridge regression",
        ["historic_average"] = "Historic average",
        ["value_frequency_lifespan"] = "APV × APF × lifespan",
        ["segment_retention"] = "RFM segment m·r/(1+d−r)",
    };

    /// <summary>The display name of <paramref name="name"/> (the name itself when unknown).</summary>
    public static string Of(string name) => Names.GetValueOrDefault(name, name);

    /// <summary>The transaction model's own name, without the spend model (for purchase-count charts).</summary>
    public static string TransactionModel(string name) => Of(name).Replace(" × Gamma-Gamma", "", StringComparison.Ordinal);
}
