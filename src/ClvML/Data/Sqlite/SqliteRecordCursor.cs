using ClvML.Data.Records;
using Microsoft.Data.Sqlite;

namespace ClvML.Data.Sqlite;

/// <summary>
/// The rows of a SQLite query as typed records. SQLite stores a type with every value, not with the
/// column (a REAL column may hold the text 'abc' in one row), so the storage class is asked per value:
/// INTEGER, REAL, TEXT, NULL, and BLOB, which is read as UTF-8 text.
/// </summary>
internal sealed class SqliteRecordCursor : IRecordCursor
{
    private readonly SqliteDataReader _reader;
    private readonly string?[] _text;

    public SqliteRecordCursor(SqliteDataReader reader)
    {
        _reader = reader;
        ColumnNames = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
        _text = new string?[reader.FieldCount];
    }

    public IReadOnlyList<string> ColumnNames { get; }

    public long Row { get; private set; }

    public bool Read()
    {
        Array.Clear(_text);
        if (!_reader.Read()) return false;
        Row++;
        return true;
    }

    public RecordValueKind KindOf(int column)
    {
        if (_reader.IsDBNull(column)) return RecordValueKind.Null;
        // With a current row, GetFieldType reports the value's storage class, not the declared type.
        var type = _reader.GetFieldType(column);
        if (type == typeof(long)) return RecordValueKind.Integer;
        if (type == typeof(double)) return RecordValueKind.Real;
        return RecordValueKind.Text;
    }

    public long GetInteger(int column) => _reader.GetInt64(column);

    public double GetReal(int column) => _reader.GetDouble(column);

    public DateTime GetTimestamp(int column) => throw new InvalidOperationException("SQLite has no timestamp storage class; dates arrive as text or numbers.");

    public ReadOnlySpan<char> GetText(int column)
    {
        // GetString decodes a BLOB as UTF-8 too; the string is kept so the span outlives this call.
        return _text[column] ??= _reader.GetString(column);
    }
}
