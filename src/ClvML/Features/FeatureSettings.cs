namespace ClvML.Features;

/// <summary>A calendar unit for durations and purchase periods.</summary>
public enum TimeUnit
{
    /// <summary>One calendar day.</summary>
    Day,
    /// <summary>Seven days; as a purchase period, a Monday-to-Sunday week (pandas' W-SUN).</summary>
    Week,
    /// <summary>A calendar month as a purchase period; 365.25/12 days as a duration.</summary>
    Month,
}

/// <summary><c>features:</c> section.</summary>
public sealed record FeatureSettings
{
    /// <summary>Unit of recency, T and durations.</summary>
    public TimeUnit TimeUnit { get; init; } = TimeUnit.Week;
    /// <summary>Granularity at which purchases merge; null means <see cref="TimeUnit"/>.</summary>
    public TimeUnit? PurchasePeriod { get; init; }
    /// <summary>Last day of the calibration period (inclusive).</summary>
    public DateOnly? CalibrationEnd { get; init; }
    /// <summary>Last day of the holdout period (inclusive); null means the last transaction date.</summary>
    public DateOnly? ObservationEnd { get; init; }
    /// <summary>Holdout length in <see cref="TimeUnit"/>s, the alternative to <see cref="CalibrationEnd"/>.</summary>
    public double? Holdout { get; init; }

    /// <summary>The purchase period in force.</summary>
    public TimeUnit EffectivePurchasePeriod => PurchasePeriod ?? TimeUnit;
}
