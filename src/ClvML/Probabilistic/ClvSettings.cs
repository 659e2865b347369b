namespace ClvML.Probabilistic;

/// <summary><c>clv:</c> section.</summary>
public sealed record ClvSettings
{
    /// <summary>CLV horizon in months.</summary>
    public int HorizonMonths { get; init; } = 12;
    /// <summary>Discount rate per month.</summary>
    public double DiscountRate { get; init; } = 0.01;
    /// <summary>Profit margin applied to predicted spend.</summary>
    public double Margin { get; init; } = 1.0;
    /// <summary>Subtracted to report net CLV.</summary>
    public double AcquisitionCost { get; init; }
    /// <summary>Cost of serving one order, subtracted per expected order.</summary>
    public double ServiceCostPerOrder { get; init; }
}
