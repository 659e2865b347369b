using System.Text;

namespace ClvML.Data.Csv;

/// <summary>
/// Another common delimiter under which a line that did not split into the expected columns would,
/// for messages that tell the user the exact <c>data.delimiter</c> to write (a semicolon file read
/// with the default comma is one column). The line is split by the same record reader, quotes and all.
/// </summary>
/// <param name="Delimiter">The character, or null for runs of spaces and tabs.</param>
internal readonly record struct DelimiterSuggestion(char? Delimiter)
{
    // Whitespace last: a line split at commas usually has spaces too.
    private static readonly char?[] Common = [',', ';', '\t', '|', null];

    /// <summary>The delimiter as a message names it.</summary>
    public string Name => Delimiter switch
    {
        null => "runs of spaces and tabs",
        '\t' => "tabs",
        var c => $"'{c}'",
    };

    /// <summary>The YAML line under <c>data:</c> that selects it.</summary>
    public string Yaml => Delimiter switch
    {
        null => "delimiter: whitespace",
        '\t' => "delimiter: \"\\t\"",
        var c => $"delimiter: \"{c}\"",
    };

    /// <summary>The first common delimiter other than <paramref name="current"/> whose fields of <paramref name="line"/> satisfy <paramref name="fits"/>.</summary>
    public static DelimiterSuggestion? For(ReadOnlySpan<byte> line, char? current, Func<IReadOnlyList<string>, bool> fits)
    {
        var bytes = line.ToArray();
        foreach (var candidate in Common)
        {
            if (candidate == current) continue;
            if (fits(Split(bytes, candidate))) return new DelimiterSuggestion(candidate);
        }
        return null;
    }

    private static List<string> Split(byte[] line, char? delimiter)
    {
        var records = new CsvRecordReader(new MemoryStream(line, writable: false), "", delimiter, bufferSize: Math.Max(16, line.Length + 1));
        var fields = new List<string>();
        try
        {
            if (records.Read())
                for (var i = 0; i < records.FieldCount; i++) fields.Add(Encoding.UTF8.GetString(records.Field(i)).Trim());
        }
        catch (InputException)
        {
            // Not text the reader takes (a NUL byte, say): no delimiter makes it fit.
            fields.Clear();
        }
        return fields;
    }
}
