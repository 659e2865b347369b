using ClvML.Data;

namespace ClvML.Features;

/// <summary>What a feature build read, kept and left out, for the run's manifest and report.</summary>
/// <param name="Customers">Customers in the table (with a calibration purchase).</param>
/// <param name="CustomersFirstSeenInHoldout">Customers whose first purchase is in the holdout; excluded.</param>
/// <param name="Buffered">Whether rows were buffered (calibration end derived from the data, or input not in date order).</param>
public sealed record FeatureBuildStats(int Customers, int CustomersFirstSeenInHoldout, bool Buffered);

/// <summary>A feature table with the accounting of the rows it came from.</summary>
/// <param name="Table">The features.</param>
/// <param name="Rejects">Rows read, accepted and rejected by reason.</param>
/// <param name="Stats">Customers kept and excluded.</param>
public sealed record FeatureBuildResult(CustomerFeatureTable Table, RejectLog Rejects, FeatureBuildStats Stats)
{
    /// <summary>What the reader must know about the periods against the data (see <see cref="PeriodBoundaries"/>).</summary>
    public IReadOnlyList<RunWarning> Warnings { get; init; } = [];
}

/// <summary>
/// Transactions to the customer feature table: lifetimes' summary (frequency, recency, T,
/// monetary_value), RFM and tenure columns, attributes, and the calibration/holdout split with
/// holdout targets (lifetimes' <c>calibration_and_holdout_data</c>).
/// </summary>
public static class FeatureBuilder
{
    /// <summary>
    /// Reads <paramref name="source"/> once (twice when its rows turn out not to be in date order per
    /// customer) and builds the table. <paramref name="newRejectLog"/> is called once per read, so
    /// a re-read starts a fresh reject file.
    /// </summary>
    public static FeatureBuildResult FromTransactions(ITransactionSource source, DataSettings data, FeatureSettings features, Func<RejectLog> newRejectLog)
    {
        var window = new WindowRule(features);
        try
        {
            return Build(source, data, features, window, newRejectLog, window.StreamingCalibrationEnd);
        }
        catch (OutOfOrderInput)
        {
            return Build(source, data, features, window, newRejectLog, streamingCalibrationEnd: null);
        }
    }

    private static FeatureBuildResult Build(ITransactionSource source, DataSettings data, FeatureSettings features,
        WindowRule window, Func<RejectLog> newRejectLog, int? streamingCalibrationEnd)
    {
        var calendar = new PeriodCalendar(features.TimeUnit, features.EffectivePurchasePeriod);
        var rejects = newRejectLog();
        using var accumulator = new TransactionAccumulator(data, calendar, rejects, streamingCalibrationEnd, features.ObservationEnd?.DayNumber);
        source.ReadInto(accumulator, rejects);
        accumulator.Flush();
        if (rejects.RowsRead == 0)
            throw new InputException($"{source.Name}: no data rows (the file has a header only, or only blank lines).");
        if (accumulator.CustomerCount == 0)
            throw AfterRead($"{source.Name}: no usable transactions: all {rejects.RowsRead} rows were rejected ("
                + string.Join(", ", rejects.RejectedByReason.Select(r => $"{r.Key}: {r.Value}")) + "); see the rejects file.");

        var observationEnd = features.ObservationEnd?.DayNumber ?? accumulator.MaxDay;
        var calibrationEnd = window.CalibrationEnd(observationEnd);
        if (window.HasHoldout && features.ObservationEnd is null && calibrationEnd >= observationEnd)
            throw AfterRead(PeriodBoundaries.HoldoutAfterData(features, source.Name, calibrationEnd, observationEnd, accumulator.MinDay, accumulator.MaxDay).Message);
        var wasBuffered = accumulator.Buffered;
        accumulator.Replay(calibrationEnd);
        var table = Tabulate(accumulator, data, features, calendar, calibrationEnd, observationEnd, window.HasHoldout, out var firstSeenInHoldout);
        if (table.Count == 0)
            throw AfterRead(PeriodBoundaries.CalibrationWithoutPurchases(features, source.Name, calibrationEnd, accumulator.MinDay, accumulator.MaxDay).Message);
        var warnings = PeriodBoundaries.Check(features, source.Name, table, firstSeenInHoldout);
        return new FeatureBuildResult(table, rejects, new FeatureBuildStats(table.Count, firstSeenInHoldout, wasBuffered)) { Warnings = warnings };

        // A run that stops after the read says what the reject log's hints would have said at its end:
        // an empty or misplaced window is often the dates read wrongly.
        InputException AfterRead(string message) => new(string.Join(" Also, ", [message, .. rejects.Hints()]));
    }

