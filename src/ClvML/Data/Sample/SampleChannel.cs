namespace ClvML.Data.Sample;

/// <summary>
/// One acquisition channel of the synthetic customer base: its share of customers and the
/// parameters of the two models every customer of the channel is drawn from. Parameter names
/// are the papers' own.
/// </summary>
/// <remarks>
/// <para>Purchasing follows BG/NBD (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy
/// way: an alternative to the Pareto/NBD model", Marketing Science 24(2)): a customer's purchase
/// rate <c>lambda ~ Gamma(shape R, rate Alpha)</c> in purchases per <b>week</b> (so <see cref="Alpha"/>
/// is in weeks, the CDNOW convention), and the probability of dropping out after each repeat
/// purchase <c>p ~ Beta(A, B)</c>.</para>
/// <para>Spend follows the Gamma-Gamma model (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using
/// iso-value curves for customer base analysis", JMR 42(4); Fader &amp; Hardie 2013, "The Gamma-Gamma
/// model of monetary value"): each transaction's amount <c>z ~ Gamma(shape P, rate nu)</c> in currency
/// units with the customer's <c>nu ~ Gamma(shape Q, rate Gamma)</c>, so that
/// <c>E[z] = P * Gamma / (Q - 1)</c> for <c>Q &gt; 1</c>.</para>
/// </remarks>
/// <param name="Name">Written verbatim in the <c>channel</c> column.</param>
/// <param name="Share">Fraction of customers acquired through the channel; the shares of all channels sum to 1.</param>
/// <param name="R">BG/NBD r: shape of the purchase-rate distribution.</param>
/// <param name="Alpha">BG/NBD alpha: rate of the purchase-rate distribution, in weeks.</param>
/// <param name="A">BG/NBD a: first shape of the dropout-probability Beta distribution.</param>
/// <param name="B">BG/NBD b: second shape of the dropout-probability Beta distribution.</param>
/// <param name="P">Gamma-Gamma p: shape of the per-transaction spend distribution.</param>
/// <param name="Q">Gamma-Gamma q: shape of the customer's spend-rate (nu) distribution.</param>
/// <param name="Gamma">Gamma-Gamma gamma: rate of the customer's spend-rate (nu) distribution.</param>
public sealed record SampleChannel(
    string Name, double Share, double R, double Alpha, double A, double B, double P, double Q, double Gamma)
{
    /// <summary>Mean purchases per week of a customer who is alive: <c>R / Alpha</c>.</summary>
    public double MeanPurchaseRate => R / Alpha;

    /// <summary>Mean probability of dropping out after a repeat purchase: <c>A / (A + B)</c>.</summary>
    public double MeanDropoutProbability => A / (A + B);

    /// <summary>Mean amount of one transaction, <c>P * Gamma / (Q - 1)</c>; infinite when <c>Q &lt;= 1</c>.</summary>
    public double MeanSpend => Q > 1 ? P * Gamma / (Q - 1) : double.PositiveInfinity;
}
