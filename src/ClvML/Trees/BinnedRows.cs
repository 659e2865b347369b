namespace ClvML.Trees;

/// <summary>
/// Binned feature values stored row by row (<c>Bins[row * FeatureCount + feature]</c>): a histogram
/// pass reads each row's bins from one cache line and its gradient once, as XGBoost and LightGBM's
/// row-wise histogram builders do, instead of re-reading the row list once per feature.
/// </summary>
internal sealed class BinnedRows(byte[] bins, int featureCount)
{
    public byte[] Bins { get; } = bins;
    public int FeatureCount { get; } = featureCount;
    public int RowCount => Bins.Length / FeatureCount;

    public byte this[int row, int feature] => Bins[row * FeatureCount + feature];
}
