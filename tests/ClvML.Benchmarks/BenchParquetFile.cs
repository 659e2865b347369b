using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ClvML.Tests.Data.Parquet;

namespace ClvML.Benchmarks;

/// <summary>
/// Writes the benchmark's transactions as Parquet until ClvML's own writer lands: REQUIRED INT64
/// customer_id, INT32 DATE date and DOUBLE amount, PLAIN v1 pages of 64 Ki values compressed with
/// SNAPPY, row groups of 1 Mi rows (the shape parquet-mr and Arrow write by default).
/// </summary>
internal static class BenchParquetFile
{
    private const int RowGroupRows = 1 << 20, PageRows = 1 << 16;

    public static void Write(string path, long[] ids, int[] days, double[] amounts)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write("PAR1"u8);
        var groups = new List<(long Rows, List<(long Offset, long Size, long Raw)> Chunks)>();
        for (var start = 0; start < ids.Length; start += RowGroupRows)
        {
            var rows = Math.Min(RowGroupRows, ids.Length - start);
            var chunks = new List<(long, long, long)>
            {
                Chunk(file, MemoryMarshal.AsBytes(ids.AsSpan(start, rows)), rows, 8),
                Chunk(file, MemoryMarshal.AsBytes(days.AsSpan(start, rows)), rows, 4),
                Chunk(file, MemoryMarshal.AsBytes(amounts.AsSpan(start, rows)), rows, 8),
            };
            groups.Add((rows, chunks));
        }
        (string Name, int Type, int? Converted)[] columns = [("customer_id", 2, null), ("date", 1, 6), ("amount", 5, null)];
        var footer = new TinyParquetFile.ThriftWriter().I32(1, 1).BeginList(2, 12, 4);
        footer.BeginElement().String(4, "schema").I32(5, 3).EndElement();
        foreach (var (name, type, converted) in columns)
        {
            footer.BeginElement().I32(1, type).I32(3, 0).String(4, name);
            if (converted is { } c) footer.I32(6, c);
            footer.EndElement();
        }
        footer.I64(3, ids.Length).BeginList(4, 12, groups.Count);
        foreach (var (rows, chunks) in groups)
        {
            footer.BeginElement().BeginList(1, 12, 3);
            for (var c = 0; c < 3; c++)
            {
                var (offset, size, raw) = chunks[c];
                footer.BeginElement().I64(2, offset).BeginStruct(3).I32(1, columns[c].Type).I32List(2, 0).StringList(3, [columns[c].Name])
                    .I32(4, 1).I64(5, rows).I64(6, raw).I64(7, size).I64(9, offset).EndStruct().EndElement();
            }
            footer.I64(2, chunks.Sum(c => c.Raw)).I64(3, rows).EndElement();
        }
        footer.Stop();
        file.Write([.. footer.Bytes]);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.Bytes.Count);
        file.Write(length);
        file.Write("PAR1"u8);
    }

    private static (long Offset, long Size, long Raw) Chunk(FileStream file, ReadOnlySpan<byte> values, int rows, int width)
    {
        var offset = file.Position;
        long raw = 0;
        for (var first = 0; first < rows; first += PageRows)
        {
            var count = Math.Min(PageRows, rows - first);
            var page = values.Slice(first * width, count * width);
            var compressed = IronSnappy.Snappy.Encode(page);
            var header = new TinyParquetFile.ThriftWriter().I32(1, 0).I32(2, page.Length).I32(3, compressed.Length)
                .BeginStruct(5).I32(1, count).I32(2, 0).I32(3, 3).I32(4, 3).EndStruct().Stop();
            file.Write([.. header.Bytes]);
            file.Write(compressed);
            raw += header.Bytes.Count + page.Length;
        }
        return (offset, file.Position - offset, raw);
    }
}
