namespace ClvML.Data.Parquet;

/// <summary>
/// The decoded values of one column in one row group, one entry per row, in typed arrays: a page is
/// decoded in bulk into these arrays instead of value by value. Which array holds the values
/// follows the physical type: BOOLEAN in <see cref="Booleans"/>, INT32 in <see cref="Int32s"/>,
/// INT64 in <see cref="Int64s"/>, FLOAT in <see cref="Floats"/>, DOUBLE in <see cref="Doubles"/>,
/// BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96 as byte ranges of one shared buffer. A null row
/// leaves its entry at the default value; <see cref="IsNull"/> tells them apart.
/// </summary>
internal sealed partial class ParquetColumnValues
{
    private int _heapUsed;

    internal ParquetColumnValues(ParquetColumn column, ParquetColumnType type, int count, string source)
    {
        Column = column;
        Type = type;
        Count = count;
        Source = source;
        // Not zeroed: the chunk reader writes every row (a value, or the default for a null) before
        // handing the values out, and zeroing megabytes per row group is measurable.
        switch (column.PhysicalType)
        {
            case PhysicalType.Boolean: Booleans = GC.AllocateUninitializedArray<bool>(count); break;
            case PhysicalType.Int32: Int32s = GC.AllocateUninitializedArray<int>(count); break;
            case PhysicalType.Int64: Int64s = GC.AllocateUninitializedArray<long>(count); break;
            case PhysicalType.Float: Floats = GC.AllocateUninitializedArray<float>(count); break;
            case PhysicalType.Double: Doubles = GC.AllocateUninitializedArray<double>(count); break;
            default:
                Starts = GC.AllocateUninitializedArray<int>(count);
                Lengths = GC.AllocateUninitializedArray<int>(count);
                break;
        }
    }

    /// <summary>The column the values belong to.</summary>
    public ParquetColumn Column { get; }

    /// <summary>How the stored values are read.</summary>
    public ParquetColumnType Type { get; }

    /// <summary>Rows in the row group.</summary>
    public int Count { get; }

    /// <summary>The file named in errors about a value.</summary>
    internal string Source { get; }

    /// <summary>Per row, true when the value is null; null when the chunk has no nulls.</summary>
    internal bool[]? Nulls { get; set; }

    /// <summary>BOOLEAN values.</summary>
    public bool[]? Booleans { get; }

    /// <summary>INT32 values (DATE, DECIMAL and small integers included).</summary>
    public int[]? Int32s { get; }

    /// <summary>INT64 values (TIMESTAMP and DECIMAL included).</summary>
    public long[]? Int64s { get; }

    /// <summary>FLOAT values.</summary>
    public float[]? Floats { get; }

    /// <summary>DOUBLE values.</summary>
    public double[]? Doubles { get; }

    /// <summary>The bytes of BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96 values, addressed by <see cref="Starts"/> and <see cref="Lengths"/>.</summary>
    internal byte[] Heap { get; private set; } = [];

    /// <summary>Where each row's bytes start in <see cref="Heap"/>.</summary>
    internal int[]? Starts { get; }

    /// <summary>How many bytes each row's value has.</summary>
    internal int[]? Lengths { get; }

    /// <summary>The dictionary whose bytes were last copied into <see cref="Heap"/>, so a chunk copies each dictionary once.</summary>
    internal ParquetColumnValues? DictionaryHeapOwner { get; set; }

    /// <summary>Where that dictionary's bytes start in <see cref="Heap"/>.</summary>
    internal int DictionaryHeapStart { get; set; }

    /// <summary>Whether any row is null.</summary>
    public bool HasNulls => Nulls is not null;

    /// <summary>Whether the value of <paramref name="row"/> is null.</summary>
    public bool IsNull(int row) => Nulls is { } nulls && nulls[row];

    /// <summary>The stored bytes of a BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value (empty for null).</summary>
    public ReadOnlySpan<byte> GetBytes(int row) =>
        Starts is null ? throw new InvalidOperationException($"Column {Column.Name} is {Column.PhysicalType}, not a byte array.")
        : Heap.AsSpan(Starts[row], Lengths![row]);

    /// <summary>Appends <paramref name="bytes"/> to the shared buffer; returns where they start.</summary>
    internal int Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        var start = _heapUsed;
        bytes.CopyTo(Heap.AsSpan(start));
        _heapUsed += bytes.Length;
        return start;
    }

    /// <summary>The buffer and its fill, for decoders that write values into it directly (DELTA_BYTE_ARRAY).</summary>
    internal void TakeHeap(out byte[] heap, out int used)
    {
        heap = Heap;
        used = _heapUsed;
    }

    /// <summary>Stores what a direct decoder wrote.</summary>
    internal void ReturnHeap(byte[] heap, int used)
    {
        Heap = heap;
        _heapUsed = used;
    }

    private void Reserve(int extra)
    {
        var needed = (long)_heapUsed + extra;
        if (needed <= Heap.Length) return;
        if (needed > Array.MaxLength)
            throw new ParquetFormatException(Source, null, $"column {Column.Name}: a row group's byte-array values exceed 2 GB");
        var heap = Heap;
        Array.Resize(ref heap, (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(4096L, Heap.Length * 2L))));
        Heap = heap;
    }
}
