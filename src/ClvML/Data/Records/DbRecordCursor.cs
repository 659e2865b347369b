using System.Data.Common;

namespace ClvML.Data.Records;

/// <summary>
/// What the database cursors share: the column names, the row count and a per-row cache of text values
/// (a span handed out must outlive the call that made it, so the string is kept until the next row).
/// How a value's kind is found differs per database and is left to the subclass.
/// </summary>
internal abstract class DbRecordCursor : IRecordCursor
{
    private readonly DbDataReader _reader;
    private readonly string?[] _text;

    protected DbRecordCursor(DbDataReader reader)
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

    public abstract RecordValueKind KindOf(int column);
    public abstract long GetInteger(int column);
    public abstract double GetReal(int column);
    public abstract DateTime GetTimestamp(int column);

    public ReadOnlySpan<char> GetText(int column) => _text[column] ??= ReadText(column);

    /// <summary>The current row's value in <paramref name="column"/> as text (called once per row and column).</summary>
    protected abstract string ReadText(int column);
}
