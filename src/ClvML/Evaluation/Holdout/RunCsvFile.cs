using System.Globalization;
using System.Text;
using ClvML.Data.Csv;

namespace ClvML.Evaluation.Holdout;

/// <summary>
/// A CSV file the run itself wrote (holdout predictions, segment tables), read whole for the report.
/// Not for input data, which goes through the validating readers. Cells are parsed into numbers as
/// they are read and kept as text only for the columns asked for, so a million-customer predictions
/// file costs eight bytes a cell rather than a string each.
/// </summary>
public sealed class RunCsvFile
{
    private readonly Dictionary<string, int> _columns;
    private readonly List<double>[] _numbers;
    private readonly long[] _firstBadLine;
    private readonly List<string>?[] _text;

    private RunCsvFile(string path, string[] header, IReadOnlySet<string> textColumns)
    {
        Path = path;
        Header = header;
        _columns = header.Select((h, i) => (h, i)).GroupBy(p => p.h).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        _numbers = [.. header.Select(_ => new List<double>())];
        _firstBadLine = new long[header.Length];
        _text = [.. header.Select(h => textColumns.Contains(h) ? new List<string>() : null)];
    }

    /// <summary>The file, for messages.</summary>
    public string Path { get; }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows.</summary>
    public int RowCount { get; private set; }

    /// <summary>Reads the file at <paramref name="path"/>, keeping <paramref name="textColumns"/> as text.</summary>
    public static RunCsvFile Read(string path, params string[] textColumns)
    {
        using var stream = File.OpenRead(path);
        var reader = new CsvRecordReader(stream, path, ',');
        if (!reader.Read()) throw new InputException($"{path}: empty file; train the run again.");
        var header = new string[reader.FieldCount];
        for (var i = 0; i < header.Length; i++) header[i] = Encoding.UTF8.GetString(reader.Field(i));
        var file = new RunCsvFile(path, header, new HashSet<string>(textColumns, StringComparer.Ordinal));
        while (reader.Read())
        {
            if (reader.Malformed is not null || reader.FieldCount != header.Length)
                throw new InputException($"{path}: line {reader.Line}: {reader.Malformed ?? $"{reader.FieldCount} fields for {header.Length} columns"}; restore the file or train again.");
            file.Add(reader);
        }
        return file;
    }

    private void Add(CsvRecordReader reader)
    {
        for (var c = 0; c < Header.Count; c++)
        {
            var field = reader.Field(c);
            _text[c]?.Add(Encoding.UTF8.GetString(field));
            var value = double.NaN;
            if (!field.IsEmpty && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                value = double.NaN;
                if (_firstBadLine[c] == 0) _firstBadLine[c] = reader.Line;
            }
            _numbers[c].Add(value);
        }
        RowCount++;
    }

    /// <summary>Whether the file has the column <paramref name="name"/>.</summary>
    public bool Has(string name) => _columns.ContainsKey(name);

    /// <summary>The text column <paramref name="name"/> (it must have been asked for when reading).</summary>
    public string[] Text(string name) =>
        _text[Index(name)] is { } text ? [.. text] : throw new ArgumentException($"Column '{name}' was not read as text.", nameof(name));

    /// <summary>The numeric column <paramref name="name"/> (empty cells are NaN; any other non-number is an error naming the line).</summary>
    public double[] Numbers(string name)
    {
        var c = Index(name);
        if (_firstBadLine[c] != 0)
            throw new InputException($"{Path}: line {_firstBadLine[c]}, column {name}: not a number; restore the file or train again.");
        return [.. _numbers[c]];
    }

    private int Index(string name) => _columns.TryGetValue(name, out var c) ? c
        : throw new InputException($"{Path}: no column '{name}' (columns: {string.Join(", ", Header)}); train the run again with this ClvML.");
}
