using System.Globalization;

namespace ClvML.Data.Sample;

/// <summary>
/// Formats the sorted rows straight into a character buffer: a million customers are a few
/// million rows, and per-row strings would dominate the time.
/// </summary>
internal static class SampleCsvWriter
{
    /// <summary>The date a <see cref="SampleRowKind.UnparseableTimestamp"/> row carries: month 13, day 45.</summary>
    internal const string BadDate = "2025-13-45";
    /// <summary>The amount a <see cref="SampleRowKind.BadAmount"/> row carries.</summary>
    internal const string BadAmount = "n/a";
    /// <summary>The amount a <see cref="SampleRowKind.NonFiniteAmount"/> row carries.</summary>
    internal const string NonFiniteAmount = "NaN";

    private const int DateLength = 10;

    public static void Write(SampleTruth truth, SampleRowBuffer rows, TextWriter writer)
    {
        rows.Sort();
        writer.Write(SampleGenerator.CsvHeader + "\n");

        var options = truth.Options;
        var dayCount = options.End.DayNumber - options.Start.DayNumber + 1;
        var dates = new char[dayCount * DateLength];
        for (var d = 0; d < dayCount; d++)
            options.Start.AddDays(d).TryFormat(dates.AsSpan(d * DateLength, DateLength), out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var channels = options.Channels.Select(c => CsvText.Quote(c.Name)).ToArray();
        var countries = options.Countries.Select(c => CsvText.Quote(c.Code)).ToArray();
        var idFormat = "D" + truth.IdDigits.ToString(CultureInfo.InvariantCulture);
        var orderFormat = "D" + Math.Max(8, truth.Summary.Purchases.ToString(CultureInfo.InvariantCulture).Length).ToString(CultureInfo.InvariantCulture);

        // Room for the longest line: ids, date, amount and order id are under 100 characters.
        var longestLine = 100 + channels.Max(c => c.Length) + countries.Max(c => c.Length);
        var buffer = new char[Math.Max(1 << 16, 4 * longestLine)];
        var used = 0;

        var purchases = truth.AllPurchases;
        // File-order number of each purchase, for the order id of its return.
        var orderNumber = new int[purchases.Length];
        int nextOrder = 0, nextMalformed = 0;

        foreach (ref readonly var row in rows.Rows)
        {
            if (buffer.Length - used < longestLine)
            {
                writer.Write(buffer, 0, used);
                used = 0;
            }
            ref readonly var purchase = ref purchases[row.Purchase];
            var line = buffer.AsSpan(used);
            var n = 0;
            if (row.Kind != SampleRowKind.MissingCustomerId)
            {
                line[n++] = 'C';
                n += Format(purchase.Customer + 1, line[n..], idFormat);
            }
            line[n++] = ',';
            if (row.Kind == SampleRowKind.UnparseableTimestamp)
                n += Append(BadDate, line[n..]);
            else
                n += Append(dates.AsSpan(row.Day * DateLength, DateLength), line[n..]);
            line[n++] = ',';
            n += row.Kind switch
            {
                SampleRowKind.Return => FormatCents(-purchase.ReturnedCents, line[n..]),
                SampleRowKind.BadAmount => Append(BadAmount, line[n..]),
                SampleRowKind.NonFiniteAmount => Append(NonFiniteAmount, line[n..]),
                _ => FormatCents(purchase.AmountCents, line[n..]),
            };
            line[n++] = ',';
            switch (row.Kind)
            {
                case SampleRowKind.Purchase:
                    orderNumber[row.Purchase] = ++nextOrder;
                    line[n++] = 'O';
                    n += Format(nextOrder, line[n..], orderFormat);
                    break;
                case SampleRowKind.Return:
                    // A return is dated at least a day after its purchase, so the purchase is numbered already.
                    line[n++] = 'R';
                    line[n++] = 'O';
                    n += Format(orderNumber[row.Purchase], line[n..], orderFormat);
                    break;
                default:
                    line[n++] = 'M';
                    n += Format(++nextMalformed, line[n..], orderFormat);
                    break;
            }
            line[n++] = ',';
            n += Append(channels[truth.ChannelIndex(purchase.Customer)], line[n..]);
            if (row.Kind != SampleRowKind.WrongFieldCount)
            {
                line[n++] = ',';
                n += Append(countries[truth.CountryIndex(purchase.Customer)], line[n..]);
            }
            line[n++] = '\n';
            used += n;
        }
        writer.Write(buffer, 0, used);
        writer.Flush();
    }

    private static int Append(ReadOnlySpan<char> text, Span<char> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    private static int Format(int value, Span<char> destination, string format)
    {
        value.TryFormat(destination, out var written, format, CultureInfo.InvariantCulture);
        return written;
    }

    private static int FormatCents(long cents, Span<char> destination)
    {
        var n = 0;
        if (cents < 0)
        {
            destination[n++] = '-';
            cents = -cents;
        }
        (cents / 100).TryFormat(destination[n..], out var written, default, CultureInfo.InvariantCulture);
        n += written;
        var fraction = (int)(cents % 100);
        destination[n++] = '.';
        destination[n++] = (char)('0' + fraction / 10);
        destination[n++] = (char)('0' + fraction % 10);
        return n;
    }
}
