namespace ClvML.Evaluation.Report;

/// <summary>
/// Keys of the per-model metrics in report/metrics.json (DESIGN.md, "Run directory"). Scripts read
/// these names, so they are part of the file's contract: add freely, rename only with a reason.
/// </summary>
public static class MetricNames
{
    /// <summary>Mean absolute error of holdout spend.</summary>
    public const string Mae = "mae";

    /// <summary>Root mean squared error of holdout spend.</summary>
    public const string Rmse = "rmse";

    /// <summary>Coefficient of determination.</summary>
    public const string R2 = "r2";

    /// <summary>Total bias: sum predicted / sum actual - 1.</summary>
    public const string Bias = "bias";

    /// <summary>Spearman rank correlation.</summary>
    public const string Spearman = "spearman";

    /// <summary>Gini of the gain curve over the Gini of the perfect ranking.</summary>
    public const string NormalizedGini = "normalized_gini";

    /// <summary>Mean absolute percentage error of the decile means.</summary>
    public const string DecileMape = "decile_mape";

    /// <summary>Share of actual holdout revenue in the top predicted decile.</summary>
    public const string TopDecileCapture = "top_decile_capture";

    /// <summary>Share of actual holdout revenue in the top 20% by prediction.</summary>
    public const string TopTwentyPercentCapture = "top_20pct_capture";

    /// <summary>Predicted holdout purchases in total over actual, minus 1 (transaction models).</summary>
    public const string PurchasesBias = "purchases_bias";

    /// <summary>Mean absolute error of holdout purchases per customer (transaction models).</summary>
    public const string PurchasesMae = "purchases_mae";
}
