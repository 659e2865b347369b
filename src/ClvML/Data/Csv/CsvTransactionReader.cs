using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using ClvML.Configuration;
using ClvML.Numerics;

namespace ClvML.Data.Csv;

/// <summary>
/// Reads transactions from delimited UTF-8 text with the column mapping, timestamp formats and
/// delimiter of <c>data:</c>, streaming: every row is counted, then either rejected with line,
/// column and reason, or handed to the sink. Amount is the amount column, or quantity x unit price.
/// </summary>
internal sealed class CsvTransactionReader
{
    private readonly DataSettings _settings;
    private readonly TimestampParser _timestamps;
    // Enough to find the delimiter when most rows have it; few enough not to cost a file of bad rows anything.
    private const int MaxDelimiterChecks = 8;
    private int _delimiterChecks;
    private char[] _text = new char[256];

    /// <summary>Creates a reader for the given data settings.</summary>
    public CsvTransactionReader(DataSettings settings)
    {
        _settings = settings;
        _timestamps = new TimestampParser(settings.TimestampFormats);
    }

    /// <summary>The record reader's first buffer size; tests and the fuzzer make it tiny, so records cross buffer ends often.</summary>
    internal int BufferSize { get; init; } = 1 << 20;

    /// <summary>The delimiter as the record reader wants it: a byte, or null for whitespace runs.</summary>
    internal static char? DelimiterOf(DataSettings settings) =>
        settings.Delimiter == DataSettings.WhitespaceDelimiter ? null : settings.Delimiter[0];

    /// <summary>Reads all rows of <paramref name="content"/> into <paramref name="sink"/>.</summary>
    public void Read(Stream content, string sourceName, ITransactionSink sink, RejectLog rejects)
    {
        var records = new CsvRecordReader(content, sourceName, DelimiterOf(_settings), BufferSize);
        var header = CsvHeader.Read(records, sourceName, _settings);
        var columns = MapColumns(header);
        using var split = new CsvRecordPipeline(records, Preparation(header.Names.Count, columns));
        ReadRows(split, sourceName, header.Names, columns, sink, rejects);
    }

    /// <summary>The splitting thread's preparation for a file with <paramref name="header"/> (for the csv-split benchmark).</summary>
    internal Func<CsvRecordReader, PreparedFields>? Preparation(CsvHeader header) => Preparation(header.Names.Count, MapColumns(header));

    /// <summary>Positions of the mapped columns in the file's columns; every missing one is reported at once.</summary>
    private MappedColumns MapColumns(CsvHeader header)
    {
        var map = _settings.Columns;
        var customer = header.Require(map.CustomerId, "data.columns.customer_id");
        var timestamp = header.Require(map.Timestamp, "data.columns.timestamp");
        int amount = -1, quantity = -1, unitPrice = -1;
        if (map.Amount is not null) amount = header.Require(map.Amount, "data.columns.amount");
        else
        {
            quantity = header.Require(map.Quantity!, "data.columns.quantity");
            unitPrice = header.Require(map.UnitPrice!, "data.columns.unit_price");
        }
        var order = map.OrderId is null ? -1 : header.Require(map.OrderId, "data.columns.order_id");
        var attributes = map.Attributes.Select((a, i) => header.Require(a, $"data.columns.attributes[{i}]")).ToArray();
        header.ThrowIfMissing();
        return new MappedColumns(customer, timestamp, amount, quantity, unitPrice, order, attributes);
    }

    /// <summary>
    /// The timestamp and amount parsing that the splitting thread does ahead (see
    /// <see cref="CsvRecordPipeline"/>), with its own parser: the same functions as the reading
    /// thread's, so a prepared value is exactly what it would have parsed. Null for quantity x unit price.
    /// </summary>
    private Func<CsvRecordReader, PreparedFields>? Preparation(int fieldCount, MappedColumns columns)
    {
        if (columns.Amount < 0) return null;
        var timestamps = new RepeatedTimestamp(new TimestampParser(_settings.TimestampFormats));
        return records =>
        {
            if (records.Malformed is not null || records.FieldCount != fieldCount) return default;
            var hasTimestamp = timestamps.TryParse(records.Field(columns.Timestamp), out var when);
            var hasAmount = TryFiniteNumber(records.Field(columns.Amount), out var amount);
            return new PreparedFields(hasTimestamp, when, hasAmount, amount);
        };
    }

