using Utf8 = System.Text.Encoding;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// A slice of a text column as the writer needs it: the non-null strings, their UTF-8 bytes back
/// to back with offsets, and (for an OPTIONAL column) each row's definition level.
/// </summary>
internal sealed class Utf8Values
{
    private Utf8Values(int rows, string[] strings, byte[] data, int[] offsets, int[] levels)
    {
        Rows = rows;
        Strings = strings;
        Data = data;
        Offsets = offsets;
        Levels = levels;
    }

    /// <summary>Rows in the slice, nulls included.</summary>
    public int Rows { get; }

    /// <summary>Non-null values.</summary>
    public int Count => Strings.Length;

    /// <summary>The non-null values in row order.</summary>
    public string[] Strings { get; }

    /// <summary>UTF-8 bytes of every non-null value, back to back.</summary>
    public byte[] Data { get; }

    /// <summary>Value i is <c>Data[Offsets[i]..Offsets[i + 1]]</c>; <c>Count + 1</c> entries.</summary>
    public int[] Offsets { get; }

    /// <summary>Definition level per row (1 value, 0 null) for an OPTIONAL column; empty for a REQUIRED one.</summary>
    public int[] Levels { get; }

    /// <summary>The UTF-8 bytes of value <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Value(int index) => Data.AsSpan(Offsets[index], Offsets[index + 1] - Offsets[index]);

    /// <summary>Encodes rows <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentException">A null in a column declared REQUIRED.</exception>
    public static Utf8Values From(ParquetColumnSpec spec, IReadOnlyList<string?> text, int start, int count)
    {
        // Arrays and lists are read as spans: two passes over a million rows through the
        // interface indexer cost more than the UTF-8 encoding itself.
        ReadOnlySpan<string?> rows = text switch
        {
            string?[] array => array.AsSpan(start, count),
            List<string?> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list).Slice(start, count),
            _ => Enumerable.Range(start, count).Select(i => text[i]).ToArray(),
        };
        var levels = spec.IsOptional ? new int[count] : [];
        var nonNull = 0;
        long chars = 0;
        for (var i = 0; i < count; i++)
        {
            if (rows[i] is not { } s)
            {
                if (!spec.IsOptional)
                    throw new ArgumentException($"Column '{spec.Name}' has a null at row {start + i} but is declared REQUIRED; declare it optional.", nameof(text));
                continue;
            }
            if (spec.IsOptional) levels[i] = 1;
            nonNull++;
            chars += s.Length;
        }
        var strings = new string[nonNull];
        var offsets = new int[nonNull + 1];
        // Most text is ASCII: one byte per char to start with, grown when a value needs more.
        var data = new byte[Math.Min(Array.MaxLength, chars + 16)];
        var used = 0;
        var k = 0;
        for (var i = 0; i < count; i++)
        {
            if (rows[i] is not { } s) continue;
            var room = Utf8.UTF8.GetMaxByteCount(s.Length);
            if (data.Length - used < room)
            {
                if ((long)used + room > Array.MaxLength)
                    throw new ArgumentException($"Column '{spec.Name}': a row group's text exceeds {Array.MaxLength:N0} bytes; write fewer rows per row group.", nameof(text));
                Array.Resize(ref data, (int)Math.Min(Array.MaxLength, Math.Max(2L * data.Length, (long)used + room)));
            }
            used += Utf8.UTF8.GetBytes(s, data.AsSpan(used));
            strings[k] = s;
            offsets[++k] = used;
        }
        return new Utf8Values(count, strings, data, offsets, levels);
    }
}
