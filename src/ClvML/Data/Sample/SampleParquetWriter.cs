using System.Globalization;
using ClvML.Data.Parquet.Writing;
using ClvML.Data.Tables;

namespace ClvML.Data.Sample;

/// <summary>
/// Writes the sorted sample rows as a Parquet file, one row group at a time: the columns of the
/// CSV (<c>customer_id, date, amount, order_id, channel, country</c>) with types instead of text.
/// Purchases and returns only: the CSV's malformed rows (a bad date, "n/a" amounts, a wrong field
/// count) have no typed form, so they stay a CSV-only test of the reject path.
/// </summary>
internal static class SampleParquetWriter
{
    /// <param name="truth">The draw.</param>
    /// <param name="rows">Its rows (sorted here).</param>
    /// <param name="path">The file to write (atomically).</param>
    /// <param name="numericIds">customer_id as INT64 (the number in <c>C0000001</c>) instead of the text id.</param>
    /// <param name="options">Parquet layout; null for the defaults.</param>
    /// <returns>Rows written.</returns>
    public static long Write(SampleTruth truth, SampleRowBuffer rows, string path, bool numericIds, ParquetWriterOptions? options)
    {
        options ??= new ParquetWriterOptions();
        rows.Sort();
        var sampleOptions = truth.Options;
        var channels = sampleOptions.Channels.Select(c => c.Name).ToArray();
        var countries = sampleOptions.Countries.Select(c => c.Code).ToArray();
        var orderFormat = "D" + Math.Max(8, truth.Summary.Purchases.ToString(CultureInfo.InvariantCulture).Length).ToString(CultureInfo.InvariantCulture);
        // Text ids are made once per customer, not once per row.
        var textIds = numericIds ? null : Enumerable.Range(0, truth.CustomerCount).Select(truth.CustomerId).ToArray();

        var size = (int)Math.Min(options.RowGroupRows, Math.Max(1, truth.Summary.Purchases + truth.Summary.Returns));
        var ids = new long[size];
        var textIdColumn = new string?[numericIds ? 0 : size];
        var dates = new DateOnly[size];
        var amounts = new double[size];
        var orders = new string?[size];
        var channel = new string?[size];
        var country = new string?[size];
        TableColumn[] columns =
        [
            numericIds ? TableColumn.OfIntegers("customer_id", ids) : TableColumn.OfText("customer_id", textIdColumn),
            TableColumn.OfDates("date", dates), TableColumn.OfReals("amount", amounts), TableColumn.OfText("order_id", orders),
            TableColumn.OfText("channel", channel), TableColumn.OfText("country", country),
        ];
        using var writer = new ParquetFileWriter(path, [.. columns.Select(c => new ParquetColumnSpec(c.Name, c.Kind))], options);

        var purchases = truth.AllPurchases;
        var orderNumber = new int[purchases.Length];
        var nextOrder = 0;
        var filled = 0;
        long written = 0;
        foreach (ref readonly var row in rows.Rows)
        {
            if (row.Kind is not (SampleRowKind.Purchase or SampleRowKind.Return)) continue;
            ref readonly var purchase = ref purchases[row.Purchase];
            var customer = purchase.Customer;
            if (numericIds) ids[filled] = customer + 1;
            else textIdColumn[filled] = textIds![customer];
            dates[filled] = sampleOptions.Start.AddDays(row.Day);
            if (row.Kind == SampleRowKind.Purchase)
            {
                // The same order numbers as the CSV: purchases are numbered in file order.
                orderNumber[row.Purchase] = ++nextOrder;
                amounts[filled] = purchase.AmountCents / 100.0;
                orders[filled] = "O" + nextOrder.ToString(orderFormat, CultureInfo.InvariantCulture);
            }
            else
            {
                amounts[filled] = -purchase.ReturnedCents / 100.0;
                orders[filled] = "RO" + orderNumber[row.Purchase].ToString(orderFormat, CultureInfo.InvariantCulture);
            }
            channel[filled] = channels[truth.ChannelIndex(customer)];
            country[filled] = countries[truth.CountryIndex(customer)];
            if (++filled < size) continue;
            writer.WriteRowGroup(columns, 0, filled);
            written += filled;
            filled = 0;
        }
        writer.WriteRowGroup(columns, 0, filled);
        written += filled;
        writer.Complete();
        return written;
    }
}
