namespace ClvML.Data.Records;

/// <summary>The type of one value in a typed record (a Parquet column, a database field).</summary>
internal enum RecordValueKind
{
    /// <summary>SQL NULL, or a Parquet value whose definition level says it is absent.</summary>
    Null,
    /// <summary>Text, read with <see cref="IRecordCursor.GetText"/>.</summary>
    Text,
    /// <summary>A whole number, read with <see cref="IRecordCursor.GetInteger"/>.</summary>
    Integer,
    /// <summary>A floating-point or decimal number, read with <see cref="IRecordCursor.GetReal"/>.</summary>
    Real,
    /// <summary>A date or timestamp, read with <see cref="IRecordCursor.GetTimestamp"/>.</summary>
    Timestamp,
}
