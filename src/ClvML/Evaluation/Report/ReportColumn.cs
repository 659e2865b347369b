using System.Globalization;

namespace ClvML.Evaluation.Report;

/// <summary>
/// A table column: header, alignment, and how numbers in it are written (a .NET format string in
/// the invariant culture, so the report reads the same on every machine).
/// </summary>
/// <param name="Header">Column header.</param>
/// <param name="Alignment">Alignment of header and cells.</param>
/// <param name="NumberFormat">Format of numeric cells (for example "N2", "0.000", "P1"); null writes integers plainly and other numbers with four significant digits.</param>
public sealed record ReportColumn(string Header, ColumnAlignment Alignment = ColumnAlignment.Left, string? NumberFormat = null)
{
    /// <summary>What a missing or non-finite number is written as: a dash reads as "no value" where "NaN" reads as a bug.</summary>
    public const string MissingValue = "–";

    /// <summary>A left-aligned text column.</summary>
    public static ReportColumn Text(string header) => new(header);

    /// <summary>A right-aligned number column with <paramref name="format"/> (default: four significant digits).</summary>
    public static ReportColumn Number(string header, string? format = null) => new(header, ColumnAlignment.Right, format);

    /// <summary>Writes one cell of this column as text.</summary>
    public string FormatCell(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => FormatNumber(d),
        float f => FormatNumber(f),
        decimal m => m.ToString(NumberFormat ?? "G", CultureInfo.InvariantCulture),
        int or long or short or byte or uint or ulong or ushort =>
            ((IFormattable)value).ToString(NumberFormat is { } f && !f.StartsWith('P') && !f.StartsWith('p') ? f : "N0", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString(time.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Formats with a .NET format string; percentages without the invariant culture's space
    /// before the sign ("12.5%", the way reports and spreadsheets write them).
    /// </summary>
    private static string FormatWith(double value, string format) =>
        format.Length > 0 && format[0] is 'P' or 'p'
            ? (value * 100).ToString("F" + (format.Length > 1 ? format[1..] : "2"), CultureInfo.InvariantCulture) + "%"
            : value.ToString(format, CultureInfo.InvariantCulture);

    private string FormatNumber(double value)
    {
        if (!double.IsFinite(value)) return MissingValue;
        var text = NumberFormat is { } format
            ? FormatWith(value, format)
            : Math.Abs(value) >= 1e4 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("G4", CultureInfo.InvariantCulture);
        // "-0.00" for a tiny negative reads as a real sign; drop it when nothing but zeros is left.
        return text.StartsWith('-') && !text.Any(c => c is >= '1' and <= '9') ? text[1..] : text;
    }
}
