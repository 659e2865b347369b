using ClvML.Features;
using Microsoft.Data.Analysis;

namespace ClvML.Interop;

/// <summary>Feature-table columns as DataFrame columns, named, ordered and typed by <see cref="FeatureSchema"/>.</summary>
internal static class FeatureFrames
{
    public static DataFrame From(CustomerFeatureTable table)
    {
        var allValid = FrameColumns.AllValid(table.Count);
        var features = FeatureSchema.ColumnsOf(table);
        var columns = new DataFrameColumn[features.Count];
        // Wrapping a numeric column takes microseconds; the text and date columns are converted, each on its own core.
        Parallel.For(0, features.Count, c => columns[c] = Column(table, features[c], allValid));
        return new DataFrame(columns);
    }

    private static DataFrameColumn Column(CustomerFeatureTable table, FeatureColumn column, ReadOnlyMemory<byte> allValid)
    {
        // The ids are read from the table's own list: FeatureColumn.ValuesIn would first copy them into an array.
        if (column == FeatureSchema.CustomerId) return FrameColumns.Text(column.Name, table.CustomerIds);
        return column.ValuesIn(table) switch
        {
            double[] reals => FrameColumns.Wrap(column.Name, reals, allValid),
            int[] integers => FrameColumns.Wrap(column.Name, integers, allValid),
            DateOnly[] dates => FrameColumns.Dates(column.Name, dates, allValid),
            string[] text => FrameColumns.Text(column.Name, text),
            var other => throw new InvalidOperationException($"Feature column '{column.Name}' holds {other?.GetType().Name ?? "nothing"}, which has no DataFrame column."),
        };
    }
}
