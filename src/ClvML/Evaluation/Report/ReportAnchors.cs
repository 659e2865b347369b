using System.Text;

namespace ClvML.Evaluation.Report;

/// <summary>
/// Link targets of a report's headings, unique within the report. The slug follows GitHub's rule
/// for Markdown headings (lower case; letters, digits, '-' and '_' kept; spaces become '-';
/// repeats get "-1", "-2"), so the same links work in report.md on GitHub and in report.html.
/// </summary>
internal sealed class ReportAnchors
{
    private readonly Dictionary<ReportSection, string> _anchors = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _used = [];

    public ReportAnchors(ReportDocument report)
    {
        foreach (var section in report.Sections) Assign(section);
    }

    public string this[ReportSection section] => _anchors[section];

    public static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_') slug.Append(c);
            else if (c == ' ') slug.Append('-');
        }
        return slug.Length > 0 ? slug.ToString() : "section";
    }

    private void Assign(ReportSection section)
    {
        var slug = Slug(section.Heading);
        var candidate = slug;
        for (var n = 1; !_used.Add(candidate); n++) candidate = $"{slug}-{n}";
        _anchors[section] = candidate;
        foreach (var sub in section.Subsections) Assign(sub);
    }
}
