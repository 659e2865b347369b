using ClvML.Data.Records;
using Microsoft.Data.Sqlite;

namespace ClvML.Data.Sqlite;

/// <summary>
/// The rows of a SQLite query as typed records. SQLite stores a type with every value, not with the
/// column (a REAL column may hold the text 'abc' in one row), so the storage class is asked per value:
/// INTEGER, REAL, TEXT, NULL, and BLOB, which is read as UTF-8 text.
/// </summary>
internal sealed class SqliteRecordCursor(SqliteDataReader reader) : DbRecordCursor(reader)
{
    public override RecordValueKind KindOf(int column)
    {
        if (reader.IsDBNull(column)) return RecordValueKind.Null;
        // With a current row, GetFieldType reports the value's storage class, not the declared type.
        var type = reader.GetFieldType(column);
        if (type == typeof(long)) return RecordValueKind.Integer;
        if (type == typeof(double)) return RecordValueKind.Real;
        return RecordValueKind.Text;
    }

    public override long GetInteger(int column) => reader.GetInt64(column);

    public override double GetReal(int column) => reader.GetDouble(column);

    public override DateTime GetTimestamp(int column) => throw new InvalidOperationException("SQLite has no timestamp storage class; dates arrive as text or numbers.");

    // GetString decodes a BLOB as UTF-8 too.
    protected override string ReadText(int column) => reader.GetString(column);
}
