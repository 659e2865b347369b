using System.Globalization;
using System.Runtime.InteropServices;
using ClvML.Configuration;
using ClvML.Data;

namespace ClvML.Features;

/// <summary>
/// The sink that turns accepted transactions into per-customer state. In streaming mode each row
/// updates a fixed-size <see cref="CustomerState"/> at once, so memory grows with customers, not
/// rows; that needs the calibration end before the first row and rows in chronological order per
/// customer (true of order logs and of files grouped by customer). Otherwise, in buffered mode, rows
/// are kept compactly, sorted per customer at the end and replayed through the same update, so both
/// modes give identical features.
/// </summary>
internal sealed class TransactionAccumulator : ITransactionSink
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _ids = [];
    private CustomerState[] _states = new CustomerState[1024];
    private readonly List<string[]> _attributes = [];
    private readonly List<int> _attributeDay = [];
    private readonly int _attributeCount;
    private readonly ReturnPolicy _returns;
    private readonly RejectLog _rejects;
    private readonly PeriodCalendar _calendar;
    private readonly int _observationEndDay;
    private readonly string _amountColumn;
    private BufferedRow[]? _buffer;
    private int _buffered;
    private int _calibrationEndDay;

    /// <param name="data">Column mapping and return policy.</param>
    /// <param name="calendar">Purchase periods and time unit.</param>
    /// <param name="rejects">Where rows rejected here are accounted.</param>
    /// <param name="calibrationEndDay">Last calibration day; null to buffer rows until the end is known.</param>
    /// <param name="observationEndDay">Rows after this day are rejected; null for no limit.</param>
    public TransactionAccumulator(DataSettings data, PeriodCalendar calendar, RejectLog rejects, int? calibrationEndDay, int? observationEndDay)
    {
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        _attributeCount = data.Columns.Attributes.Count;
        _returns = data.Returns;
        _rejects = rejects;
        _calendar = calendar;
        _amountColumn = data.Columns.Amount ?? data.Columns.Quantity ?? "amount";
        _observationEndDay = observationEndDay ?? int.MaxValue;
        if (calibrationEndDay is { } end) _calibrationEndDay = end;
        else _buffer = new BufferedRow[1024];
    }

    /// <summary>Whether rows are buffered and replayed at the end.</summary>
    public bool Buffered => _buffer is not null;
    /// <summary>Earliest accepted day, or int.MaxValue before any row.</summary>
    public int MinDay { get; private set; } = int.MaxValue;
    /// <summary>Latest accepted day, or int.MinValue before any row.</summary>
    public int MaxDay { get; private set; } = int.MinValue;
    /// <summary>Customers seen so far.</summary>
    public int CustomerCount => _ids.Count;
    internal IReadOnlyList<string> CustomerIds => _ids;
    internal ReadOnlySpan<CustomerState> States => _states.AsSpan(0, _ids.Count);
    internal IReadOnlyList<string[]> AttributeValues => _attributes;

    /// <inheritdoc />
    public void Accept(in TransactionRow row)
    {
        var day = DateOnly.FromDateTime(row.Timestamp).DayNumber;
        if (day > _observationEndDay)
        {
            _rejects.Reject(row.Line, null, RejectReason.AfterObservationEnd,
                $"dated {DateOnly.FromDayNumber(day):yyyy-MM-dd}, after features.observation_end {DateOnly.FromDayNumber(_observationEndDay):yyyy-MM-dd}");
            return;
        }
        var isReturn = row.Amount < 0 && _returns != ReturnPolicy.Keep;
        if (isReturn && _returns == ReturnPolicy.Drop)
        {
            _rejects.Reject(row.Line, _amountColumn, RejectReason.ReturnDropped,
                $"negative amount {row.Amount.ToString(CultureInfo.InvariantCulture)} (data.returns is 'drop')");
            return;
        }
        var customer = CustomerIndex(row.CustomerId);
        if (_attributeCount > 0 && day < _attributeDay[customer]) KeepAttributes(customer, day, row);
        if (day < MinDay) MinDay = day;
        if (day > MaxDay) MaxDay = day;
        var orderHash = OrderHash(row.OrderId);
        if (_buffer is not null)
        {
            if (_buffered == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            _buffer[_buffered++] = new BufferedRow(customer, day, row.Amount, orderHash, row.Line, isReturn);
            return;
        }
        ref var state = ref _states[customer];
        if (day < state.LastEventDay) throw new OutOfOrderInput();
        state.LastEventDay = day;
        Apply(ref state, customer, day, row.Amount, orderHash, row.Line, isReturn);
    }

    /// <summary>In buffered mode: fixes the calibration end, then replays the rows per customer in date order.</summary>
    public void Replay(int calibrationEndDay)
    {
        _calibrationEndDay = calibrationEndDay;
        if (_buffer is null) return;
        var rows = _buffer.AsSpan(0, _buffered);
        // Line numbers are unique, so this order is total and the replay deterministic.
        rows.Sort(static (x, y) => x.Customer != y.Customer ? x.Customer.CompareTo(y.Customer)
            : x.Day != y.Day ? x.Day.CompareTo(y.Day) : x.Line.CompareTo(y.Line));
        foreach (ref readonly var r in rows)
            Apply(ref _states[r.Customer], r.Customer, r.Day, r.Amount, r.OrderHash, r.Line, r.IsReturn);
        _buffer = null;
    }

    /// <summary>The one update rule: lifetimes' period merging, net returns, orders, holdout targets.</summary>
    private void Apply(ref CustomerState s, int customer, int day, double amount, ulong orderHash, long line, bool isReturn)
    {
        if (day > _calibrationEndDay)
        {
            if (!isReturn)
            {
                var period = _calendar.PeriodOf(day);
                if (s.HoldoutPeriods == 0 || period != s.HoldoutLastPeriod)
                {
                    s.HoldoutPeriods++;
                    s.HoldoutLastPeriod = period;
                }
            }
            s.HoldoutSpend += amount;
            s.HasHoldoutRows = true;
            return;
        }
        if (isReturn)
        {
            // A return nets against the customer's latest purchase period, which (rows being in
            // date order) is the current one; before any purchase there is nothing to net against.
            if (s.CalibrationPeriods == 0)
            {
                _rejects.Reject(line, _amountColumn, RejectReason.ReturnBeforeFirstPurchase,
                    $"return of {amount.ToString(CultureInfo.InvariantCulture)} by customer '{_ids[customer]}' on {DateOnly.FromDayNumber(day):yyyy-MM-dd}, before any purchase of theirs");
                return;
            }
            s.CalibrationSpend += amount;
            if (s.CalibrationPeriods == 1) s.FirstPeriodSpend += amount;
            return;
        }
        var p = _calendar.PeriodOf(day);
        if (s.CalibrationPeriods == 0)
        {
            s.FirstDay = day;
            s.CalibrationPeriods = 1;
            s.LastPeriod = p;
            s.FirstPeriodSpend = amount;
        }
        else if (p != s.LastPeriod)
        {
            s.CalibrationPeriods++;
            s.LastPeriod = p;
        }
        else if (s.CalibrationPeriods == 1) s.FirstPeriodSpend += amount;
        s.LastDay = day;
        s.CalibrationSpend += amount;
        if (orderHash == 0 || orderHash != s.LastOrderHash) s.CalibrationOrders++;
        s.LastOrderHash = orderHash;
    }

    private int CustomerIndex(ReadOnlySpan<char> id)
    {
        if (_lookup.TryGetValue(id, out var index)) return index;
        index = _ids.Count;
        var text = id.ToString();
        _index.Add(text, index);
        _ids.Add(text);
        if (index == _states.Length) Array.Resize(ref _states, _states.Length * 2);
        if (_attributeCount > 0)
        {
            _attributes.Add(new string[_attributeCount]);
            _attributeDay.Add(int.MaxValue);
        }
        return index;
    }

    private void KeepAttributes(int customer, int day, in TransactionRow row)
    {
        var values = _attributes[customer];
        for (var i = 0; i < values.Length; i++) values[i] = row.Attribute(i).ToString();
        _attributeDay[customer] = day;
    }

    /// <summary>FNV-1a over the order id; 0 means "no order id" (every row its own order).</summary>
    private static ulong OrderHash(ReadOnlySpan<char> orderId)
    {
        if (orderId.IsEmpty) return 0;
        var hash = 14695981039346656037UL;
        foreach (var c in MemoryMarshal.AsBytes(orderId))
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash == 0 ? 1 : hash;
    }

    private readonly record struct BufferedRow(int Customer, int Day, double Amount, ulong OrderHash, long Line, bool IsReturn);
}

/// <summary>Signals that a customer's rows are not in date order, so streaming mode cannot be exact.</summary>
internal sealed class OutOfOrderInput : Exception
{
    public OutOfOrderInput() : base("A customer's transactions are not in chronological order.") { }
}
