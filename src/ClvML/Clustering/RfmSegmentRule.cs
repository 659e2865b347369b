namespace ClvML.Clustering;

/// <summary>
/// One row of the RFM segment table: customers whose R, F and M scores fall in the inclusive ranges belong to
/// <see cref="Segment"/>. Rules are tried in order and the first match wins, so a table reads from the most
/// specific segment to the catch-alls.
/// </summary>
/// <param name="Segment">Segment name.</param>
/// <param name="MinimumR">Lowest recency score (1..5; 5 = bought most recently).</param>
/// <param name="MaximumR">Highest recency score.</param>
/// <param name="MinimumF">Lowest frequency score.</param>
/// <param name="MaximumF">Highest frequency score.</param>
/// <param name="MinimumM">Lowest monetary score.</param>
/// <param name="MaximumM">Highest monetary score.</param>
public sealed record RfmSegmentRule(string Segment, int MinimumR, int MaximumR, int MinimumF, int MaximumF, int MinimumM = 1, int MaximumM = 5)
{
    /// <summary>Whether scores (r, f, m) fall in this rule's ranges.</summary>
    public bool Matches(int r, int f, int m) =>
        r >= MinimumR && r <= MaximumR && f >= MinimumF && f <= MaximumF && m >= MinimumM && m <= MaximumM;

    /// <summary>
    /// The default table: the widely used recency x frequency grid of RFM practice (Champions in the top
    /// corner, Hibernating and Lost in the bottom one), with monetary value separating Champions from Loyal and
    /// "Can't lose them" (lapsed big spenders) from At risk. Every (R, F, M) combination is covered.
    /// </summary>
    public static readonly IReadOnlyList<RfmSegmentRule> Defaults =
    [
        new("Champions", 4, 5, 4, 5, 4, 5),
        new("Loyal", 3, 5, 4, 5),
        new("Can't lose them", 1, 2, 4, 5, 4, 5),
        new("At risk", 1, 2, 3, 5),
        new("New", 5, 5, 1, 1),
        new("Promising", 4, 4, 1, 1),
        new("Potential loyalists", 4, 5, 2, 3),
        new("Need attention", 3, 3, 3, 3),
        new("About to sleep", 3, 3, 1, 2),
        new("Lost", 1, 1, 1, 2),
        new("Hibernating", 2, 2, 1, 2),
    ];

    /// <summary>Name given to customers no rule matches (only possible with a custom table).</summary>
    public const string Unmatched = "Other";
}
