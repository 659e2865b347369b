using System.Globalization;
using System.Text;
using ClvML.Configuration;
using ClvML.Numerics;

namespace ClvML.Data.Records;

/// <summary>
/// Turns typed records (Parquet rows, database rows) into transactions with the same column mapping,
/// validation, reject reasons and counts as the CSV reader: every record is counted, then either
/// rejected with its row, column and reason, or handed to the sink. Typed values are taken as they
/// are (a Parquet TIMESTAMP needs no format); text values are parsed as CSV fields would be, so a
/// database that stores dates as text (SQLite) works with <c>data.timestamp_format</c>.
/// </summary>
internal sealed class RecordTransactionReader
{
    private readonly DataSettings _settings;
    private readonly TimestampParser _timestamps;
    private readonly StringBuilder _raw = new();
    private char[] _text = new char[256];
    private byte[] _utf8 = new byte[64];

    /// <summary>Creates a reader for the given data settings.</summary>
    public RecordTransactionReader(DataSettings settings)
    {
        _settings = settings;
        _timestamps = new TimestampParser(settings.TimestampFormats);
    }

    /// <summary>Reads every record of <paramref name="records"/> into <paramref name="sink"/>.</summary>
    /// <param name="records">The typed rows.</param>
    /// <param name="sourceName">The file or query named in messages.</param>
    /// <param name="sink">Receives the accepted rows.</param>
    /// <param name="rejects">Counts every row and records the rejected ones.</param>
    /// <exception cref="InputException">A mapped column is missing from the result.</exception>
    public void Read(IRecordCursor records, string sourceName, ITransactionSink sink, RejectLog rejects)
    {
        var columns = new RecordColumns(records.ColumnNames, sourceName, _settings.Columns);
        var ranges = new Range[columns.Attributes.Length];
        while (records.Read()) ReadRow(records, columns, ranges, sink, rejects);
    }

    /// <summary>
    /// Counts the cursor's current row, then rejects it or hands it to <paramref name="sink"/>: the
    /// whole per-row path, also used by columnar readers for the rows their fast path leaves out.
    /// </summary>
    /// <param name="records">The typed rows, on the row to read.</param>
    /// <param name="columns">Where the mapped columns are.</param>
    /// <param name="ranges">Scratch for the attribute ranges, one per mapped attribute.</param>
    /// <param name="sink">Receives the row when accepted.</param>
    /// <param name="rejects">Counts the row and records it when rejected.</param>
    internal void ReadRow(IRecordCursor records, RecordColumns columns, Range[] ranges, ITransactionSink sink, RejectLog rejects)
    {
        rejects.CountRow();
        var row = records.Row;
        var used = 0;
        var idLength = AppendText(records, columns.CustomerId, ref used, trim: true);
        if (idLength == 0)
        {
            Reject(records, rejects, columns.CustomerId, RejectReason.MissingCustomerId, "customer id is empty");
            return;
        }
        if (!TryTimestamp(records, columns.Timestamp, used, out var when, out var timestampProblem, out var timestampText))
        {
            Reject(records, rejects, columns.Timestamp, timestampText is null ? RejectReason.MissingTimestamp : RejectReason.UnparseableTimestamp,
                timestampProblem, timestampText);
            return;
        }
        double value;
        if (columns.Amount >= 0)
        {
            if (!TryNumber(records, rejects, columns.Amount, out value)) return;
        }
        else
        {
            if (!TryNumber(records, rejects, columns.Quantity, out var q) || !TryNumber(records, rejects, columns.UnitPrice, out var price)) return;
            value = Money.Product(q, price);
            if (!double.IsFinite(value))
            {
                Reject(records, rejects, columns.Quantity, RejectReason.NonFiniteAmount, "quantity x unit price overflows");
                return;
            }
        }
        var orderStart = used;
        var orderLength = columns.OrderId < 0 ? 0 : AppendText(records, columns.OrderId, ref used, trim: true);
        var attributeStart = used;
        for (var i = 0; i < columns.Attributes.Length; i++)
        {
            var start = used - attributeStart;
            AppendText(records, columns.Attributes[i], ref used, trim: true);
            ranges[i] = new Range(start, used - attributeStart);
        }
        sink.Accept(new TransactionRow
        {
            CustomerId = _text.AsSpan(0, idLength),
            Timestamp = when,
            Amount = value,
            OrderId = _text.AsSpan(orderStart, orderLength),
            AttributeText = _text.AsSpan(attributeStart, used - attributeStart),
            AttributeRanges = ranges,
            Line = row,
        });
    }

