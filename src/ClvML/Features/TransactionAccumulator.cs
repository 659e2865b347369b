using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using ClvML.Data;
using ClvML.Numerics;

namespace ClvML.Features;

/// <summary>
/// The sink that turns accepted transactions into per-customer state. In streaming mode each row
/// updates a fixed-size <see cref="CustomerState"/> at once, so memory grows with customers, not
/// rows; that needs the calibration end before the first row and rows in chronological order per
/// customer (true of order logs and of files grouped by customer). Otherwise, in buffered mode, rows
/// are kept compactly, sorted per customer at the end and replayed through the same update, so both
/// modes give identical features. Rows are handled in batches: ids are hashed as rows arrive, then
/// a batch is looked up and applied in tight loops, so the cache misses of a million-customer table
/// overlap instead of queueing one per row. With <c>bad_rows: reject</c> the batches are applied on a
/// second thread while the reader parses the next ones (a two-stage pipeline); with <c>fail</c> rows
/// are applied one by one on the reader's thread so that the first bad row stops the read.
/// </summary>
internal sealed class TransactionAccumulator : ITransactionBatchSink, IDisposable
{
    // Three batches: one being filled, one being applied, one queued between them.
    private const int PipelineDepth = 3;
    // Rows per batch. Each hand-over may wake the other thread, which on this virtual machine costs
    // tens of microseconds (futex wake and an inter-processor interrupt): 4,096-row batches spent
    // about 5% of the Parquet path's CPU there.
    private const int BatchRows = 16384;
    private readonly BlockingCollection<PendingRows>? _full;
    private readonly BlockingCollection<PendingRows>? _free;
    private readonly Task? _consumer;
    private volatile Exception? _consumerError;
    private bool _flushed;
    private readonly CustomerIndex _keys = new();
    private readonly CustomerStateArray _states = new(1024);
    private readonly List<string[]> _attributes = [];
    private readonly List<int> _attributeDay = [];
    private readonly int _attributeCount;
    private readonly ReturnPolicy _returns;
    private readonly RejectLog _rejects;
    private readonly PeriodCalendar _calendar;
    private readonly int _observationEndDay;
    private readonly string _amountColumn;
    private PendingRows _pending;
    // Decided by the first row: whether the reading thread resolves ids to customers (see ResolveOnReader).
    private bool? _resolveOnReader;
    private BufferedRow[]? _buffer;
    private int _buffered;
    private int _calibrationEndDay;
    private bool _spendInUnits = true;

