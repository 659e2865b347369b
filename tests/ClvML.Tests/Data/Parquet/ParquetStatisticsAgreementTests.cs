using System.Buffers.Binary;
using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// An expectation written by the files' own writers: every column chunk's footer statistics (null
/// count, min and max) must agree with the values this reader decodes, for every file in
/// parquet-testing. Min/max are compared where their order is defined for the type: signed
/// integers, unsigned integers (UINT_*), floating point, and byte arrays (unsigned lexicographic,
/// only from the order-aware min_value/max_value fields). INT96 has no defined order.
/// </summary>
public sealed class ParquetStatisticsAgreementTests
{
    public static TheoryData<string> Files()
    {
        var folder = Path.GetDirectoryName(SharedData.File("parquet-testing", "binary.parquet"))!;
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(folder, "*.parquet").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Decoded_values_agree_with_the_chunk_statistics(string file) => Compare(file);

    /// <summary>Checks every chunk of <paramref name="file"/>; returns how many had min/max compared.</summary>
    private static int Compare(string file)
    {
        using var reader = ParquetFileReader.Open(SharedData.File("parquet-testing", file));
        var checkedChunks = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            // Even row groups (the first of every file) decode their chunks in parallel: the values must not depend on it.
            var values = reader.ReadRowGroup(g, reader.Schema.Columns, inParallel: g % 2 == 0);
            Assert.Equal(reader.RowGroupRowCount(g), values[0].Count);
            foreach (var column in values)
            {
                var stats = reader.Footer.MetaData.RowGroups[g].Columns[column.Column.Index].MetaData!.Statistics;
                if (stats is null) continue;
                var defined = Enumerable.Range(0, column.Count).Where(i => !column.IsNull(i)).ToList();
                if (stats.NullCount is { } nulls) Assert.Equal(nulls, column.Count - defined.Count);
                var min = stats.MinValue ?? (column.Column.PhysicalType == PhysicalType.ByteArray ? null : stats.Min);
                var max = stats.MaxValue ?? (column.Column.PhysicalType == PhysicalType.ByteArray ? null : stats.Max);
                if (min is null || max is null || defined.Count == 0) continue;
                var keys = defined.Select(i => Key(column, i)).ToList();
                if (keys.Contains(null)) continue;
                Assert.Equal(Key(column, min), keys.Min(KeyComparer.Instance));
                Assert.Equal(Key(column, max), keys.Max(KeyComparer.Instance));
                checkedChunks++;
            }
        }
        return checkedChunks;
    }

    [Fact]
    public void Min_and_max_were_compared_for_many_chunks()
    {
        // Guards against the theory passing vacuously (statistics missing or every type skipped).
        var compared = Files().Sum(row => Compare(row.Data));
        Assert.True(compared >= 60, $"only {compared} chunks had comparable min/max statistics");
    }

    /// <summary>A comparable key of a decoded value, or null when the type has no defined order here.</summary>
    private static IComparable? Key(ParquetColumnValues column, int row) => column.Column.PhysicalType switch
    {
        PhysicalType.Int32 when column.Type.IsUnsigned => (long)(uint)column.Int32s![row],
        PhysicalType.Int32 => (long)column.Int32s![row],
        PhysicalType.Int64 when column.Type.IsUnsigned => (decimal)(ulong)column.Int64s![row],
        PhysicalType.Int64 => (decimal)column.Int64s![row],
        PhysicalType.Float => (double)column.Floats![row],
        PhysicalType.Double => column.Doubles![row],
        PhysicalType.ByteArray when column.Type.Kind != ParquetValueKind.Decimal => Convert.ToHexString(column.GetBytes(row)),
        _ => null,
    };

    /// <summary>The statistics bytes (PLAIN encoding without a length prefix) as the same key.</summary>
    private static IComparable? Key(ParquetColumnValues column, byte[] stat) => column.Column.PhysicalType switch
    {
        PhysicalType.Int32 when column.Type.IsUnsigned => (long)BinaryPrimitives.ReadUInt32LittleEndian(stat),
        PhysicalType.Int32 => (long)BinaryPrimitives.ReadInt32LittleEndian(stat),
        PhysicalType.Int64 when column.Type.IsUnsigned => (decimal)BinaryPrimitives.ReadUInt64LittleEndian(stat),
        PhysicalType.Int64 => (decimal)BinaryPrimitives.ReadInt64LittleEndian(stat),
        PhysicalType.Float => (double)BinaryPrimitives.ReadSingleLittleEndian(stat),
        PhysicalType.Double => BinaryPrimitives.ReadDoubleLittleEndian(stat),
        PhysicalType.ByteArray => Convert.ToHexString(stat),
        _ => null,
    };

    private sealed class KeyComparer : IComparer<IComparable?>
    {
        public static readonly KeyComparer Instance = new();
        public int Compare(IComparable? x, IComparable? y) => x is string a && y is string b ? string.CompareOrdinal(a, b) : x!.CompareTo(y);
    }
}
