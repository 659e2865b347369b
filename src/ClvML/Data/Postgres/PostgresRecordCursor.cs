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
internal sealed class PostgresRecordCursor : DbRecordCursor
{
    private readonly NpgsqlDataReader _reader;
    private readonly RecordValueKind[] _kinds;
    private readonly Type[] _types;

    public PostgresRecordCursor(NpgsqlDataReader reader) : base(reader)
    {
        _reader = reader;
        _types = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType)];
        _kinds = [.. _types.Select(KindOf)];
    }

    public override RecordValueKind KindOf(int column) => _reader.IsDBNull(column) ? RecordValueKind.Null : _kinds[column];

    public override long GetInteger(int column) => _types[column] == typeof(long) ? _reader.GetInt64(column)
        : _types[column] == typeof(int) ? _reader.GetInt32(column) : _reader.GetInt16(column);

    public override double GetReal(int column) => _types[column] == typeof(double) ? _reader.GetDouble(column)
        : _types[column] == typeof(float) ? _reader.GetFloat(column) : (double)_reader.GetDecimal(column);

    public override DateTime GetTimestamp(int column) => _reader.GetValue(column) switch
    {
        DateTime t => t,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset o => o.UtcDateTime,
        var other => throw new InvalidOperationException($"Column {ColumnNames[column]}: {other.GetType().Name} is not a timestamp."),
    };

    protected override string ReadText(int column) =>
        _types[column] == typeof(string) ? _reader.GetString(column)
            : Convert.ToString(_reader.GetValue(column), CultureInfo.InvariantCulture) ?? "";

    private static RecordValueKind KindOf(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(short) ? RecordValueKind.Integer
        : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? RecordValueKind.Real
        : type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset) ? RecordValueKind.Timestamp
        : RecordValueKind.Text;
}
