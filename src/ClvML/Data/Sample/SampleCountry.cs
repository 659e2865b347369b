namespace ClvML.Data.Sample;

/// <summary>
/// A country of the synthetic customer base. It is drawn independently of the channel and does
/// not change behaviour: it is an attribute to group by, not a driver.
/// </summary>
/// <param name="Code">Written verbatim in the <c>country</c> column, e.g. <c>GB</c>.</param>
/// <param name="Share">Fraction of customers in the country; the shares of all countries sum to 1.</param>
public sealed record SampleCountry(string Code, double Share);
