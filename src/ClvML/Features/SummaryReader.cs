using System.Globalization;
using System.Text;
using ClvML.Configuration;
using ClvML.Data;
using ClvML.Data.Csv;

namespace ClvML.Features;

/// <summary>
/// Reads a precomputed per-customer summary (<c>data.kind: summary</c>), e.g. one built in a
/// warehouse or lifetimes' own files: customer id, frequency, recency, T and optionally
/// monetary_value (the column names come from <c>data.columns</c>) and the holdout columns
/// <c>holdout_frequency</c>, <c>holdout_spend</c>, <c>holdout_duration</c> when the file has them.
/// A row with a non-number, a negative value or recency &gt; T is rejected with its reason.
/// </summary>
public static class SummaryReader
{
    private static readonly string[] HoldoutNames = ["holdout_frequency", "holdout_spend", "holdout_duration"];

    /// <summary>Reads the summary file at <paramref name="path"/>.</summary>
    public static CustomerFeatureTable Read(string path, DataSettings data, FeatureSettings features, RejectLog rejects)
    {
        using var file = InputFile.Open(path, data.Compression);
        var records = new CsvRecordReader(file.Content, path, CsvTransactionReader.DelimiterOf(data));
        var header = CsvHeader.Read(records, path, data);
        var map = data.Columns;
        var idColumn = header.Require(map.CustomerId, "data.columns.customer_id");
        int[] numeric = [header.Require(map.Frequency, "data.columns.frequency"), header.Require(map.Recency, "data.columns.recency"),
            header.Require(map.T, "data.columns.T"), header.IndexOf(map.MonetaryValue)];
        var holdoutColumns = HoldoutNames.Select(header.IndexOf).ToArray();
        var hasHoldout = holdoutColumns.All(i => i >= 0);
        header.ThrowIfMissing();

        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = Enumerable.Range(0, 7).Select(_ => new List<double>()).ToArray();
        Span<double> values = stackalloc double[7];
        while (records.Read())
        {
            rejects.CountRow();
            var line = records.Line;
            var raw = Encoding.UTF8.GetString(records.RawRecord);
            if (records.Malformed is not null || records.FieldCount != header.Names.Count)
            {
                rejects.Reject(line, null, RejectReason.WrongFieldCount, records.Malformed ?? $"expected {header.Names.Count} fields, found {records.FieldCount}", raw);
                continue;
            }
            var id = Encoding.UTF8.GetString(records.Field(idColumn)).Trim();
            if (id.Length == 0)
            {
                rejects.Reject(line, map.CustomerId, RejectReason.MissingCustomerId, "customer id is empty", raw);
                continue;
            }
            if (!TryValues(records, numeric, hasHoldout ? holdoutColumns : [], header.Names, values, out var problem, out var column))
            {
                rejects.Reject(line, column, RejectReason.BadSummaryValue, problem!, raw);
                continue;
            }
            if (!seen.Add(id))
            {
                rejects.Reject(line, map.CustomerId, RejectReason.DuplicateCustomer, $"customer '{id}' appears more than once", raw);
                continue;
            }
            ids.Add(id);
            for (var k = 0; k < 7; k++) columns[k].Add(values[k]);
        }
        for (var i = 0; i < records.BlankLines; i++) rejects.CountBlankLine();
        if (ids.Count == 0) throw new InputException($"{path}: no usable summary rows ({rejects.RowsRead} read).");
        var window = new FeatureWindow(features.CalibrationEnd, features.ObservationEnd, null, null);
        return new CustomerFeatureTable(ids, [.. columns[0]], [.. columns[1]], [.. columns[2]], [.. columns[3]], features.TimeUnit, window,
            holdout: hasHoldout ? new HoldoutColumns([.. columns[4]], [.. columns[5]], [.. columns[6]]) : null);
    }

    private static bool TryValues(CsvRecordReader records, int[] numeric, int[] holdout, IReadOnlyList<string> names,
        Span<double> values, out string? problem, out string? column)
    {
        values.Clear();
        ReadOnlySpan<int> all = [.. numeric, .. holdout];
        for (var k = 0; k < all.Length; k++)
        {
            var index = all[k];
            if (index < 0) continue;
            var field = records.Field(index).Trim((byte)' ');
            column = names[index];
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                problem = $"'{Encoding.UTF8.GetString(field)}' is not a finite number";
                return false;
            }
            if (v < 0 && k != 3 && k != 5)
            {
                problem = $"{v.ToString(CultureInfo.InvariantCulture)} is negative";
                return false;
            }
            values[k] = v;
        }
        column = names[numeric[1]];
        if (values[1] > values[2])
        {
            problem = $"recency {values[1].ToString(CultureInfo.InvariantCulture)} is greater than T {values[2].ToString(CultureInfo.InvariantCulture)}";
            return false;
        }
        problem = null;
        return true;
    }
}
