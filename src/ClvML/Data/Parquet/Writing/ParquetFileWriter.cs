using System.Buffers.Binary;
using ClvML.Data.Output;
using ClvML.Data.Tables;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Writes a Parquet file one row group at a time (parquet-format README, "File Format"):
/// <c>"PAR1"</c>, each row group's column chunks in schema order, the Thrift compact FileMetaData,
/// its 4-byte little-endian length and <c>"PAR1"</c>. Only the row group being written is held in
/// memory. The file is built under a temporary name beside the target (a <see cref="StagedFile"/>) and renamed into place by
/// <see cref="Complete"/>, so a reader never sees half a file; disposing without completing
/// deletes it. The same rows and options give byte-identical files: nothing in them depends on the
/// clock or the machine.
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private readonly StagedFile _staged;
    private readonly IReadOnlyList<ParquetColumnSpec> _columns;
    private readonly ParquetWriterOptions _options;
    private readonly List<WrittenRowGroup> _rowGroups = [];
    private FileStream? _file;
    private long _position;

    /// <summary>Starts a file at <paramref name="path"/> with <paramref name="columns"/>.</summary>
    /// <exception cref="ArgumentException">No columns, a duplicate or empty name, or an option out of range.</exception>
    public ParquetFileWriter(string path, IReadOnlyList<ParquetColumnSpec> columns, ParquetWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException("A Parquet file needs at least one column.", nameof(columns));
        var duplicate = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Column '{duplicate.Key}' appears more than once.", nameof(columns));
        if (columns.Any(c => string.IsNullOrEmpty(c.Name))) throw new ArgumentException("Every column needs a name.", nameof(columns));
        _options = options ?? new ParquetWriterOptions();
        _options.Validate();
        _columns = columns;
        _staged = new StagedFile(path);
        try
        {
            _file = new FileStream(_staged.TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            Write(Magic);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The string written to FileMetaData.created_by: "ClvML version X.Y.Z" (the convention "application version V").</summary>
    public static string CreatedBy { get; } = $"ClvML version {typeof(ParquetFileWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    /// <summary>Rows written so far.</summary>
    public long RowCount => _rowGroups.Sum(g => g.NumRows);

    /// <summary>
    /// Writes <paramref name="columns"/> rows <paramref name="start"/> .. <paramref name="start"/> +
    /// <paramref name="count"/> as one row group; the columns match the file's in order, name and kind.
    /// Columns are encoded in parallel and written in order, so the bytes do not depend on scheduling.
    /// </summary>
    /// <exception cref="ArgumentException">The columns do not match, or a REQUIRED column holds a null.</exception>
    public void WriteRowGroup(IReadOnlyList<TableColumn> columns, int start, int count)
    {
        if (_file is null) throw new InvalidOperationException("The file is complete or disposed.");
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count != _columns.Count)
            throw new ArgumentException($"The row group has {columns.Count} columns; the file has {_columns.Count}.", nameof(columns));
        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Name != _columns[c].Name)
                throw new ArgumentException($"Column {c} of the row group is '{columns[c].Name}'; the file's is '{_columns[c].Name}'.", nameof(columns));
            if (start < 0 || count < 0 || start + count > columns[c].Length)
                throw new ArgumentOutOfRangeException(nameof(count), $"Rows {start}..{start + count} are outside column '{columns[c].Name}' of {columns[c].Length} rows.");
        }
        if (count == 0) return;
        var chunks = new EncodedColumnChunk[columns.Count];
        try
        {
            Parallel.For(0, columns.Count, c => chunks[c] = ColumnChunkEncoder.Encode(_columns[c], columns[c], start, count, _options));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The caller sees the column's own error (a null in a REQUIRED column), not the parallel wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        var written = new List<WrittenColumnChunk>(chunks.Length);
        foreach (var chunk in chunks)
        {
            written.Add(chunk.Place(_position, _options.Codec));
            foreach (var page in chunk.Pages)
            {
                Write(page.Header);
                Write(page.Body);
            }
        }
        _rowGroups.Add(new WrittenRowGroup(written, count));
    }

    /// <summary>Writes every row of <paramref name="table"/> in row groups of <see cref="ParquetWriterOptions.RowGroupRows"/>.</summary>
    public void WriteRows(ColumnTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        for (var start = 0; start < table.RowCount; start += _options.RowGroupRows)
            WriteRowGroup(table.Columns, start, Math.Min(_options.RowGroupRows, table.RowCount - start));
    }

    /// <summary>Writes the footer and renames the file into place (replacing an older one).</summary>
    public void Complete()
    {
        var file = _file ?? throw new InvalidOperationException("The file is complete or disposed.");
        var footer = new ThriftCompactWriter(4096);
        SchemaElement root = new(null, null, null, "schema", _columns.Count, null, null, null, null, null);
        FileMetaDataEncoder.Write(footer, [root, .. _columns.Select(c => c.ToSchemaElement())], _rowGroups, [], CreatedBy);
        Write(footer.WrittenSpan);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.Length);
        Write(length);
        Write(Magic);
        file.Flush(flushToDisk: true);
        file.Dispose();
        _file = null;
        _staged.Commit();
    }

    /// <summary>Closes the file; when <see cref="Complete"/> was not called, the partial file is deleted and the target left as it was.</summary>
    public void Dispose()
    {
        var file = _file;
        _file = null;
        try
        {
            // Closing flushes what is buffered, which fails again on a full disk; the file is deleted either way.
            file?.Dispose();
        }
        catch (IOException)
        {
        }
        finally
        {
            _staged.Dispose();
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _file!.Write(bytes);
        _position += bytes.Length;
    }
}
