using System.Text;
using ClvML.Data;
using ClvML.Data.Text;

namespace ClvML.Scoring;

/// <summary>A coded column's distinct values, each written once as the UTF-8 CSV field it becomes in every row that uses it.</summary>
internal sealed class EncodedFields
{
    private readonly byte[] _bytes;
    private readonly int[] _start;

    private EncodedFields(byte[] bytes, int[] start)
    {
        _bytes = bytes;
        _start = start;
        for (var i = 0; i + 1 < start.Length; i++) MaxLength = Math.Max(MaxLength, start[i + 1] - start[i]);
    }

    /// <summary>The longest field, in bytes.</summary>
    public int MaxLength { get; }

    /// <summary>The field of distinct value <paramref name="code"/>.</summary>
    public ReadOnlySpan<byte> this[int code] => _bytes.AsSpan(_start[code], _start[code + 1] - _start[code]);

    /// <summary>The fields of <paramref name="column"/>'s distinct values: numbers in round-trip form, text quoted as CSV needs.</summary>
    public static EncodedFields Of(ScoreColumn column)
    {
        var count = column.DistinctNumbers?.Length ?? column.DistinctText!.Count;
        var start = new int[count + 1];
        var bytes = new List<byte>(count * 20);
        Span<byte> number = stackalloc byte[32];
        for (var i = 0; i < count; i++)
        {
            if (column.DistinctNumbers is { } distinct)
            {
                if (!ShortestDoubleFormatter.TryFormat(distinct[i], number, out var written))
                    throw new InvalidOperationException($"Could not format {distinct[i]}.");
                bytes.AddRange(number[..written]);
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(CsvText.Quote(column.DistinctText![i])));
            start[i + 1] = bytes.Count;
        }
        return new EncodedFields([.. bytes], start);
    }
}
