namespace ClvML.Data.Parquet;

/// <summary>
/// Reads a Parquet file row group by row group, decoding only the columns asked for: at any time
/// only the footer and one row group's selected column chunks are in memory. Flat schemas are read
/// (top-level REQUIRED or OPTIONAL leaves); nested and repeated columns are listed in
/// <see cref="ParquetSchema.Unsupported"/> and refused by name when asked for. Corrupt or truncated
/// input is a <see cref="ParquetFormatException"/> naming the file and, where known, the byte offset.
/// </summary>
public sealed partial class ParquetFileReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ColumnChunkReader _chunks = new();
    // One buffer for every chunk read: chunks are megabytes, and a fresh array each time would churn the large-object heap.
    private byte[] _chunk = [];

    private ParquetFileReader(Stream stream, ParquetFooter footer, bool leaveOpen)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Footer = footer;
    }

    /// <summary>The decoded footer.</summary>
    public ParquetFooter Footer { get; }

    /// <summary>The file name used in messages.</summary>
    public string Source => Footer.Source;

    /// <summary>The flat columns and the unsupported leaves.</summary>
    public ParquetSchema Schema => Footer.Schema;

    /// <summary>Number of row groups.</summary>
    public int RowGroupCount => Footer.MetaData.RowGroups.Count;

    /// <summary>Rows in the whole file, as the footer gives them.</summary>
    public long RowCount => Footer.MetaData.NumRows;

    /// <summary>Opens the Parquet file at <paramref name="path"/> and reads its footer.</summary>
    /// <exception cref="InputException">The file is missing, unreadable or not a readable Parquet file.</exception>
    public static ParquetFileReader Open(string path)
    {
        var stream = ParquetFooter.OpenFile(path);
        try
        {
            return new ParquetFileReader(stream, ParquetFooter.Read(stream, path), leaveOpen: false);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the footer of a seekable <paramref name="stream"/>; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="ParquetFormatException">The stream is not a readable Parquet file.</exception>
    public static ParquetFileReader Open(Stream stream, string source, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new ParquetFileReader(stream, ParquetFooter.Read(stream, source), leaveOpen);
    }

    /// <summary>Rows in row group <paramref name="rowGroup"/>.</summary>
    public long RowGroupRowCount(int rowGroup) => Footer.MetaData.RowGroups[rowGroup].NumRows;

    /// <summary>
    /// The readable column called <paramref name="name"/> (exactly, or ignoring case when only one
    /// column matches), or an <see cref="InputException"/> that gives the "unsupported: ..." message
    /// of a nested column by that name, or lists the file's columns when there is none.
    /// </summary>
    public ParquetColumn Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Schema.Find(name) is { } exact) return exact;
        var folded = Schema.Columns.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (folded.Count == 1) return folded[0];
        // Schema.Unsupported lists the unreadable leaves in schema order, one message each.
        var unreadable = Schema.Leaves.Where(l => l.Path.Count > 1 || l.Repetition == FieldRepetitionType.Repeated).ToList();
        var nested = unreadable.FindIndex(l => string.Equals(l.Name, name, StringComparison.Ordinal) || string.Equals(l.Path[0], name, StringComparison.Ordinal));
        if (nested >= 0) throw new InputException($"{Source}: column '{name}': {Schema.Unsupported[nested]}.");
        throw new InputException($"{Source}: no column '{name}'; the file's columns are [{string.Join(", ", Schema.Leaves.Select(l => l.Name))}].");
    }

    /// <summary>Decodes <paramref name="columns"/> of row group <paramref name="rowGroup"/>, in the order given.</summary>
    /// <exception cref="ParquetFormatException">A chunk is corrupt or uses a feature outside ClvML's list ("unsupported: ...").</exception>
    public IReadOnlyList<ParquetColumnValues> ReadRowGroup(int rowGroup, IReadOnlyList<ParquetColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, RowGroupCount);
        var group = Footer.MetaData.RowGroups[rowGroup];
        if (group.NumRows < 0 || group.NumRows > Array.MaxLength)
            throw new ParquetFormatException(Source, null, $"row group {rowGroup} has {group.NumRows} rows (0..{Array.MaxLength} are read)");
        if (group.Columns.Count != Schema.Leaves.Count)
            throw new ParquetFormatException(Source, null, $"row group {rowGroup} has {group.Columns.Count} column chunks for {Schema.Leaves.Count} leaf columns");
        var result = new ParquetColumnValues[columns.Count];
        for (var i = 0; i < columns.Count; i++) result[i] = ReadChunk(rowGroup, group, columns[i]);
        return result;
    }

    private ParquetColumnValues ReadChunk(int rowGroup, RowGroup group, ParquetColumn column)
    {
        var type = ParquetColumnType.Resolve(column, out var unsupported) ?? throw new ParquetFormatException(Source, null, unsupported!);
        var chunk = group.Columns[column.Index];
        string Where() => $"row group {rowGroup}, column {column.Name}";
        if (chunk.FilePath is not null) throw new ParquetFormatException(Source, null, $"unsupported: {Where()} lives in another file ({chunk.FilePath})");
        var meta = chunk.MetaData ?? throw new ParquetFormatException(Source, null, $"{Where()} has no column metadata");
        if (meta.Type != column.PhysicalType)
            throw new ParquetFormatException(Source, null, $"{Where()}: the chunk stores {meta.Type} but the schema says {column.PhysicalType}");
        if (meta.NumValues != group.NumRows)
            throw new ParquetFormatException(Source, null, $"{Where()}: the chunk holds {meta.NumValues} values for the row group's {group.NumRows} rows");
        // The chunk starts at its dictionary page when there is one. Some writers put 0 there for "none".
        var start = meta.DictionaryPageOffset is long d && d > 0 && d < meta.DataPageOffset ? d : meta.DataPageOffset;
        var length = meta.TotalCompressedSize;
        if (start < ParquetFooter.MagicLength || length < 0 || length > Footer.MetaDataOffset - start)
            throw new ParquetFormatException(Source, null,
                $"{Where()}: the chunk's {length} bytes at offset {start} do not lie between the leading magic and the footer at {Footer.MetaDataOffset}");
        if (length > Array.MaxLength)
            throw new ParquetFormatException(Source, start, $"unsupported: {Where()} is a column chunk of {length} bytes (at most {Array.MaxLength} are read)");
        if (_chunk.Length < length) _chunk = new byte[Math.Max(length, Math.Min(Array.MaxLength, 2L * _chunk.Length))];
        _stream.Position = start;
        var read = _stream.ReadAtLeast(_chunk.AsSpan(0, (int)length), (int)length, throwOnEndOfStream: false);
        if (read < length) throw new ParquetFormatException(Source, start + read, $"truncated: {Where()} ends after {read} of {length} bytes");
        return _chunks.Read(_chunk, (int)length, start, column, type, meta.Codec, (int)group.NumRows, Source);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
