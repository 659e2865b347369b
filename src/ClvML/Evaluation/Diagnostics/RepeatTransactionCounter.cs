using ClvML.Data;
using ClvML.Features;

namespace ClvML.Evaluation.Diagnostics;

/// <summary>
/// The sink of a second read of the transaction source, for <see cref="TransactionTracking"/>: the
/// feature table keeps counts, not dates, so the observed repeat transactions per period are
/// collected here. Repeat transactions are counted the way the features count frequency: distinct
/// purchase periods after a customer's first, with returns (under <c>returns: net</c> or
/// <c>drop</c>) and rows after the observation end not purchases, calibration and holdout periods
/// counted separately (a purchase period that straddles the calibration end counts once on each
/// side, as in the features), and only customers of the feature table (customers first seen in
/// the holdout are excluded there). The rows may come in any order.
/// </summary>
public sealed class RepeatTransactionCounter : ITransactionSink
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _customers;
    private readonly PeriodCalendar _calendar;
    private readonly int _calibrationEndDay;
    private readonly int _observationEndDay;
    private readonly bool _returnsArePurchases;
    private readonly int _originPeriod;
    private readonly int[] _firstPeriod;
    private readonly HashSet<(int Customer, int Period, bool Holdout)> _purchases = [];

    /// <summary>Creates the counter for the customers and window of <paramref name="table"/>.</summary>
    /// <param name="table">The features built from the same source (a transaction input with its window known).</param>
    /// <param name="features">The time unit and purchase period.</param>
    /// <param name="returns">How the features treat negative amounts.</param>
    public RepeatTransactionCounter(CustomerFeatureTable table, FeatureSettings features, ReturnPolicy returns)
    {
        var window = table.Window;
        if (window.CalibrationEnd is not { } calibrationEnd || window.ObservationEnd is not { } observationEnd || window.FirstTransaction is not { } first)
            throw new ArgumentException("Tracking needs a feature table built from transactions (with its calibration window).");
        var ids = new Dictionary<string, int>(table.Count, StringComparer.Ordinal);
        for (var i = 0; i < table.Count; i++) ids[table.CustomerIds[i]] = i;
        _customers = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _calendar = new PeriodCalendar(features.TimeUnit, features.EffectivePurchasePeriod);
        _calibrationEndDay = calibrationEnd.DayNumber;
        _observationEndDay = Math.Max(observationEnd.DayNumber, calibrationEnd.DayNumber);
        _returnsArePurchases = returns == ReturnPolicy.Keep;
        _originPeriod = _calendar.PeriodOf(first.DayNumber);
        _firstPeriod = new int[table.Count];
        Array.Fill(_firstPeriod, int.MaxValue);
        CalibrationEnd = _calendar.Duration(_originPeriod, _calendar.PeriodOf(_calibrationEndDay));
        ObservationEnd = _calendar.Duration(_originPeriod, _calendar.PeriodOf(_observationEndDay));
        Periods = Math.Max(1, (int)Math.Ceiling(ObservationEnd - 1e-9));
    }

    /// <summary>The observation end in time units since the first transaction's period (the last period may be partial).</summary>
    public double ObservationEnd { get; }

    /// <summary>The calibration end in time units since the first transaction's period.</summary>
    public double CalibrationEnd { get; }

    /// <summary>Periods tracked: up to the observation end.</summary>
    public int Periods { get; }

    /// <inheritdoc />
    public void Accept(in TransactionRow row)
    {
        if (row.Amount < 0 && !_returnsArePurchases) return;
        var day = (int)(row.Timestamp.Ticks / TimeSpan.TicksPerDay);
        if (day > _observationEndDay || !_customers.TryGetValue(row.CustomerId, out var customer)) return;
        var period = _calendar.PeriodOf(day);
        var holdout = day > _calibrationEndDay;
        _purchases.Add((customer, period, holdout));
        if (!holdout && period < _firstPeriod[customer]) _firstPeriod[customer] = period;
    }

    /// <summary>Observed repeat transactions in each period 1 .. <see cref="Periods"/>.</summary>
    public double[] PerPeriod()
    {
        var counts = new double[Periods];
        foreach (var (customer, period, holdout) in _purchases)
        {
            if (!holdout && period == _firstPeriod[customer]) continue;
            var s = _calendar.Duration(_originPeriod, period);
            var k = Math.Clamp((int)Math.Ceiling(s - 1e-9), 1, Periods);
            counts[k - 1]++;
        }
        return counts;
    }
}
