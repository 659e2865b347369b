using Microsoft.Data.Analysis;

namespace ClvML.Interop;

/// <summary>
/// DataFrame columns over ClvML's arrays. Numeric columns wrap the array itself as the column's
/// buffer (Microsoft.Data.Analysis keeps such a buffer read-only and copies it on the first write
/// through the column, so the DataFrame never changes the table); dates and text have no layout the
/// DataFrame shares, so they are converted.
/// </summary>
internal static class FrameColumns
{
    /// <summary>
    /// A validity bitmap with every one of <paramref name="rows"/> values present (Arrow's layout,
    /// which the DataFrame uses: bit <c>i % 8</c> of byte <c>i / 8</c> set for a present value). One
    /// bitmap serves every column of a table: the DataFrame never writes into a buffer it was given.
    /// </summary>
    public static ReadOnlyMemory<byte> AllValid(int rows)
    {
        var bitmap = new byte[(rows + 7) / 8];
        bitmap.AsSpan().Fill(0xFF);
        // The bits past the last row stay clear, as the DataFrame's own bitmaps keep them.
        if (rows % 8 != 0) bitmap[^1] = (byte)((1 << (rows % 8)) - 1);
        return bitmap;
    }

    /// <summary>A column reading <paramref name="values"/> in place.</summary>
    public static DoubleDataFrameColumn Wrap(string name, double[] values, ReadOnlyMemory<byte> allValid) =>
        values.Length == 0 ? new DoubleDataFrameColumn(name, 0) : new DoubleDataFrameColumn(name, Bytes(values), allValid, values.Length, 0);

    /// <summary>A column reading <paramref name="values"/> in place.</summary>
    public static Int32DataFrameColumn Wrap(string name, int[] values, ReadOnlyMemory<byte> allValid) =>
        values.Length == 0 ? new Int32DataFrameColumn(name, 0) : new Int32DataFrameColumn(name, Bytes(values), allValid, values.Length, 0);

    /// <summary>A column reading <paramref name="values"/> in place.</summary>
    public static DateTimeDataFrameColumn Wrap(string name, DateTime[] values, ReadOnlyMemory<byte> allValid) =>
        values.Length == 0 ? new DateTimeDataFrameColumn(name, 0) : new DateTimeDataFrameColumn(name, Bytes(values), allValid, values.Length, 0);

    /// <summary>
    /// Dates as midnight <see cref="DateTime"/>s (unspecified kind), converted: the DataFrame has no
    /// date-only column, and a <see cref="DateOnly"/> (a day number) is not a <see cref="DateTime"/>'s layout.
    /// </summary>
    public static DateTimeDataFrameColumn Dates(string name, DateOnly[] values, ReadOnlyMemory<byte> allValid)
    {
        var times = new DateTime[values.Length];
        for (var i = 0; i < values.Length; i++) times[i] = values[i].ToDateTime(TimeOnly.MinValue);
        return Wrap(name, times, allValid);
    }

    /// <summary>Text, converted: the DataFrame keeps its own lists of string references (the strings themselves are shared).</summary>
    public static StringDataFrameColumn Text(string name, IReadOnlyList<string?> values)
    {
        var column = new StringDataFrameColumn(name, values.Count);
        for (var i = 0; i < values.Count; i++) column[i] = values[i];
        return column;
    }

    /// <summary>A numeric column given as each row's code into a few distinct values, expanded (a DataFrame column holds one value a row).</summary>
    public static DoubleDataFrameColumn Expand(string name, int[] codes, double[] distinct, ReadOnlyMemory<byte> allValid)
    {
        var values = new double[codes.Length];
        for (var i = 0; i < codes.Length; i++) values[i] = distinct[codes[i]];
        return Wrap(name, values, allValid);
    }

    /// <summary>A text column given as each row's code into a few distinct texts (each distinct string is shared by its rows).</summary>
    public static StringDataFrameColumn Expand(string name, int[] codes, IReadOnlyList<string> distinct)
    {
        var column = new StringDataFrameColumn(name, codes.Length);
        for (var i = 0; i < codes.Length; i++) column[i] = distinct[codes[i]];
        return column;
    }

    private static ReadOnlyMemory<byte> Bytes<T>(T[] values) where T : unmanaged => new ArrayBytes<T>(values).Memory;
}