    private void ReadRows(CsvRecordPipeline records, string sourceName, IReadOnlyList<string> names, MappedColumns columns,
        ITransactionSink sink, RejectLog rejects)
    {
        var (customer, timestamp, amount, quantity, unitPrice, order, attributes) = columns;
        var ranges = new Range[attributes.Length];
        while (records.Read())
        {
            rejects.CountRow();
            var line = records.Line;
            if (records.Malformed is { } why)
            {
                rejects.Reject(line, null, RejectReason.WrongFieldCount, why, Raw(records));
                continue;
            }
            if (records.FieldCount != names.Count)
            {
                rejects.Reject(line, null, RejectReason.WrongFieldCount, FieldCountProblem(records, names.Count, rejects), Raw(records));
                continue;
            }

            var used = 0;
            var idLength = Decode(TrimSpaces(records.Field(customer)), ref used, sourceName, line, names[customer]);
            if (idLength == 0)
            {
                rejects.Reject(line, names[customer], RejectReason.MissingCustomerId, "customer id is empty", Raw(records));
                continue;
            }
            var prepared = records.Prepared;
            var when = prepared.Timestamp;
            if (!prepared.HasTimestamp && !_timestamps.TryParse(records.Field(timestamp), out when))
            {
                RejectTimestamp(records, names[timestamp], timestamp, rejects);
                continue;
            }
            double value;
            if (amount >= 0)
            {
                value = prepared.Amount;
                if (!prepared.HasAmount && !TryNumber(records, amount, names, line, rejects, out value)) continue;
            }
            else
            {
                if (!TryNumber(records, quantity, names, line, rejects, out var q) ||
                    !TryNumber(records, unitPrice, names, line, rejects, out var price)) continue;
                value = Money.Product(q, price);
                if (!double.IsFinite(value))
                {
                    rejects.Reject(line, names[quantity], RejectReason.NonFiniteAmount, "quantity x unit price overflows", Raw(records));
                    continue;
                }
            }

            var orderStart = used;
            var orderLength = order < 0 ? 0 : Decode(TrimSpaces(records.Field(order)), ref used, sourceName, line, names[order]);
            var attributeStart = used;
            for (var i = 0; i < attributes.Length; i++)
            {
                var start = used - attributeStart;
                Decode(TrimSpaces(records.Field(attributes[i])), ref used, sourceName, line, names[attributes[i]]);
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
                Line = line,
            });
        }
        for (var i = 0; i < records.BlankLines; i++) rejects.CountBlankLine();
    }

    /// <summary>
    /// Why a record has the wrong number of fields; for the first few such records, also the common
    /// delimiter at which it would have the right number (a semicolon file read with commas), which
    /// the reject log keeps for its hint.
    /// </summary>
    private string FieldCountProblem(CsvRecordPipeline records, int expected, RejectLog rejects)
    {
        var problem = $"expected {expected} fields, found {records.FieldCount}";
        if (_delimiterChecks >= MaxDelimiterChecks) return problem;
        _delimiterChecks++;
        if (DelimiterSuggestion.For(records.RawRecord, DelimiterOf(_settings), fields => fields.Count == expected) is not { } other) return problem;
        _delimiterChecks = MaxDelimiterChecks;
        rejects.SuggestDelimiter(records.Line, expected, other.Name, other.Yaml);
        return $"{problem}; split at {other.Name} it has {expected}: write  {other.Yaml}  under data: in the config";
    }

    private void RejectTimestamp(CsvRecordPipeline records, string name, int column, RejectLog rejects)
    {
        var field = TrimSpaces(records.Field(column));
        if (field.IsEmpty)
        {
            rejects.Reject(records.Line, name, RejectReason.MissingTimestamp, $"{name} is empty", Raw(records));
            return;
        }
        var text = Text(field);
        rejects.RejectTimestamp(records.Line, name, text, $"timestamp '{text}' does not match {_timestamps.Description}", Raw(records));
    }

    /// <summary>
    /// What an amount field must hold: a finite number, spaces around it allowed. The one rule for both
    /// threads: the splitting thread's prepared amounts and <see cref="TryNumber"/> both ask it.
    /// <see cref="DecimalText"/> gives double.TryParse's result, faster for plain decimals.
    /// </summary>
    private static bool TryFiniteNumber(ReadOnlySpan<byte> field, out double value) =>
        DecimalText.TryParse(TrimSpaces(field), out value) && double.IsFinite(value);

    /// <summary>The field without spaces around it; checks the ends first, since most fields have none (Trim itself is two calls).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> TrimSpaces(ReadOnlySpan<byte> field) =>
        field.Length > 0 && field[0] != ' ' && field[^1] != ' ' ? field : field.Trim((byte)' ');

    /// <summary>The number in the field, or false after rejecting the row with why it is not one.</summary>
    private static bool TryNumber(CsvRecordPipeline records, int column, IReadOnlyList<string> names, long line, RejectLog rejects, out double value)
    {
        if (TryFiniteNumber(records.Field(column), out value)) return true;
        var field = records.Field(column).Trim((byte)' ');
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            var detail = field.IsEmpty ? $"{names[column]} is empty" : $"{names[column]} '{Text(field)}' is not a number";
            rejects.Reject(line, names[column], RejectReason.BadAmount, detail, Raw(records));
            return false;
        }
        rejects.Reject(line, names[column], RejectReason.NonFiniteAmount, $"{names[column]} '{Text(field)}' is not finite", Raw(records));
        return false;
    }

    /// <summary>Decodes UTF-8 into the row's char buffer at <paramref name="used"/>; invalid UTF-8 stops the read.</summary>
    private int Decode(ReadOnlySpan<byte> utf8, ref int used, string sourceName, long line, string column)
    {
        if (_text.Length - used < utf8.Length) Array.Resize(ref _text, Math.Max(_text.Length * 2, used + utf8.Length));
        var status = Utf8.ToUtf16(utf8, _text.AsSpan(used), out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
            throw InputException.At(sourceName, line, column,
                "is not valid UTF-8; ClvML reads UTF-8 text (convert the file, e.g. iconv -f latin1 -t utf-8).");
        used += written;
        return written;
    }

    private static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8.Length > 80 ? utf8[..80] : utf8);

    private static string Raw(CsvRecordPipeline records) => Encoding.UTF8.GetString(records.RawRecord);

    /// <summary>Field positions of the mapped columns (-1: not mapped).</summary>
    private readonly record struct MappedColumns(int Customer, int Timestamp, int Amount, int Quantity, int UnitPrice, int Order, int[] Attributes);
}
