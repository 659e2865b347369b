
namespace ClvML.Features;

/// <summary>
/// Maps days to purchase periods and period differences to durations in the time unit, with
/// lifetimes' semantics: purchases in the same period merge, and a duration is the difference of
/// period ordinals scaled to the unit (<c>freq='D', freq_multiplier=7</c> is purchase period day,
/// time unit week: days / 7). Weeks run Monday to Sunday (pandas' <c>W-SUN</c> periods); a month
/// as a duration is 365.25 / 12 days when the purchase period is not itself a month.
/// </summary>
public sealed class PeriodCalendar
{
    /// <summary>Average Gregorian month length in days, used where months and days must convert.</summary>
    public const double DaysPerMonth = 365.25 / 12;

    private readonly TimeUnit _period;
    private readonly double _unitsPerPeriod;
    private int _cachedDay = int.MinValue, _cachedPeriod;

    /// <summary>Creates the calendar for a time unit and a purchase period.</summary>
    public PeriodCalendar(TimeUnit timeUnit, TimeUnit purchasePeriod)
    {
        TimeUnit = timeUnit;
        _period = purchasePeriod;
        _unitsPerPeriod = timeUnit == purchasePeriod ? 1.0 : DaysIn(purchasePeriod) / DaysIn(timeUnit);
    }

    /// <summary>Unit of the durations this calendar returns.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>Length of a unit in days (a month: 365.25 / 12).</summary>
    public static double DaysIn(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1,
        TimeUnit.Week => 7,
        _ => DaysPerMonth,
    };

    /// <summary>Ordinal of the purchase period containing <paramref name="dayNumber"/> (a <see cref="DateOnly.DayNumber"/>).</summary>
    // Inlined: feature accumulation asks twice per row, and days and weeks are one instruction.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int PeriodOf(int dayNumber) => _period switch
    {
        TimeUnit.Day => dayNumber,
        // DayNumber 0 (0001-01-01) is a Monday, so whole weeks since then run Monday to Sunday.
        TimeUnit.Week => dayNumber / 7,
        _ => MonthOf(dayNumber),
    };

    private int MonthOf(int dayNumber)
    {
        if (dayNumber != _cachedDay)
        {
            var date = DateOnly.FromDayNumber(dayNumber);
            _cachedDay = dayNumber;
            _cachedPeriod = date.Year * 12 + date.Month - 1;
        }
        return _cachedPeriod;
    }

    /// <summary>Duration from period <paramref name="from"/> to period <paramref name="to"/> in time units.</summary>
    public double Duration(int from, int to) => (to - from) * _unitsPerPeriod;

    /// <summary>Duration between the periods of two days, in time units.</summary>
    public double DurationBetweenDays(int fromDay, int toDay) => Duration(PeriodOf(fromDay), PeriodOf(toDay));

    /// <summary>The day <paramref name="units"/> time units before <paramref name="end"/> (calendar months for month units).</summary>
    public static DateOnly Before(DateOnly end, double units, TimeUnit unit)
    {
        if (unit == TimeUnit.Month && units == Math.Floor(units)) return end.AddMonths(-(int)units);
        return end.AddDays(-(int)Math.Round(units * DaysIn(unit)));
    }
}
