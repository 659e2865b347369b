using ClvML.Features;

namespace ClvML.Tests.Features;

/// <summary>Purchase periods and durations with lifetimes' semantics (to_period differences, scaled to the unit).</summary>
public sealed class PeriodCalendarTests
{
    private static int Day(int y, int m, int d) => new DateOnly(y, m, d).DayNumber;

    [Fact]
    public void Weeks_run_Monday_to_Sunday_like_pandas_W_SUN()
    {
        var weeks = new PeriodCalendar(TimeUnit.Week, TimeUnit.Week);
        // 2024-01-01 is a Monday; 2024-01-07 the Sunday of the same week.
        Assert.Equal(weeks.PeriodOf(Day(2024, 1, 1)), weeks.PeriodOf(Day(2024, 1, 7)));
        Assert.Equal(weeks.PeriodOf(Day(2024, 1, 1)) + 1, weeks.PeriodOf(Day(2024, 1, 8)));
        Assert.Equal(1.0, weeks.DurationBetweenDays(Day(2024, 1, 7), Day(2024, 1, 8)));
    }

    [Fact]
    public void Months_are_calendar_months_as_periods()
    {
        var months = new PeriodCalendar(TimeUnit.Month, TimeUnit.Month);
        Assert.Equal(months.PeriodOf(Day(2024, 2, 1)), months.PeriodOf(Day(2024, 2, 29)));
        Assert.Equal(1.0, months.DurationBetweenDays(Day(2024, 1, 31), Day(2024, 2, 1)));
        Assert.Equal(12.0, months.DurationBetweenDays(Day(2023, 12, 15), Day(2024, 12, 1)));
    }

    [Theory]
    [InlineData(TimeUnit.Week, TimeUnit.Day, 14, 2.0)]              // lifetimes freq='D', freq_multiplier=7
    [InlineData(TimeUnit.Day, TimeUnit.Day, 14, 14.0)]
    [InlineData(TimeUnit.Month, TimeUnit.Day, 365, 365 / (365.25 / 12))]
    [InlineData(TimeUnit.Day, TimeUnit.Week, 14, 14.0)]             // two whole weeks apart
    public void Durations_scale_period_differences_to_the_time_unit(TimeUnit unit, TimeUnit period, int days, double expected)
    {
        var calendar = new PeriodCalendar(unit, period);
        var start = Day(2024, 1, 1);
        Assert.Equal(expected, calendar.DurationBetweenDays(start, start + days), 12);
    }

    [Fact]
    public void A_holdout_in_months_counts_calendar_months_back()
    {
        Assert.Equal(new DateOnly(2011, 9, 9), PeriodCalendar.Before(new DateOnly(2011, 12, 9), 3, TimeUnit.Month));
        Assert.Equal(new DateOnly(2025, 7, 2), PeriodCalendar.Before(new DateOnly(2025, 12, 31), 26, TimeUnit.Week));
    }
}
