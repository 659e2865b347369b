using System.Globalization;
using System.Text;
using ClvML.Data.Csv;

namespace ClvML.Evaluation.Holdout;

/// <summary>
/// A small CSV file the run itself wrote (holdout predictions, segment tables), read whole for the
/// report: a header and rows of text. Not for input data, which goes through the validating readers.
/// </summary>
public sealed class RunCsvFile
{
    private readonly Dictionary<string, int> _columns;

    private RunCsvFile(string path, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        _columns = header.Select((h, i) => (h, i)).GroupBy(p => p.h).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
    }

    /// <summary>The file, for messages.</summary>
    public string Path { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Rows of fields.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static RunCsvFile Read(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = new CsvRecordReader(stream, path, ',');
        if (!reader.Read()) throw new InputException($"{path}: empty file; train the run again.");
        var header = Fields(reader);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            if (reader.Malformed is { } why || reader.FieldCount != header.Length)
                throw new InputException($"{path}: line {reader.Line}: {reader.Malformed ?? $"{reader.FieldCount} fields for {header.Length} columns"}; restore the file or train again.");
            rows.Add(Fields(reader));
        }
        return new RunCsvFile(path, header, rows);
    }

    /// <summary>Whether the file has the column <paramref name="name"/>.</summary>
    public bool Has(string name) => _columns.ContainsKey(name);

    /// <summary>The text column <paramref name="name"/>.</summary>
    public string[] Text(string name)
    {
        var c = Index(name);
        return [.. Rows.Select(r => r[c])];
    }

    /// <summary>The numeric column <paramref name="name"/> (empty or "NaN" cells are NaN).</summary>
    public double[] Numbers(string name)
    {
        var c = Index(name);
        return [.. Rows.Select((r, i) => r[c].Length == 0 ? double.NaN
            : double.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new InputException($"{Path}: row {i + 2}, column {name}: '{r[c]}' is not a number; restore the file or train again."))];
    }

    private int Index(string name) => _columns.TryGetValue(name, out var c) ? c
        : throw new InputException($"{Path}: no column '{name}' (columns: {string.Join(", ", Header)}); train the run again with this ClvML.");

    private static string[] Fields(CsvRecordReader reader)
    {
        var fields = new string[reader.FieldCount];
        for (var i = 0; i < fields.Length; i++) fields[i] = Encoding.UTF8.GetString(reader.Field(i));
        return fields;
    }
}
