namespace ClvML.Data.Tables;

/// <summary>The type of a <see cref="TableColumn"/>: what a Parquet, SQLite or PostgreSQL writer stores it as.</summary>
public enum TableColumnKind
{
    /// <summary>UTF-8 text; a null entry is a missing value.</summary>
    Text,
    /// <summary>64-bit integers.</summary>
    Integer,
    /// <summary>64-bit floating point.</summary>
    Real,
    /// <summary>Calendar dates.</summary>
    Date,
    /// <summary>Date and time of day, no time zone (as transactions are read).</summary>
    Timestamp,
}

/// <summary>One named, typed column of an output table; exactly one of the value arrays is set.</summary>
public sealed class TableColumn
{
    private TableColumn(string name, TableColumnKind kind, int length)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A column needs a name.", nameof(name));
        Name = name;
        Kind = kind;
        Length = length;
    }

    /// <summary>Column name as written (a database column, a Parquet field).</summary>
    public string Name { get; }
    /// <summary>The value type.</summary>
    public TableColumnKind Kind { get; }
    /// <summary>Number of values.</summary>
    public int Length { get; }
    /// <summary>The values of a <see cref="TableColumnKind.Text"/> column (null entries are missing values).</summary>
    public IReadOnlyList<string?>? Text { get; private init; }
    /// <summary>The values of an <see cref="TableColumnKind.Integer"/> column.</summary>
    public ReadOnlyMemory<long> Integers { get; private init; }
    /// <summary>The values of a <see cref="TableColumnKind.Real"/> column.</summary>
    public ReadOnlyMemory<double> Reals { get; private init; }
    /// <summary>The values of a <see cref="TableColumnKind.Date"/> column.</summary>
    public ReadOnlyMemory<DateOnly> Dates { get; private init; }

    /// <summary>The values of a <see cref="TableColumnKind.Timestamp"/> column.</summary>
    public ReadOnlyMemory<DateTime> Timestamps { get; private init; }

    /// <summary>
    /// Per row, true where a number, date or timestamp is missing (see <see cref="WithNulls"/>); empty
    /// when none is. A text column marks missing values as null entries instead.
    /// </summary>
    public ReadOnlyMemory<bool> Nulls { get; private init; }

    /// <summary>Whether any value is missing: a null text entry, or a row marked in <see cref="Nulls"/>.</summary>
    public bool HasNulls => Text is { } text ? text.Any(t => t is null) : Nulls.Span.Contains(true);

    /// <summary>Whether the value of <paramref name="row"/> is missing.</summary>
    public bool IsNull(int row) => Text is { } text ? text[row] is null : !Nulls.IsEmpty && Nulls.Span[row];

    /// <summary>
    /// The same numbers, dates or timestamps with the rows where <paramref name="nulls"/> is true
    /// missing (written as NULL; the values stored at those rows are ignored).
    /// </summary>
    /// <exception cref="ArgumentException">A text column (its nulls are null entries), or a mask of another length.</exception>
    public TableColumn WithNulls(ReadOnlyMemory<bool> nulls)
    {
        if (Kind == TableColumnKind.Text) throw new ArgumentException($"Text column '{Name}' marks missing values as null entries.", nameof(nulls));
        if (nulls.Length != Length) throw new ArgumentException($"Column '{Name}' has {Length} values but the null mask has {nulls.Length}.", nameof(nulls));
        return new TableColumn(Name, Kind, Length)
        {
            Integers = Integers, Reals = Reals, Dates = Dates, Timestamps = Timestamps, Nulls = nulls,
        };
    }

    /// <summary>A text column.</summary>
    public static TableColumn OfText(string name, IReadOnlyList<string?> values) => new(name, TableColumnKind.Text, values.Count) { Text = values };
    /// <summary>An integer column.</summary>
    public static TableColumn OfIntegers(string name, ReadOnlyMemory<long> values) => new(name, TableColumnKind.Integer, values.Length) { Integers = values };
    /// <summary>A floating-point column.</summary>
    public static TableColumn OfReals(string name, ReadOnlyMemory<double> values) => new(name, TableColumnKind.Real, values.Length) { Reals = values };
    /// <summary>A date column.</summary>
    public static TableColumn OfDates(string name, ReadOnlyMemory<DateOnly> values) => new(name, TableColumnKind.Date, values.Length) { Dates = values };
    /// <summary>A timestamp column.</summary>
    public static TableColumn OfTimestamps(string name, ReadOnlyMemory<DateTime> values) => new(name, TableColumnKind.Timestamp, values.Length) { Timestamps = values };
}
