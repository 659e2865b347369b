using System.Globalization;
using ClvML.Data.Records;
using Npgsql;

namespace ClvML.Data.Postgres;

/// <summary>
/// The rows of a PostgreSQL query as typed records. PostgreSQL types a column, not a value, so each
/// column's kind is fixed from its type once; only NULL is asked per value. Integers (int2/4/8),
/// floating point and numeric, date and timestamp map to their record kinds; text types are text;
/// anything else (uuid, boolean, ...) arrives as its invariant text form.
/// </summary>
internal sealed class PostgresRecordCursor : IRecordCursor
{
    private readonly NpgsqlDataReader _reader;
    private readonly RecordValueKind[] _kinds;
    private readonly Type[] _types;
    private readonly string?[] _text;

    public PostgresRecordCursor(NpgsqlDataReader reader)
    {
        _reader = reader;
        ColumnNames = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
        _types = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType)];
        _kinds = [.. _types.Select(KindOf)];
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

    public RecordValueKind KindOf(int column) => _reader.IsDBNull(column) ? RecordValueKind.Null : _kinds[column];

    public long GetInteger(int column) => _types[column] == typeof(long) ? _reader.GetInt64(column)
        : _types[column] == typeof(int) ? _reader.GetInt32(column) : _reader.GetInt16(column);

    public double GetReal(int column) => _types[column] == typeof(double) ? _reader.GetDouble(column)
        : _types[column] == typeof(float) ? _reader.GetFloat(column) : (double)_reader.GetDecimal(column);

    public DateTime GetTimestamp(int column) => _reader.GetValue(column) switch
    {
        DateTime t => t,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset o => o.UtcDateTime,
        var other => throw new InvalidOperationException($"Column {ColumnNames[column]}: {other.GetType().Name} is not a timestamp."),
    };

    public ReadOnlySpan<char> GetText(int column) =>
        _text[column] ??= _types[column] == typeof(string) ? _reader.GetString(column)
            : Convert.ToString(_reader.GetValue(column), CultureInfo.InvariantCulture) ?? "";

    private static RecordValueKind KindOf(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) ? RecordValueKind.Integer
        : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? RecordValueKind.Real
        : type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) ? RecordValueKind.Timestamp
        : RecordValueKind.Text;
}