    /// <param name="data">Column mapping, return policy and bad-row policy.</param>
    /// <param name="calendar">Purchase periods and time unit.</param>
    /// <param name="rejects">Where rows rejected here are accounted.</param>
    /// <param name="calibrationEndDay">Last calibration day; null to buffer rows until the end is known.</param>
    /// <param name="observationEndDay">Rows after this day are rejected; null for no limit.</param>
    public TransactionAccumulator(DataSettings data, PeriodCalendar calendar, RejectLog rejects, int? calibrationEndDay, int? observationEndDay)
    {
        _attributeCount = data.Columns.Attributes.Count;
        _returns = data.Returns;
        _rejects = rejects;
        _calendar = calendar;
        _amountColumn = data.Columns.Amount ?? data.Columns.Quantity ?? "amount";
        _observationEndDay = observationEndDay ?? int.MaxValue;
        if (calibrationEndDay is { } end) _calibrationEndDay = end;
        else _buffer = new BufferedRow[1024];
        if (data.BadRows == BadRowPolicy.Fail)
        {
            _pending = new PendingRows(1, _attributeCount);
            return;
        }
        _pending = new PendingRows(BatchRows, _attributeCount);
        _full = new BlockingCollection<PendingRows>(PipelineDepth);
        _free = new BlockingCollection<PendingRows>(PipelineDepth);
        for (var i = 1; i < PipelineDepth; i++) _free.Add(new PendingRows(BatchRows, _attributeCount));
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Whether rows are buffered and replayed at the end.</summary>
    public bool Buffered => _buffer is not null;
    /// <summary>Earliest accepted day, or int.MaxValue before any row.</summary>
    public int MinDay { get; private set; } = int.MaxValue;
    /// <summary>Latest accepted day, or int.MinValue before any row.</summary>
    public int MaxDay { get; private set; } = int.MinValue;
    /// <summary>Customers seen so far.</summary>
    public int CustomerCount => _keys.Count;
    /// <summary>A customer's id for a message from the applying thread, while the reading thread may be adding ids.</summary>
    private string NameOf(int customer)
    {
        lock (_keys) return _keys.Id(customer);
    }
    /// <summary>The ids of <paramref name="customers"/>, made into strings only when read; call after <see cref="Flush"/>.</summary>
    internal CustomerIdList CustomerIds(List<int> customers) => _keys.Ids(customers);
    internal ReadOnlySpan<CustomerState> States => _states.AsSpan(_keys.Count);

    /// <summary>
    /// What one currency unit is in the states' spend fields: <see cref="Money.UnitsPerCurrencyUnit"/>
    /// while every amount was a whole number of them (cents are), so that the spends are exact sums,
    /// or 1 once an amount was not and the spends became ordinary double sums of currency.
    /// </summary>
    internal double SpendScale => _spendInUnits ? Money.UnitsPerCurrencyUnit : 1;
    internal IReadOnlyList<string[]> AttributeValues => _attributes;

    /// <inheritdoc />
    public void Accept(in TransactionRow row)
    {
        _resolveOnReader ??= false;
        var day = (int)(row.Timestamp.Ticks / TimeSpan.TicksPerDay);
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
        if (_pending.Add(row, OrderHash(row.OrderId), isReturn)) Submit();
    }

    /// <inheritdoc />
    public void AcceptBatch(in TransactionColumns rows)
    {
        // Column batches come from a reader with time to spare (see ResolveOnReader).
        _resolveOnReader ??= _full is not null;
        // The checks of Accept, on days and numbers: no DateTime and no id text per row.
        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        var ids = rows.CustomerIds;
        var days = rows.EpochDays;
        var amounts = rows.Amounts;
        for (var i = 0; i < ids.Length; i++)
        {
            var day = epoch + days[i];
            var amount = amounts[i];
            var line = rows.FirstLine + i;
            if (day > _observationEndDay)
            {
                _rejects.Reject(line, null, RejectReason.AfterObservationEnd,
                    $"dated {DateOnly.FromDayNumber(day):yyyy-MM-dd}, after features.observation_end {DateOnly.FromDayNumber(_observationEndDay):yyyy-MM-dd}");
                continue;
            }
            var isReturn = amount < 0 && _returns != ReturnPolicy.Keep;
            if (isReturn && _returns == ReturnPolicy.Drop)
            {
                _rejects.Reject(line, _amountColumn, RejectReason.ReturnDropped,
                    $"negative amount {amount.ToString(CultureInfo.InvariantCulture)} (data.returns is 'drop')");
                continue;
            }
            if (_pending.AddNumeric(ids[i], day * TimeSpan.TicksPerDay, amount, line, isReturn)) Submit();
        }
    }

    /// <summary>Hands a full batch on: to the applying thread, or applies it here without one.</summary>
    private void Submit()
    {
        if (_full is null)
        {
            Apply(_pending);
            return;
        }
        if (_consumerError is not null) Flush();
        if (_resolveOnReader == true) ResolveOnReader(_pending);
        _full.Add(_pending);
        _pending = _free!.Take();
    }

    private void Consume()
    {
        foreach (var batch in _full!.GetConsumingEnumerable())
        {
            // After a failure the batches still circulate, so the reader never waits forever.
            if (_consumerError is null)
            {
                try
                {
                    Apply(batch);
                }
                catch (Exception e)
                {
                    _consumerError = e;
                }
            }
            batch.Clear();
            _free!.Add(batch);
        }
    }

    /// <summary>Applies every row accepted so far and stops the applying thread; call once the source is read.</summary>
    public void Flush()
    {
        if (_flushed) return;
        if (_full is null)
        {
            Apply(_pending);
        }
        else
        {
            if (_pending.Count > 0 && _consumerError is null)
            {
                if (_resolveOnReader == true) ResolveOnReader(_pending);
                _full.Add(_pending);
            }
            _full.CompleteAdding();
            _consumer!.Wait();
        }
        _flushed = true;
        if (_consumerError is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>Stops the applying thread if a read failed before <see cref="Flush"/>.</summary>
    public void Dispose()
    {
        if (_full is null || _flushed) return;
        _full.CompleteAdding();
        _consumer!.Wait();
        _flushed = true;
    }

    private void Apply(PendingRows p)
    {
        // First the rounds of prefetching what the id lookups will read, then resolving ids to
        // customers (which prefetches their states), then applying the rows; rows resolved on the
        // reading thread only prefetch their states, then apply. Customers are numbered in order of
        // first appearance, which the pipeline keeps: each stage takes the chunks in row order.
        var rounds = p.Resolved ? 0 : _keys.PrefetchRounds;
        if (p.Resolved) AddCustomersUpTo(p.CustomersAfter);
        Pipelined(p.Count, rounds + 2, (stage, start, end) =>
        {
            if (stage < rounds)
                for (var i = start; i < end; i++) _keys.Prefetch(p, i, stage);
            else if (stage == rounds)
            {
                if (!p.Resolved) Resolve(p, start, end);
                else if (_buffer is null)
                    for (var i = start; i < end; i++) _states.Prefetch(p.Customer[i]);
            }
            else
                for (var i = start; i < end; i++) ApplyRow(p, i);
        });
        p.Clear();
    }

    // Rows per pipelined chunk: small enough that a chunk's rows stay in the L1 cache between its stages.
    private const int Chunk = 64;

    /// <summary>
    /// Software pipelining over chunks of rows: stage s of chunk c runs at step c + s, later stages
    /// first within a step. So every prefetching stage has a whole step of other chunks' work for
    /// its loads to arrive in, and every stage still takes the chunks in row order.
    /// </summary>
    /// <param name="rows">Rows [0, rows) to run through the stages.</param>
    /// <param name="stages">Number of stages.</param>
    /// <param name="stage">Runs stage <c>s</c> over rows <c>[start, end)</c>: (s, start, end).</param>
    private static void Pipelined(int rows, int stages, Action<int, int, int> stage)
    {
        var chunks = (rows + Chunk - 1) / Chunk;
        for (var step = 0; step < chunks + stages - 1; step++)
            for (var s = stages - 1; s >= 0; s--)
            {
                var c = step - s;
                if (c >= 0 && c < chunks) stage(s, c * Chunk, Math.Min(rows, (c + 1) * Chunk));
            }
    }

    /// <summary>
    /// Resolves a batch's ids to customers on the reading thread, before the batch is handed over. A
    /// columnar source's reading thread (decoding Parquet column batches) mostly waits for the applying
    /// thread, which was the one busy for the whole read (measured: 0.27-0.34 s applying 3 M rows while
    /// the reader waited 0.23-0.29 s); this moves the id lookups to the side with time to spare. The
    /// choice is made once per read, by its first row, so the key table has one writer at a time;
    /// the lock only guards the rare reject message that names a customer from the applying thread.
    /// </summary>
    private void ResolveOnReader(PendingRows p)
    {
        lock (_keys)
        {
            var rounds = _keys.PrefetchRounds;
            Pipelined(p.Count, rounds + 1, (stage, start, end) =>
            {
                if (stage < rounds)
                    for (var i = start; i < end; i++) _keys.Prefetch(p, i, stage);
                else
                    for (var i = start; i < end; i++) p.Customer[i] = _keys.GetOrAdd(p, i, out _);
            });
            p.MarkResolved(_keys.Count);
        }
    }

    /// <summary>Gives rows [start, end) their customer indices, adding new customers in row order, and prefetches their states.</summary>
    private void Resolve(PendingRows p, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            p.Customer[i] = _keys.GetOrAdd(p, i, out var added);
            if (added) AddCustomersUpTo(_keys.Count);
        }
        if (_buffer is not null) return;
        for (var i = start; i < end; i++) _states.Prefetch(p.Customer[i]);
    }

    private void ApplyRow(PendingRows p, int i)
    {
        var customer = p.Customer[i];
        var ticks = p.Ticks[i];
        var day = (int)(ticks / TimeSpan.TicksPerDay);
        if (_attributeCount > 0 && day < _attributeDay[customer]) KeepAttributes(customer, day, p, i);
        if (day < MinDay) MinDay = day;
        if (day > MaxDay) MaxDay = day;
        if (_buffer is not null)
        {
            if (_buffered == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            _buffer[_buffered++] = new BufferedRow(customer, ticks, p.Amount[i], p.OrderHash[i], p.Line[i], p.IsReturn[i]);
            return;
        }
        ref var state = ref _states[customer];
        // Rows with equal timestamps are taken in file order, in both modes.
        if (ticks < state.LastEventTicks) throw new OutOfOrderInput();
        state.LastEventTicks = ticks;
        Apply(ref state, customer, day, p.Amount[i], p.OrderHash[i], p.Line[i], p.IsReturn[i]);
    }

    /// <summary>Fixes the calibration end and, in buffered mode, replays the rows per customer in date order.</summary>
    public void Replay(int calibrationEndDay)
    {
        Flush();
        _calibrationEndDay = calibrationEndDay;
        if (_buffer is null) return;
        var rows = _buffer.AsSpan(0, _buffered);
        // The streaming order: per customer by timestamp, equal timestamps in file order. Line
        // numbers are unique, so the order is total and the replay deterministic.
        rows.Sort(static (x, y) => x.Customer != y.Customer ? x.Customer.CompareTo(y.Customer)
            : x.Ticks != y.Ticks ? x.Ticks.CompareTo(y.Ticks) : x.Line.CompareTo(y.Line));
        foreach (ref readonly var r in rows)
            Apply(ref _states[r.Customer], r.Customer, (int)(r.Ticks / TimeSpan.TicksPerDay), r.Amount, r.OrderHash, r.Line, r.IsReturn);
        _buffer = null;
    }

    /// <summary>The one update rule: lifetimes' period merging, net returns, orders, holdout targets.</summary>
    private void Apply(ref CustomerState s, int customer, int day, double amount, ulong orderHash, long line, bool isReturn)
    {
        // The amount's check does not wait for the state: it overlaps the load of a customer's
        // state, which the rows' random order makes a cache miss.
        double spend;
        if (_spendInUnits && Money.TryUnits(amount, out var units)) spend = units;
        else
        {
            if (_spendInUnits) SpendToCurrency();
            spend = amount;
        }
        if (day > _calibrationEndDay)
        {
            if (!isReturn)
            {
                var period = _calendar.PeriodOf(day);
                if (s.HoldoutPeriods == 0 || period != _calendar.PeriodOf(s.HoldoutLastDay)) s.HoldoutPeriods++;
                s.HoldoutLastDay = day;
            }
            s.HoldoutSpend += spend;
            return;
        }
        if (isReturn)
        {
            // A return nets against the customer's latest purchase period, which (rows being in
            // date order) is the current one; before any purchase there is nothing to net against.
            if (s.CalibrationPeriods == 0)
            {
                _rejects.Reject(line, _amountColumn, RejectReason.ReturnBeforeFirstPurchase,
                    $"return of {amount.ToString(CultureInfo.InvariantCulture)} by customer '{NameOf(customer)}' on {DateOnly.FromDayNumber(day):yyyy-MM-dd}, before any purchase of theirs");
                return;
            }
            s.CalibrationSpend += spend;
            if (s.CalibrationPeriods == 1) s.FirstPeriodSpend += spend;
            return;
        }
        var p = _calendar.PeriodOf(day);
        if (s.CalibrationPeriods == 0)
        {
            s.FirstDay = day;
            s.CalibrationPeriods = 1;
            s.FirstPeriodSpend = spend;
        }
        else if (p != _calendar.PeriodOf(s.LastDay)) s.CalibrationPeriods++;
        else if (s.CalibrationPeriods == 1) s.FirstPeriodSpend += spend;
        s.LastDay = day;
        s.CalibrationSpend += spend;
        if (orderHash == 0 || orderHash != s.LastOrderHash) s.CalibrationOrders++;
        s.LastOrderHash = orderHash;
    }

    /// <summary>The first amount that is no whole number of units: every spend so far becomes currency, and stays so.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void SpendToCurrency()
    {
        _spendInUnits = false;
        // Every allocated state, not _keys.Count: the reading thread may be adding keys whose states
        // this thread has not made room for yet (they are zero, and stay so when divided).
        for (var c = 0; c < _states.Capacity; c++)
        {
            ref var s = ref _states[c];
            s.FirstPeriodSpend /= Money.UnitsPerCurrencyUnit;
            s.CalibrationSpend /= Money.UnitsPerCurrencyUnit;
            s.HoldoutSpend /= Money.UnitsPerCurrencyUnit;
        }
    }

    /// <summary>Makes room for the states and attributes of customers 0..<paramref name="count"/>-1.</summary>
    private void AddCustomersUpTo(int count)
    {
        if (count > _states.Capacity) _states.Resize(Math.Max(count, _states.Capacity * 2));
        while (_attributeDay.Count < count && _attributeCount > 0)
        {
            _attributes.Add(new string[_attributeCount]);
            _attributeDay.Add(int.MaxValue);
        }
    }

    private void KeepAttributes(int customer, int day, PendingRows pending, int row)
    {
        var values = _attributes[customer];
        for (var a = 0; a < values.Length; a++) values[a] = pending.Attribute(row, a).ToString();
        _attributeDay[customer] = day;
    }

    /// <summary>A 64-bit hash of the order id; 0 means "no order id" (every row its own order).</summary>
    private static ulong OrderHash(ReadOnlySpan<char> orderId)
    {
        if (orderId.IsEmpty) return 0;
        var hash = TextHash.Of(MemoryMarshal.AsBytes(orderId));
        return hash == 0 ? 1 : hash;
    }

    private readonly record struct BufferedRow(int Customer, long Ticks, double Amount, ulong OrderHash, long Line, bool IsReturn);
}

/// <summary>Signals that a customer's rows are not in date order, so streaming mode cannot be exact.</summary>
internal sealed class OutOfOrderInput : Exception
{
    public OutOfOrderInput() : base("A customer's transactions are not in chronological order.") { }
}