    private static CustomerFeatureTable Tabulate(TransactionAccumulator accumulator, DataSettings data, FeatureSettings features,
        PeriodCalendar calendar, int calibrationEnd, int observationEnd, bool hasHoldout, out int firstSeenInHoldout)
    {
        var states = accumulator.States;
        var keep = new List<int>(states.Length);
        firstSeenInHoldout = 0;
        for (var c = 0; c < states.Length; c++)
        {
            if (states[c].CalibrationPeriods > 0) keep.Add(c);
            else if (states[c].HasHoldoutRows) firstSeenInHoldout++;
        }
        var n = keep.Count;
        var ids = accumulator.CustomerIds(keep);
        // Fill writes every element of these, so they need not be zeroed first (100 MB for a million customers).
        static T[] Column<T>(int n) => GC.AllocateUninitializedArray<T>(n);
        double[] frequency = Column<double>(n), recency = Column<double>(n), t = Column<double>(n), monetary = Column<double>(n);
        int[] recencyDays = Column<int>(n), orders = Column<int>(n), tenureDays = Column<int>(n);
        double[] totalSpend = Column<double>(n), averageOrder = Column<double>(n);
        DateOnly[] first = Column<DateOnly>(n), last = Column<DateOnly>(n);
        double[]? holdoutFrequency = hasHoldout ? Column<double>(n) : null, holdoutSpend = hasHoldout ? Column<double>(n) : null;
        var endPeriod = calendar.PeriodOf(calibrationEnd);
        var scale = accumulator.SpendScale;
        var holdoutDuration = calendar.Duration(endPeriod, calendar.PeriodOf(observationEnd));
        // In two halves on two threads: a million customers take a tenth of a second here, after
        // the read, when nothing else runs. Each half has its own calendar (its month cache is not shared).
        Parallel.For(0, 2, half =>
        {
            var cal = half == 0 ? calendar : new PeriodCalendar(features.TimeUnit, features.EffectivePurchasePeriod);
            for (var i = half * (n / 2); i < (half == 0 ? n / 2 : n); i++) Fill(i, cal);
        });
        void Fill(int i, PeriodCalendar calendar)
        {
            var c = keep[i];
            ref readonly var s = ref accumulator.States[c];
            var firstPeriod = calendar.PeriodOf(s.FirstDay);
            frequency[i] = s.CalibrationPeriods - 1;
            recency[i] = calendar.Duration(firstPeriod, calendar.PeriodOf(s.LastDay));
            t[i] = calendar.Duration(firstPeriod, endPeriod);
            // Spends in units are exact whole numbers: one correctly rounded division gives the double
            // nearest the exact decimal result.
            monetary[i] = s.CalibrationPeriods > 1 ? (s.CalibrationSpend - s.FirstPeriodSpend) / (scale * (s.CalibrationPeriods - 1)) : 0.0;
            recencyDays[i] = calibrationEnd - s.LastDay;
            tenureDays[i] = calibrationEnd - s.FirstDay;
            orders[i] = s.CalibrationOrders;
            totalSpend[i] = s.CalibrationSpend / scale;
            averageOrder[i] = s.CalibrationOrders > 0 ? s.CalibrationSpend / (scale * s.CalibrationOrders) : 0.0;
            first[i] = DateOnly.FromDayNumber(s.FirstDay);
            last[i] = DateOnly.FromDayNumber(s.LastDay);
            if (hasHoldout)
            {
                holdoutFrequency![i] = s.HoldoutPeriods;
                holdoutSpend![i] = s.HoldoutSpend / scale;
            }
        }
        var attributes = data.Columns.Attributes.Select((name, a) =>
            new AttributeColumn(name, keep.Select(c => accumulator.AttributeValues[c][a]).ToArray())).ToArray();
        var window = new FeatureWindow(DateOnly.FromDayNumber(calibrationEnd), DateOnly.FromDayNumber(observationEnd),
            DateOnly.FromDayNumber(accumulator.MinDay), DateOnly.FromDayNumber(accumulator.MaxDay));
        return new CustomerFeatureTable(ids, frequency, recency, t, monetary, features.TimeUnit, window,
            new RfmColumns(recencyDays, orders, totalSpend, averageOrder, tenureDays, first, last),
            hasHoldout ? new HoldoutColumns(holdoutFrequency!, holdoutSpend!, Enumerable.Repeat(holdoutDuration, n).ToArray()) : null,
            attributes);
    }

    /// <summary>How the calibration end follows from the settings, before and after the data is read.</summary>
    private sealed class WindowRule(FeatureSettings features)
    {
        /// <summary>Whether there is a holdout period at all.</summary>
        public bool HasHoldout => features.CalibrationEnd is not null || features.Holdout is not null;

        /// <summary>
        /// The calibration end if known before reading; without a holdout every row is calibration,
        /// so streaming works with an end beyond all data. Null when it depends on the last date.
        /// </summary>
        public int? StreamingCalibrationEnd =>
            !HasHoldout ? int.MaxValue
            : features.CalibrationEnd is { } end ? end.DayNumber
            : features.ObservationEnd is { } obs ? PeriodCalendar.Before(obs, features.Holdout!.Value, features.TimeUnit).DayNumber
            : null;

        /// <summary>The calibration end once the observation end is known.</summary>
        public int CalibrationEnd(int observationEnd) =>
            features.CalibrationEnd?.DayNumber
            ?? (features.Holdout is { } h ? PeriodCalendar.Before(DateOnly.FromDayNumber(observationEnd), h, features.TimeUnit).DayNumber : observationEnd);
    }
}
