namespace ClvML.Data.Records;

/// <summary>
/// Forward-only typed records: the rows of a Parquet file or of a database query. Unlike text, each
/// value carries its type, and the type may differ from row to row (SQLite stores values, not columns),
/// so it is asked per value. <see cref="RecordTransactionReader"/> turns the mapped columns into transactions.
/// </summary>
internal interface IRecordCursor
{
    /// <summary>Column names in result order.</summary>
    IReadOnlyList<string> ColumnNames { get; }

    /// <summary>1-based number of the current row, for messages.</summary>
    long Row { get; }

    /// <summary>Moves to the next row; false after the last.</summary>
    bool Read();

    /// <summary>The type of the current row's value in <paramref name="column"/>.</summary>
    RecordValueKind KindOf(int column);

    /// <summary>The value of an <see cref="RecordValueKind.Integer"/> column.</summary>
    long GetInteger(int column);

    /// <summary>The value of a <see cref="RecordValueKind.Real"/> column.</summary>
    double GetReal(int column);

    /// <summary>The value of a <see cref="RecordValueKind.Timestamp"/> column (no time zone applied).</summary>
    DateTime GetTimestamp(int column);

    /// <summary>The value of a <see cref="RecordValueKind.Text"/> column; valid until the next <see cref="Read"/>.</summary>
    ReadOnlySpan<char> GetText(int column);
}
