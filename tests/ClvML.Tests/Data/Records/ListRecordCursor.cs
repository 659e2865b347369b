using ClvML.Data.Records;

namespace ClvML.Tests.Data.Records;

/// <summary>Typed rows held in memory, each value boxed as it would come from a database: null, string, long, double or DateTime.</summary>
internal sealed class ListRecordCursor(IReadOnlyList<string> names, IReadOnlyList<object?[]> rows) : IRecordCursor
{
    private int _index = -1;

    public IReadOnlyList<string> ColumnNames => names;
    public long Row => _index + 1;
    public bool Read() => ++_index < rows.Count;

    public RecordValueKind KindOf(int column) => rows[_index][column] switch
    {
        null => RecordValueKind.Null,
        string => RecordValueKind.Text,
        long => RecordValueKind.Integer,
        double => RecordValueKind.Real,
        DateTime => RecordValueKind.Timestamp,
        var other => throw new InvalidOperationException($"unexpected {other.GetType()}"),
    };

    public long GetInteger(int column) => (long)rows[_index][column]!;
    public double GetReal(int column) => (double)rows[_index][column]!;
    public DateTime GetTimestamp(int column) => (DateTime)rows[_index][column]!;
    public ReadOnlySpan<char> GetText(int column) => (string)rows[_index][column]!;
}
