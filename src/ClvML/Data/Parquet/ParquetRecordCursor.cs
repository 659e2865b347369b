using System.Globalization;
using ClvML.Data.Records;

namespace ClvML.Data.Parquet;

/// <summary>
/// The rows of selected Parquet columns as typed records, one row group decoded at a time (so memory
/// holds one row group of the mapped columns, never the file). Integers (and booleans) are
/// <see cref="RecordValueKind.Integer"/>, FLOAT/DOUBLE/DECIMAL <see cref="RecordValueKind.Real"/>,
/// DATE and TIMESTAMP <see cref="RecordValueKind.Timestamp"/>, text and unannotated byte arrays
/// <see cref="RecordValueKind.Text"/>. A timestamp outside years 1..9999 is offered as text that
/// says so, so the row is rejected with that reason instead of stopping the read.
/// </summary>
internal sealed class ParquetRecordCursor : IRecordCursor
{
    private readonly ParquetFileReader _reader;
    private readonly IReadOnlyList<ParquetColumn> _columns;
    private readonly RecordValueKind[] _kinds;
    private ParquetColumnValues[] _values = []; // an array, not the interface: read several times per row
    private char[] _chars = new char[256];
    private Task<ParquetColumnValues[]>? _prefetched;
    private int _nextGroup;
    private int _groupRows;
    private int _index;
    private long _rowsBefore;

    public ParquetRecordCursor(ParquetFileReader reader, IReadOnlyList<ParquetColumn> columns)
    {
        _reader = reader;
        _columns = columns;
        ColumnNames = [.. columns.Select(c => c.Name)];
        _kinds = [.. columns.Select(c => ParquetColumnType.Resolve(c, out var unsupported) is { } type ? KindOf(type.Kind)
            : throw new InputException($"{reader.Source}: {unsupported}."))];
    }

    public IReadOnlyList<string> ColumnNames { get; }

    public long Row => _rowsBefore + _index + 1;

    public bool Read()
    {
        _index++;
        while (_index >= _groupRows)
        {
            if (_nextGroup >= _reader.RowGroupCount) return false;
            _rowsBefore += _groupRows;
            _values = [.. _reader.ReadRowGroup(_nextGroup, _columns)];
            _groupRows = (int)_reader.RowGroupRowCount(_nextGroup);
            _nextGroup++;
            _index = 0;
        }
        return true;
    }

    /// <summary>
    /// Decodes the next row group for a columnar reader, which then reads <see cref="GroupValues"/>
    /// directly and moves to single rows with <see cref="MoveTo"/>; false after the last group.
    /// Not to be mixed with <see cref="Read"/>.
    /// </summary>
    internal bool ReadRowGroup()
    {
        if (_nextGroup >= _reader.RowGroupCount) return false;
        // The first group has nothing to overlap with, so its columns decode side by side.
        var values = _prefetched is { } decoding ? decoding.GetAwaiter().GetResult() : Decode(_nextGroup, inParallel: true);
        _prefetched = null;
        _rowsBefore += _groupRows;
        _values = values;
        _groupRows = (int)_reader.RowGroupRowCount(_nextGroup);
        _nextGroup++;
        _index = 0;
        // The next group decodes on a pool thread while this one is handed on, so decoding overlaps
        // the sink's work instead of leaving it idle; the reader is used by that thread alone until
        // the next call collects the result.
        if (_nextGroup < _reader.RowGroupCount)
        {
            var next = _nextGroup;
            _prefetched = Task.Run(() => Decode(next, inParallel: false));
        }
        return true;
    }

    /// <summary>Waits for a row group still decoding after the read stopped early, so the file can be closed under no one.</summary>
    internal void StopDecoding()
    {
        if (_prefetched is not { } decoding) return;
        _prefetched = null;
        // Its result or error no longer matters: the read has already ended or failed.
        try
        {
            decoding.Wait();
        }
        catch (AggregateException)
        {
        }
    }

    private ParquetColumnValues[] Decode(int rowGroup, bool inParallel) => [.. _reader.ReadRowGroup(rowGroup, _columns, inParallel)];

    /// <summary>The current row group's decoded columns, in <see cref="ColumnNames"/> order.</summary>
    internal IReadOnlyList<ParquetColumnValues> GroupValues => _values;

    /// <summary>Rows in the current row group.</summary>
    internal int GroupRows => _groupRows;

    /// <summary>Rows in the row groups before the current one.</summary>
    internal long RowsBefore => _rowsBefore;

    /// <summary>Makes row <paramref name="index"/> of the current row group the current row.</summary>
    internal void MoveTo(int index) => _index = index;

    public RecordValueKind KindOf(int column)
    {
        var values = _values[column];
        if (values.Nulls is { } nulls && nulls[_index]) return RecordValueKind.Null;
        var kind = _kinds[column];
        return kind == RecordValueKind.Timestamp && !values.TryGetDateTime(_index, out _) ? RecordValueKind.Text : kind;
    }

    public long GetInteger(int column) => _values[column].GetInteger(_index);

    public double GetReal(int column) => _values[column].GetReal(_index);

    public DateTime GetTimestamp(int column) => _values[column].GetDateTime(_index);

    public ReadOnlySpan<char> GetText(int column)
    {
        var values = _values[column];
        if (_kinds[column] == RecordValueKind.Timestamp)
            return $"{values.GetEpochNanoseconds(_index).ToString(CultureInfo.InvariantCulture)} ns since 1970-01-01, outside years 1..9999";
        var bytes = values.GetBytes(_index);
        if (_chars.Length < bytes.Length) _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
        return _chars.AsSpan(0, values.GetChars(_index, _chars));
    }

    private static RecordValueKind KindOf(ParquetValueKind kind) => kind switch
    {
        ParquetValueKind.Boolean or ParquetValueKind.Integer => RecordValueKind.Integer,
        ParquetValueKind.Real or ParquetValueKind.Decimal => RecordValueKind.Real,
        ParquetValueKind.Date or ParquetValueKind.Timestamp => RecordValueKind.Timestamp,
        _ => RecordValueKind.Text,
    };
}