    /// <summary>The row's timestamp, or why not: <paramref name="text"/> is the text that did not parse, null when the value is missing.</summary>
    private bool TryTimestamp(IRecordCursor records, int column, int used, out DateTime value, out string problem, out string? text)
    {
        problem = "";
        text = null;
        switch (records.KindOf(column))
        {
            case RecordValueKind.Timestamp:
                value = records.GetTimestamp(column);
                return true;
            case RecordValueKind.Null:
                value = default;
                problem = $"{records.ColumnNames[column]} is null";
                return false;
            default:
                // Text, or a number such as 19970101 that a format like yyyyMMdd reads. It is put
                // after the row's text so far (the customer id), which must survive.
                var start = used;
                var length = AppendText(records, column, ref used, trim: true);
                var chars = _text.AsSpan(start, length);
                var byteCount = Encoding.UTF8.GetByteCount(chars);
                if (_utf8.Length < byteCount) _utf8 = new byte[Math.Max(byteCount, _utf8.Length * 2)];
                var bytes = _utf8.AsSpan(0, Encoding.UTF8.GetBytes(chars, _utf8));
                if (_timestamps.TryParse(bytes, out value)) return true;
                if (length == 0)
                {
                    problem = $"{records.ColumnNames[column]} is empty";
                    return false;
                }
                text = Shorten(chars);
                problem = $"timestamp '{text}' does not match {_timestamps.Description}";
                return false;
        }
    }

    private bool TryNumber(IRecordCursor records, RejectLog rejects, int column, out double value)
    {
        var name = records.ColumnNames[column];
        switch (records.KindOf(column))
        {
            case RecordValueKind.Integer:
                value = records.GetInteger(column);
                return true;
            case RecordValueKind.Real:
                value = records.GetReal(column);
                if (double.IsFinite(value)) return true;
                Reject(records, rejects, column, RejectReason.NonFiniteAmount, $"{name} '{value.ToString(CultureInfo.InvariantCulture)}' is not finite");
                return false;
            case RecordValueKind.Text:
                var text = records.GetText(column).Trim(' ');
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    Reject(records, rejects, column, RejectReason.BadAmount, text.IsEmpty ? $"{name} is empty" : $"{name} '{Shorten(text)}' is not a number");
                    return false;
                }
                if (double.IsFinite(value)) return true;
                Reject(records, rejects, column, RejectReason.NonFiniteAmount, $"{name} '{Shorten(text)}' is not finite");
                return false;
            case RecordValueKind.Timestamp:
                value = 0;
                Reject(records, rejects, column, RejectReason.BadAmount, $"{name} is a timestamp, not a number");
                return false;
            default:
                value = 0;
                Reject(records, rejects, column, RejectReason.BadAmount, $"{name} is null");
                return false;
        }
    }

    /// <summary>Appends the text form of a value to the row's char buffer; null appends nothing.</summary>
    private int AppendText(IRecordCursor records, int column, ref int used, bool trim)
    {
        Span<char> scratch = stackalloc char[40];
        scoped ReadOnlySpan<char> text;
        switch (records.KindOf(column))
        {
            case RecordValueKind.Null:
                return 0;
            case RecordValueKind.Text:
                text = records.GetText(column);
                if (trim) text = text.Trim(' ');
                break;
            case RecordValueKind.Integer:
                records.GetInteger(column).TryFormat(scratch, out var n, provider: CultureInfo.InvariantCulture);
                text = scratch[..n];
                break;
            case RecordValueKind.Real:
                records.GetReal(column).TryFormat(scratch, out n, "R", CultureInfo.InvariantCulture);
                text = scratch[..n];
                break;
            default:
                var t = records.GetTimestamp(column);
                t.TryFormat(scratch, out n, t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                text = scratch[..n];
                break;
        }
        if (_text.Length - used < text.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, used + text.Length));
        text.CopyTo(_text.AsSpan(used));
        used += text.Length;
        return text.Length;
    }

    /// <param name="records">The typed rows, on the rejected row.</param>
    /// <param name="rejects">The log.</param>
    /// <param name="column">The column the problem is in.</param>
    /// <param name="reason">Why.</param>
    /// <param name="detail">What was found.</param>
    /// <param name="timestampText">For unparseable_timestamp, the text, kept for the log's timestamp hint.</param>
    private void Reject(IRecordCursor records, RejectLog rejects, int column, RejectReason reason, string detail, string? timestampText = null)
    {
        // The raw text of a typed row: name=value for every column, as far as RejectLog keeps it.
        _raw.Clear();
        for (var c = 0; c < records.ColumnNames.Count && _raw.Length < 600; c++)
        {
            if (c > 0) _raw.Append("; ");
            _raw.Append(records.ColumnNames[c]).Append('=');
            if (records.KindOf(c) == RecordValueKind.Null) _raw.Append("null");
            else
            {
                var used = 0;
                var length = AppendText(records, c, ref used, trim: false);
                _raw.Append(_text.AsSpan(0, length));
            }
        }
        if (reason == RejectReason.UnparseableTimestamp && timestampText is not null)
            rejects.RejectTimestamp(records.Row, records.ColumnNames[column], timestampText, detail, _raw.ToString());
        else rejects.Reject(records.Row, records.ColumnNames[column], reason, detail, _raw.ToString());
    }

    private static string Shorten(ReadOnlySpan<char> text) => text.Length > 80 ? text[..80].ToString() + "..." : text.ToString();
}
