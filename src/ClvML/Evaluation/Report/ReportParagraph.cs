namespace ClvML.Evaluation.Report;

/// <summary>A paragraph of plain text.</summary>
public sealed class ReportParagraph : ReportBlock
{
    internal ReportParagraph(string text) => Text = text;

    /// <summary>The text, as written (writers escape it).</summary>
    public string Text { get; }
}
