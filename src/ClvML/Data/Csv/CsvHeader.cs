using System.Text;
using ClvML.Configuration;

namespace ClvML.Data.Csv;

/// <summary>
/// The column names of a delimited file (its header line, or <c>data.column_names</c>) and the
/// lookup of mapped columns in them; every missing column is reported at once, with the header listed.
/// </summary>
internal sealed class CsvHeader
{
    private readonly string _sourceName;
    private readonly List<string> _missing = [];
    private readonly List<string> _required = [];
    private readonly byte[]? _line;
    private readonly char? _delimiter;

    private CsvHeader(string sourceName, IReadOnlyList<string> names, byte[]? line = null, char? delimiter = null)
    {
        _sourceName = sourceName;
        Names = names;
        _line = line;
        _delimiter = delimiter;
    }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the header line (or takes the configured names) from <paramref name="records"/>.</summary>
    public static CsvHeader Read(CsvRecordReader records, string sourceName, DataSettings settings)
    {
        if (!settings.Header)
        {
            var given = settings.ColumnNames
                ?? throw new InputException("data.column_names: required when data.header is false (name the file's columns in order).");
            return new CsvHeader(sourceName, given);
        }
        if (!records.Read())
            throw new InputException($"{sourceName}: the file has no header line (it is empty or blank). Set data.header: false and data.column_names if it has no header.");
        var names = new string[records.FieldCount];
        for (var i = 0; i < names.Length; i++)
            names[i] = Encoding.UTF8.GetString(records.Field(i)).Trim();
        return new CsvHeader(sourceName, names, records.RawRecord.ToArray(), CsvTransactionReader.DelimiterOf(settings));
    }

    /// <summary>Index of the column mapped by <paramref name="key"/>, or -1 (recorded as missing) when absent.</summary>
    public int Require(string column, string key)
    {
        _required.Add(column);
        var index = IndexOf(column);
        if (index < 0) _missing.Add($"column '{column}' ({key}) is not in the header");
        else if (Names.Skip(index + 1).Contains(column, StringComparer.Ordinal))
            _missing.Add($"column '{column}' ({key}) appears more than once in the header");
        return index;
    }

    /// <summary>Index of an optional column, or -1.</summary>
    public int IndexOf(string column)
    {
        for (var i = 0; i < Names.Count; i++)
            if (string.Equals(Names[i], column, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Throws one <see cref="InputException"/> listing every missing column and the header.</summary>
    public void ThrowIfMissing()
    {
        if (_missing.Count == 0) return;
        var header = "[" + string.Join(", ", Names) + "]";
        var fix = _line is not null && DelimiterSuggestion.For(_line, _delimiter, names => _required.All(names.Contains)) is { } other
            ? $"The header splits into the mapped columns at {other.Name}: write  {other.Yaml}  under data: in the config."
            : "Fix data.columns in the config (or data.delimiter if the header looks like one column).";
        throw new InputException($"{_sourceName}: {string.Join("; ", _missing)}; the columns are {header}. {fix}");
    }
}
