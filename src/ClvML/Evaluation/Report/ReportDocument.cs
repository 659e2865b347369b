namespace ClvML.Evaluation.Report;

/// <summary>
/// A report as a document model (named ReportDocument, not Report, so that the type does not
/// share its namespace's name, which would make "Report" ambiguous inside ClvML.Evaluation): a title and a tree of sections holding paragraphs, tables,
/// charts and key-value lists. Writers turn it into HTML (<see cref="HtmlReportWriter"/>) or
/// Markdown (<see cref="MarkdownReportWriter"/>); the model knows nothing about either, so the
/// same report reads the same in both.
/// </summary>
public sealed class ReportDocument
{
    private readonly List<ReportSection> _sections = [];

    /// <summary>Creates an empty report.</summary>
    public ReportDocument(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    /// <summary>Title, the page's top heading.</summary>
    public string Title { get; }

    /// <summary>One line under the title (run name, date, data set), or null.</summary>
    public string? Subtitle { get; set; }

    /// <summary>Top-level sections in order.</summary>
    public IReadOnlyList<ReportSection> Sections => _sections;

    /// <summary>Appends a top-level section and returns it for filling.</summary>
    public ReportSection AddSection(string heading)
    {
        var section = new ReportSection(heading);
        _sections.Add(section);
        return section;
    }
}
