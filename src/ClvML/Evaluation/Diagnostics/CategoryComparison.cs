namespace ClvML.Evaluation.Diagnostics;

/// <summary>A named column of values, one per category or period.</summary>
/// <param name="Name">Model name.</param>
/// <param name="Values">The values.</param>
public sealed record NamedValues(string Name, double[] Values);

/// <summary>Actual against each model's value per category (a repeat-purchase count, a calibration frequency).</summary>
/// <param name="Categories">Category labels ("0" ... "6", "7+").</param>
/// <param name="Customers">Customers in each category.</param>
/// <param name="Actual">The observed value per category.</param>
/// <param name="Models">Each model's value per category.</param>
public sealed record CategoryComparison(IReadOnlyList<string> Categories, double[] Customers, double[] Actual, IReadOnlyList<NamedValues> Models)
{
    /// <summary>Highest repeat-purchase count with its own category; more go into "7+" (lifetimes' plots use 7 too).</summary>
    public const int OpenCategory = 7;

    /// <summary>Labels "0" ... "6", "7+".</summary>
    public static IReadOnlyList<string> FrequencyLabels { get; } =
        [.. Enumerable.Range(0, OpenCategory).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{OpenCategory}+"];

    /// <summary>Category of a repeat-purchase count.</summary>
    public static int FrequencyCategory(double frequency) => (int)Math.Min(OpenCategory, Math.Max(0, Math.Floor(frequency)));
}
