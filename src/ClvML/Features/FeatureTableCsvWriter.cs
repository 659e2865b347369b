using System.Globalization;
using ClvML.Data;
using ClvML.Data.Output;
using ClvML.Data.Text;

namespace ClvML.Features;

/// <summary>
/// Writes features.csv: the columns of <see cref="FeatureSchema.ColumnsOf"/> in its order (DESIGN.md's column
/// contract: <c>customer_id, frequency, recency, T, monetary_value</c>, the RFM/tenure columns, attributes, and
/// the holdout columns when present).
/// Doubles are written in round-trip form, so reading the file back gives the same numbers.
/// </summary>
public static class FeatureTableCsvWriter
{
    /// <summary>Writes the table to <paramref name="path"/> (atomically: a <see cref="StagedFile"/> renamed into place).</summary>
    public static void Write(CustomerFeatureTable table, string path)
    {
        StagedFile.Write(path, temporary =>
        {
            using var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false), 1 << 16);
            Write(table, writer);
        });
    }

    /// <summary>Writes the table as CSV text.</summary>
    public static void Write(CustomerFeatureTable table, TextWriter writer)
    {
        writer.NewLine = "\n";
        writer.WriteLine(string.Join(',', Columns(table).Select(CsvText.Quote)));

        // The customer id first, then every other column in the schema's order, by its stored type.
        var values = FeatureSchema.ColumnsOf(table).Skip(1).Select(c => c.ValuesIn(table)!).ToArray();
        for (var i = 0; i < table.Count; i++)
        {
            writer.Write(CsvText.Quote(table.CustomerIds[i]));
            foreach (var column in values)
            {
                switch (column)
                {
                    case double[] reals: Number(writer, reals[i]); break;
                    case int[] integers: Number(writer, integers[i]); break;
                    case DateOnly[] dates:
                        writer.Write(',');
                        writer.Write(dates[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        break;
                    case string[] text:
                        writer.Write(',');
                        writer.Write(CsvText.Quote(text[i]));
                        break;
                    default: throw new InvalidOperationException($"Unexpected column storage {column.GetType().Name}.");
                }
            }
            writer.WriteLine();
        }
    }

    /// <summary>The header of <paramref name="table"/>'s features.csv, in file order.</summary>
    public static IReadOnlyList<string> Columns(CustomerFeatureTable table) => [.. FeatureSchema.ColumnsOf(table).Select(c => c.Name)];

    private static void Number(TextWriter writer, double value)
    {
        writer.Write(',');
        // Round-trip text without a string per value (the same text as ToString("R")).
        Span<byte> utf8 = stackalloc byte[32];
        Span<char> chars = stackalloc char[32];
        ShortestDoubleFormatter.TryFormat(value, utf8, out var length);
        for (var i = 0; i < length; i++) chars[i] = (char)utf8[i];
        writer.Write(chars[..length]);
    }
}
