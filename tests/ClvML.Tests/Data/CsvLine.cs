namespace ClvML.Tests.Data;

/// <summary>Splits one line of a CSV file ClvML wrote, for tests that compare its cells with another format's values.</summary>
internal static class CsvLine
{
    /// <summary>The cells of <paramref name="line"/>: quoted cells (labels such as "high value, cooling") unquoted, doubled quotes undoubled.</summary>
    public static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
            else if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }
}
