namespace ClvML.Models;

/// <summary>A fitted model that can say how much each feature contributed to its fit (the report's feature-importance table).</summary>
public interface IFeatureImportance
{
    /// <summary>Each feature's share of the total importance (non-negative, summing to 1, or all 0 when nothing was learned).</summary>
    IReadOnlyDictionary<string, double> FeatureImportance();
}
