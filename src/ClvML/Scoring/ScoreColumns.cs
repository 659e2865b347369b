using System.Buffers;
using System.Globalization;
using System.Text;
using ClvML.Data;
using ClvML.Data.Tables;
using ClvML.Data.Text;
using ClvML.Features;

namespace ClvML.Scoring;

/// <summary>The scores file being assembled: customer_id, then named numeric and text columns in the order added.</summary>
internal sealed class ScoreColumns(CustomerFeatureTable table)
{
    private readonly List<(string Name, double[]? Numbers, string[]? Text)> _columns = [];

    public void Add(string name, double[] values) => _columns.Add((name, values, null));

    public void AddText(string name, string[] values) => _columns.Add((name, null, values));

    /// <summary>The scores as a typed <c>scores</c> table, for the Parquet and database writers.</summary>
    public ColumnTable ToColumnTable(string name = "scores")
    {
        var columns = new List<TableColumn> { TableColumn.OfText("customer_id", table.CustomerIds) };
        foreach (var (column, numbers, text) in _columns)
            columns.Add(numbers is not null ? TableColumn.OfReals(column, numbers) : TableColumn.OfText(column, text!));
        return new ColumnTable(name, columns);
    }

    /// <summary>Writes the CSV (doubles in round-trip form, as <c>ToString("R")</c> writes them, by <see cref="ShortestDoubleFormatter"/>; a non-finite value is an error, never a silent "NaN").</summary>
    public void Write(string path)
    {
        ThrowIfNotFinite();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        // Written beside the target and renamed, so a nightly job never reads a half-written file.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var header = new StringBuilder("customer_id");
            foreach (var (name, _, _) in _columns) header.Append(',').Append(name);
            file.Write(Encoding.UTF8.GetBytes(header.Append('\n').ToString()));
            // Blocks of rows are formatted to UTF-8 on both cores and written in order; the eight
            // block buffers are reused (sized for ~24 bytes a value, growing if needed), so a million
            // rows allocate a few buffers instead of a large array per block.
            const int BlockRows = 16_384;
            const int BlocksPerBatch = 8;
            var blocks = (table.Count + BlockRows - 1) / BlockRows;
            var buffers = new ArrayBufferWriter<byte>[Math.Min(BlocksPerBatch, Math.Max(1, blocks))];
            for (var b = 0; b < buffers.Length; b++) buffers[b] = new ArrayBufferWriter<byte>(24 * BlockRows * (_columns.Count + 1));
            for (var first = 0; first < blocks; first += BlocksPerBatch)
            {
                var count = Math.Min(BlocksPerBatch, blocks - first);
                Parallel.For(0, count, b =>
                {
                    buffers[b].ResetWrittenCount();
                    FormatRows(buffers[b], (first + b) * BlockRows, Math.Min(table.Count, (first + b + 1) * BlockRows));
                });
                for (var b = 0; b < count; b++) file.Write(buffers[b].WrittenSpan);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Refuses a non-finite score before any output is written: every writer reports it, none stores a silent NaN.</summary>
    public void ThrowIfNotFinite()
    {
        foreach (var (name, numbers, _) in _columns)
            if (numbers is not null && Array.FindIndex(numbers, v => !double.IsFinite(v)) is var bad and >= 0)
                throw new InvalidOperationException($"Score '{name}' of customer {table.CustomerIds[bad]} is {numbers[bad]}; no scores were written.");
    }

    private void FormatRows(ArrayBufferWriter<byte> buffer, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            WriteText(buffer, CsvText.Quote(table.CustomerIds[i]));
            foreach (var (_, numbers, values) in _columns)
            {
                WriteByte(buffer, (byte)',');
                if (numbers is null)
                {
                    WriteText(buffer, CsvText.Quote(values![i]));
                    continue;
                }
                var span = buffer.GetSpan(32);
                if (!ShortestDoubleFormatter.TryFormat(numbers[i], span, out var written))
                    throw new InvalidOperationException($"Could not format {numbers[i]}.");
                buffer.Advance(written);
            }
            WriteByte(buffer, (byte)'\n');
        }
    }

    private static void WriteByte(ArrayBufferWriter<byte> buffer, byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    private static void WriteText(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
