using System.Buffers;
using System.Text;
using ClvML.Data;
using ClvML.Data.Output;
using ClvML.Data.Tables;
using ClvML.Data.Text;
using ClvML.Features;

namespace ClvML.Scoring;

/// <summary>The scores file being assembled: customer_id, then named numeric and text columns in the order added.</summary>
internal sealed class ScoreColumns(CustomerFeatureTable table)
{
    // ~1.3 MB of text a block: early enough for the file to start filling while the rest formats.
    private const int BlockRows = 8_192;
    /// <summary>The characters of an id written as they are: ASCII (one UTF-8 byte each) except what CSV quotes (comma, quote, line breaks).</summary>
    private static readonly SearchValues<char> PlainIdCharacters = SearchValues.Create([.. Enumerable.Range(0, 128).Select(c => (char)c).Except(",\"\r\n")]);
    /// <summary>The UTF-8 bytes of an id written as they are: all but what CSV quotes.</summary>
    private static readonly SearchValues<byte> PlainIdBytes = SearchValues.Create([.. Enumerable.Range(0, 256).Select(b => (byte)b).Except(",\"\r\n"u8.ToArray())]);
    /// <summary>Room for an id copied as UTF-8 (an integer's text, or most text ids); a longer one takes the string path.</summary>
    private const int CompactIdRoom = 64;

    private readonly List<ScoreColumn> _columns = [];

    /// <summary>The columns added so far, in output order.</summary>
    public IReadOnlyList<ScoreColumn> Columns => _columns;

    public void Add(string name, double[] values) => _columns.Add(ScoreColumn.OfNumbers(name, values));

    /// <summary>A numeric column given as each customer's index into a few distinct values.</summary>
    public void AddCoded(string name, int[] codes, double[] distinct) => _columns.Add(ScoreColumn.OfCodedNumbers(name, codes, distinct));

    /// <summary>A text column given as each customer's index into a few distinct texts.</summary>
    public void AddCoded(string name, int[] codes, IReadOnlyList<string> distinct) => _columns.Add(ScoreColumn.OfCodedText(name, codes, distinct));

    /// <summary>The scores as a typed <c>scores</c> table, for the Parquet and database writers.</summary>
    public ColumnTable ToColumnTable(string name = "scores")
    {
        var columns = new List<TableColumn> { TableColumn.OfText("customer_id", table.CustomerIds) };
        foreach (var column in _columns) columns.Add(column.ToTableColumn());
        return new ColumnTable(name, columns);
    }

    /// <summary>Writes the CSV (doubles in round-trip form, as <c>ToString("R")</c> writes them, by <see cref="ShortestDoubleFormatter"/>; a non-finite value is an error, never a silent "NaN").</summary>
    public void Write(string path)
    {
        ThrowIfNotFinite();
        var encoded = new EncodedFields?[_columns.Count];
        Parallel.For(0, _columns.Count, c => encoded[c] = _columns[c].Codes is null ? null : EncodedFields.Of(_columns[c]));
        // Written beside the target and renamed, so a nightly job never reads a half-written file.
        using var staged = new StagedFile(path);
        using (var file = new FileStream(staged.TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            var header = new StringBuilder("customer_id");
            foreach (var column in _columns) header.Append(',').Append(column.Name);
            file.Write(Encoding.UTF8.GetBytes(header.Append('\n').ToString()));
            // Blocks of rows are formatted on every core and written in order while later ones format.
            var blocks = (table.Count + BlockRows - 1) / BlockRows;
            // Each formatting thread remembers the texts of the numbers it wrote last (see DoubleTextCache).
            using var numbers = new ThreadLocal<DoubleTextCache>(() => new DoubleTextCache());
            OrderedBlockWriter.Write(file, blocks, Environment.ProcessorCount, 24 * BlockRows * (_columns.Count + 1),
                (b, buffer) => FormatRows(buffer, encoded, numbers.Value!, b * BlockRows, Math.Min(table.Count, (b + 1) * BlockRows)));
        }
        staged.Commit();
    }

    /// <summary>Refuses a non-finite score before any output is written: every writer reports it, none stores a silent NaN.</summary>
    public void ThrowIfNotFinite()
    {
        foreach (var column in _columns)
            if (column.IsNumeric && column.FirstNonFinite() is var bad and >= 0)
                throw new InvalidOperationException($"Score '{column.Name}' of customer {table.CustomerIds[bad]} is {column.Number(bad)}; no scores were written.");
    }

    private void FormatRows(ArrayBufferWriter<byte> buffer, EncodedFields?[] encoded, DoubleTextCache numbers, int from, int to)
    {
        // The most one row's fields other than the id can take: a separator and a 32-byte number or the longest coded field each.
        var fieldsBound = 1;
        for (var c = 0; c < _columns.Count; c++) fieldsBound += 1 + Math.Max(DoubleTextCache.RequiredRoom, encoded[c]?.MaxLength ?? 0);
        var ids = table.CustomerIds;
        // Ids kept as UTF-8 or integers by the feature build are copied without making a string of each.
        var compactIds = ids as CustomerIdList;
        for (var i = from; i < to; i++)
        {
            var row = buffer.GetSpan(CompactIdRoom + fieldsBound);
            int at;
            if (compactIds is null || !compactIds.TryWriteUtf8(i, row, out at) || row[..at].IndexOfAnyExcept(PlainIdBytes) >= 0)
            {
                var id = ids[i];
                row = buffer.GetSpan(id.Length + fieldsBound);
                // Plain ASCII ids (the usual case) are copied as they are; others are quoted and encoded as CSV needs.
                at = id.Length;
                if (id.AsSpan().IndexOfAnyExcept(PlainIdCharacters) >= 0)
                {
                    var quoted = CsvText.Quote(id);
                    row = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(quoted.Length) + fieldsBound);
                    at = Encoding.UTF8.GetBytes(quoted, row);
                }
                else Ascii.FromUtf16(id, row, out _);
            }
            for (var c = 0; c < _columns.Count; c++)
            {
                row[at++] = (byte)',';
                var column = _columns[c];
                if (encoded[c] is { } fields)
                {
                    var field = fields[column.Codes![i]];
                    field.CopyTo(row[at..]);
                    at += field.Length;
                }
                else at += numbers.Write(column.Numbers![i], row[at..]);
            }
            row[at++] = (byte)'\n';
            buffer.Advance(at);
        }
    }
}
