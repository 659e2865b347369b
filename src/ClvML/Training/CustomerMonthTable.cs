using ClvML.Data;
using ClvML.Data.Tables;
using ClvML.Features;
using ClvML.Numerics;

namespace ClvML.Training;

/// <summary>
/// The <c>customer_months</c> table behind the cohort-retention views: one row per customer of the
/// feature table and calendar month in which they made at least one purchase, up to the observation
/// end. The feature table keeps no per-month history, so the source is read once more for it (only
/// for a SQLite export). A purchase is what the features count as one: any accepted row except a
/// return (a negative amount, unless <c>data.returns</c> is keep); returns still net the month's revenue.
/// </summary>
public sealed class CustomerMonthTable : ITransactionSink
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _customers;
    private readonly IReadOnlyList<string> _ids;
    private readonly int _observationEndDay;
    private readonly ReturnPolicy _returns;
    private readonly Dictionary<(int Customer, int Month), (long Purchases, double Revenue)> _months = [];

    private CustomerMonthTable(CustomerFeatureTable table, ReturnPolicy returns)
    {
        _ids = table.CustomerIds;
        var index = new Dictionary<string, int>(table.Count, StringComparer.Ordinal);
        for (var i = 0; i < table.Count; i++) index[table.CustomerIds[i]] = i;
        _customers = index.GetAlternateLookup<ReadOnlySpan<char>>();
        _observationEndDay = table.Window.ObservationEnd?.DayNumber ?? int.MaxValue;
        _returns = returns;
    }

    /// <summary>Reads <paramref name="source"/> again and tabulates the months of the customers in <paramref name="table"/>.</summary>
    public static ColumnTable Build(ITransactionSource source, CustomerFeatureTable table, DataSettings data)
    {
        var months = new CustomerMonthTable(table, data.Returns);
        // The rows were accounted for when the features were built; this pass only counts.
        source.ReadInto(months, new RejectLog(source.Name, BadRowPolicy.Reject));
        return months.ToColumnTable();
    }

    /// <inheritdoc />
    public void Accept(in TransactionRow row)
    {
        if (!_customers.TryGetValue(row.CustomerId, out var customer)) return;
        var when = row.Timestamp;
        if (DateOnly.FromDateTime(when).DayNumber > _observationEndDay) return;
        var isReturn = row.Amount < 0 && _returns != ReturnPolicy.Keep;
        if (isReturn && _returns == ReturnPolicy.Drop) return;
        var key = (customer, MonthIndex(when.Year, when.Month));
        _months.TryGetValue(key, out var sums);
        _months[key] = (sums.Purchases + (isReturn ? 0 : 1), Money.Add(sums.Revenue, row.Amount));
    }

    /// <summary>Months counted from year 0, so that subtracting two gives the months between them.</summary>
    public static int MonthIndex(int year, int month) => year * 12 + month - 1;

    private ColumnTable ToColumnTable()
    {
        var rows = _months.Where(p => p.Value.Purchases > 0).OrderBy(p => p.Key.Customer).ThenBy(p => p.Key.Month).ToArray();
        return new ColumnTable("customer_months",
        [
            TableColumn.OfText("customer_id", [.. rows.Select(r => _ids[r.Key.Customer])]),
            TableColumn.OfText("month", [.. rows.Select(r => $"{r.Key.Month / 12:D4}-{r.Key.Month % 12 + 1:D2}")]),
            TableColumn.OfIntegers("month_index", rows.Select(r => (long)r.Key.Month).ToArray()),
            TableColumn.OfIntegers("purchases", rows.Select(r => r.Value.Purchases).ToArray()),
            TableColumn.OfReals("revenue", rows.Select(r => r.Value.Revenue).ToArray()),
        ]);
    }
}
