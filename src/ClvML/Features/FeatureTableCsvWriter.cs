using System.Globalization;
using ClvML.Data;
using ClvML.Data.Output;
using ClvML.Data.Text;

namespace ClvML.Features;

/// <summary>
/// Writes features.csv: <c>customer_id, frequency, recency, T, monetary_value</c>, the RFM/tenure
/// columns, attributes, and the holdout columns when present (DESIGN.md's column contract).
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

        var rfm = table.Rfm;
        var holdout = table.Holdout;
        for (var i = 0; i < table.Count; i++)
        {
            writer.Write(CsvText.Quote(table.CustomerIds[i]));
            Number(writer, table.Frequency[i]);
            Number(writer, table.Recency[i]);
            Number(writer, table.T[i]);
            Number(writer, table.MonetaryValue[i]);
            if (rfm is not null)
            {
                Number(writer, rfm.RecencyDays[i]);
                Number(writer, rfm.Orders[i]);
                Number(writer, rfm.TotalSpend[i]);
                Number(writer, rfm.AvgOrderValue[i]);
                Number(writer, rfm.TenureDays[i]);
                writer.Write(',');
                writer.Write(rfm.FirstPurchase[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.Write(',');
                writer.Write(rfm.LastPurchase[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            foreach (var attribute in table.Attributes)
            {
                writer.Write(',');
                writer.Write(CsvText.Quote(attribute.Values[i]));
            }
            if (holdout is not null)
            {
                Number(writer, holdout.Frequency[i]);
                Number(writer, holdout.Spend[i]);
                Number(writer, holdout.Duration[i]);
            }
            writer.WriteLine();
        }
    }

    /// <summary>The header of <paramref name="table"/>'s features.csv, in file order.</summary>
    public static IReadOnlyList<string> Columns(CustomerFeatureTable table)
    {
        var header = new List<string> { "customer_id", "frequency", "recency", "T", "monetary_value" };
        if (table.Rfm is not null)
            header.AddRange(["recency_days", "orders", "total_spend", "avg_order_value", "tenure_days", "first_purchase", "last_purchase"]);
        header.AddRange(table.Attributes.Select(a => a.Name));
        if (table.Holdout is not null) header.AddRange(["holdout_frequency", "holdout_spend", "holdout_duration"]);
        return header;
    }

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
