using System.Globalization;
using System.Text;
using ClvML.Data;
using ClvML.Features;

namespace ClvML.Scoring;

/// <summary>The scores file being assembled: customer_id, then named numeric and text columns in the order added.</summary>
internal sealed class ScoreColumns(CustomerFeatureTable table)
{
    private readonly List<(string Name, double[]? Numbers, string[]? Text)> _columns = [];

    public void Add(string name, double[] values) => _columns.Add((name, values, null));

    public void AddText(string name, string[] values) => _columns.Add((name, null, values));

    /// <summary>Writes the CSV (doubles in round-trip form; a non-finite value is an error, never a silent "NaN").</summary>
    public void Write(string path)
    {
        foreach (var (name, numbers, _) in _columns)
            if (numbers is not null && Array.FindIndex(numbers, v => !double.IsFinite(v)) is var bad and >= 0)
                throw new InvalidOperationException($"Score '{name}' of customer {table.CustomerIds[bad]} is {numbers[bad]}; no scores were written.");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        // Written beside the target and renamed, so a nightly job never reads a half-written file.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            var header = new StringBuilder("customer_id");
            foreach (var (name, _, _) in _columns) header.Append(',').Append(name);
            writer.WriteLine(header);
            var line = new StringBuilder();
            for (var i = 0; i < table.Count; i++)
            {
                line.Clear().Append(CsvText.Quote(table.CustomerIds[i]));
                foreach (var (_, numbers, text) in _columns)
                {
                    line.Append(',');
                    if (numbers is not null) line.Append(numbers[i].ToString("R", CultureInfo.InvariantCulture));
                    else line.Append(CsvText.Quote(text![i]));
                }
                writer.WriteLine(line);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}
