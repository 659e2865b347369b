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
    // A buffer and a decoder per position in the columns asked for, kept from one row group to the
    // next (chunks are megabytes; fresh arrays would churn the large-object heap), and separate so
    // that the chunks of one row group can decode side by side.
    private byte[][] _chunkBytes = [];
    private ColumnChunkReader[] _chunkReaders = [];

    private ParquetFileReader(Stream stream, ParquetFooter footer, bool leaveOpen)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        Footer = footer;
    }

    /// <summary>The decoded footer.</summary>
    internal ParquetFooter Footer { get; }

    /// <summary>The file name used in messages.</summary>
    public string Source => Footer.Source;

    /// <summary>The flat columns and the unsupported leaves.</summary>
    internal ParquetSchema Schema => Footer.Schema;

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
    internal ParquetColumn Column(string name)
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
    /// <param name="rowGroup">Index of the row group.</param>
    /// <param name="columns">The columns to decode.</param>
    /// <param name="inParallel">Decode the chunks on the thread pool, for a caller with nothing else to do meanwhile.</param>
    /// <exception cref="ParquetFormatException">A chunk is corrupt or uses a feature outside ClvML's list ("unsupported: ...").</exception>
    internal IReadOnlyList<ParquetColumnValues> ReadRowGroup(int rowGroup, IReadOnlyList<ParquetColumn> columns, bool inParallel = false)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rowGroup);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rowGroup, RowGroupCount);
        var group = Footer.MetaData.RowGroups[rowGroup];
        if (group.NumRows < 0 || group.NumRows > Array.MaxLength)
            throw new ParquetFormatException(Source, null, $"row group {rowGroup} has {group.NumRows} rows (0..{Array.MaxLength} are read)");
        if (group.Columns.Count != Schema.Leaves.Count)
            throw new ParquetFormatException(Source, null, $"row group {rowGroup} has {group.Columns.Count} column chunks for {Schema.Leaves.Count} leaf columns");
        if (_chunkBytes.Length < columns.Count)
        {
            _chunkBytes = [.. _chunkBytes, .. Enumerable.Range(0, columns.Count - _chunkBytes.Length).Select(_ => Array.Empty<byte>())];
            _chunkReaders = [.. _chunkReaders, .. Enumerable.Range(0, columns.Count - _chunkReaders.Length).Select(_ => new ColumnChunkReader())];
        }
        // The file is read in order on this thread; only decoding may run in parallel.
        var chunks = new LoadedChunk[columns.Count];
        for (var i = 0; i < columns.Count; i++) chunks[i] = LoadChunk(rowGroup, group, columns[i], ref _chunkBytes[i]);
        var result = new ParquetColumnValues[columns.Count];
        if (inParallel && columns.Count > 1) DecodeInParallel(chunks, columns, (int)group.NumRows, result);
        else
            for (var i = 0; i < columns.Count; i++) result[i] = Decode(i, chunks[i], columns[i], (int)group.NumRows);
        return result;
    }

    /// <summary>Decodes on the thread pool; a failure is raised as the sequential decode would raise it (the first column's, unwrapped).</summary>
    private void DecodeInParallel(LoadedChunk[] chunks, IReadOnlyList<ParquetColumn> columns, int rows, ParquetColumnValues[] result)
    {
        var errors = new Exception?[chunks.Length];
        Parallel.For(0, chunks.Length, i =>
        {
            try
            {
                result[i] = Decode(i, chunks[i], columns[i], rows);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } first) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }

    private ParquetColumnValues Decode(int position, LoadedChunk chunk, ParquetColumn column, int rows) =>
        _chunkReaders[position].Read(_chunkBytes[position], chunk.Length, chunk.Start, column, chunk.Type, chunk.Codec, rows, Source);

    /// <summary>A column chunk's bytes, read into its buffer, with what decoding them needs.</summary>
    private readonly record struct LoadedChunk(int Length, long Start, ParquetColumnType Type, CompressionCodec Codec);

    private LoadedChunk LoadChunk(int rowGroup, RowGroup group, ParquetColumn column, ref byte[] buffer)
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
        if (buffer.Length < length) buffer = new byte[Math.Max(length, Math.Min(Array.MaxLength, 2L * buffer.Length))];
        _stream.Position = start;
        var read = _stream.ReadAtLeast(buffer.AsSpan(0, (int)length), (int)length, throwOnEndOfStream: false);
        if (read < length) throw new ParquetFormatException(Source, start + read, $"truncated: {Where()} ends after {read} of {length} bytes");
        return new LoadedChunk((int)length, start, type, meta.Codec);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
