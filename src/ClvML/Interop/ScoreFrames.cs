using ClvML.Features;
using ClvML.Scoring;
using Microsoft.Data.Analysis;

namespace ClvML.Interop;

/// <summary>
/// The scores of a feature table as a DataFrame: customer_id, then the score columns in the order and with the
/// names of <c>clvml score</c>'s file, numbers as double, labels and RFM codes as text (the types the Parquet output has).
/// Scores computed once a customer are the scorer's own arrays; scores computed once per distinct value (P(alive)
/// per purchase history, a cluster, an RFM segment) are expanded to one value a customer.
/// </summary>
internal static class ScoreFrames
{
    public static DataFrame From(CustomerFeatureTable table, ScoreColumns scores)
    {
        var allValid = FrameColumns.AllValid(table.Count);
        var columns = new List<DataFrameColumn> { FrameColumns.Text(FeatureSchema.CustomerId.Name, table.CustomerIds) };
        foreach (var column in scores.Columns)
            columns.Add(column switch
            {
                { Numbers: { } numbers } => FrameColumns.Wrap(column.Name, numbers, allValid),
                { DistinctNumbers: { } distinct } => FrameColumns.Expand(column.Name, column.Codes!, distinct, allValid),
                _ => FrameColumns.Expand(column.Name, column.Codes!, column.DistinctText!),
            });
        return new DataFrame(columns);
    }
}
