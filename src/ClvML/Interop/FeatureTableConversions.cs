using ClvML.Configuration;
using ClvML.Features;
using Microsoft.Data.Analysis;
using Microsoft.ML;

namespace ClvML.Interop;

/// <summary>
/// A customer feature table to and from Microsoft.Data.Analysis' <see cref="DataFrame"/> and ML.NET's
/// <see cref="IDataView"/>. Columns are named, ordered and typed by <see cref="FeatureSchema"/> (the names of
/// features.csv): real -&gt; double, integer -&gt; int, date -&gt; <see cref="DateTime"/> at midnight, text -&gt; string.
/// </summary>
public static class FeatureTableConversions
{
    /// <summary>
    /// The table as a DataFrame. The numeric columns are the table's own arrays, not copies (wrapping
    /// them costs nothing per row): a change to the table's arrays shows in the DataFrame, while a
    /// write through the DataFrame copies that column first and leaves the table alone. Dates and text are
    /// converted: dates to <see cref="DateTime"/> columns (the DataFrame has no date-only column), text to
    /// <see cref="StringDataFrameColumn"/>s over the same strings.
    /// </summary>
    public static DataFrame ToDataFrame(this CustomerFeatureTable table) => FeatureFrames.From(table);

    /// <summary>
    /// The table as an <see cref="IDataView"/> that reads the table's arrays in place, with the feature schema's
    /// unit and meaning of each column as annotations (see <see cref="FeatureTableDataView"/>).
    /// </summary>
    public static FeatureTableDataView ToDataView(this CustomerFeatureTable table) => new(table);

    /// <summary>
    /// The customer features of a DataFrame as a table, columns found by their features.csv names (case-sensitive).
    /// customer_id, frequency, recency, T and monetary_value are required; the RFM columns (recency_days through
    /// last_purchase) and the holdout columns (holdout_frequency, holdout_spend, holdout_duration) are read when
    /// any of them is there, and then all must be; other columns are ignored unless named in
    /// <paramref name="attributes"/>. Numbers may be of any numeric column type and are widened to double
    /// (integer features must hold whole values); the id may be text or whole numbers; dates are DateTime at
    /// midnight. Values are copied into the table.
    /// </summary>
    /// <param name="frame">One row per customer.</param>
    /// <param name="timeUnit">The unit recency, T and durations are in.</param>
    /// <param name="window">The table's calibration and observation boundaries, when known (null: unknown).</param>
    /// <param name="attributes">Text columns to carry as attributes (channel, country, ...).</param>
    /// <exception cref="InputException">
    /// A required column is missing or of the wrong type, or a value is null, NaN, infinite, negative (anything
    /// but money), fractional in a whole-number column, or an id is empty or repeated, or recency exceeds T;
    /// the message names the column and the row (counted from 0, as the DataFrame indexes rows) and the customer.
    /// </exception>
    public static CustomerFeatureTable ToFeatureTable(this DataFrame frame, TimeUnit timeUnit, FeatureWindow? window = null, IReadOnlyList<string>? attributes = null) =>
        DataFrameFeatureReader.Read(frame, Options(timeUnit, window, attributes));

    /// <summary>
    /// The customer features of an IDataView as a table, read in one pass, with the columns and checks of
    /// <see cref="ToFeatureTable(DataFrame, TimeUnit, FeatureWindow?, IReadOnlyList{string}?)"/>: numbers of any
    /// ML.NET numeric type (NaN, ML.NET's missing value, is refused), text, DateTime at midnight. Rows are
    /// counted from 0 in messages, as the cursor's Position counts them.
    /// </summary>
    /// <param name="view">One row per customer.</param>
    /// <param name="timeUnit">The unit recency, T and durations are in.</param>
    /// <param name="window">The table's calibration and observation boundaries, when known (null: unknown).</param>
    /// <param name="attributes">Text columns to carry as attributes.</param>
    /// <exception cref="InputException">As for the DataFrame overload; a vector, key or boolean column in a feature's place is a wrong type.</exception>
    public static CustomerFeatureTable ToFeatureTable(this IDataView view, TimeUnit timeUnit, FeatureWindow? window = null, IReadOnlyList<string>? attributes = null) =>
        view is DataFrame frame ? frame.ToFeatureTable(timeUnit, window, attributes) : DataViewFeatureReader.Read(view, Options(timeUnit, window, attributes));

    private static FeatureImportOptions Options(TimeUnit timeUnit, FeatureWindow? window, IReadOnlyList<string>? attributes) =>
        new(timeUnit, window ?? new FeatureWindow(null, null, null, null), attributes ?? [], ColumnGroupUse.IfPresent, ColumnGroupUse.IfPresent);
}
