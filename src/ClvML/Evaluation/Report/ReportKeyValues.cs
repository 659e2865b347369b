namespace ClvML.Evaluation.Report;

/// <summary>A list of labelled values.</summary>
public sealed class ReportKeyValues : ReportBlock
{
    internal ReportKeyValues(IReadOnlyList<KeyValuePair<string, string>> items) => Items = items;

    /// <summary>The items in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Items { get; }
}
