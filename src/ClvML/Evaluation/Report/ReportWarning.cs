namespace ClvML.Evaluation.Report;

/// <summary>
/// A warning set apart from the text around it (a boxed block in HTML, a quoted block in
/// Markdown): something that changes how the rest of the report must be read.
/// </summary>
public sealed class ReportWarning : ReportBlock
{
    internal ReportWarning(string title, string text)
    {
        Title = title;
        Text = text;
    }

    /// <summary>Short lead-in, e.g. the model or setting concerned.</summary>
    public string Title { get; }

    /// <summary>The explanation, as plain text (writers escape it).</summary>
    public string Text { get; }
}
