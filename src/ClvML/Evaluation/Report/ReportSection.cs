using ClvML.Evaluation.Charts;

namespace ClvML.Evaluation.Report;

/// <summary>A section: a heading, then content blocks in order, then subsections.</summary>
public sealed class ReportSection
{
    private readonly List<ReportBlock> _blocks = [];
    private readonly List<ReportSection> _subsections = [];

    internal ReportSection(string heading)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(heading);
        Heading = heading;
    }

    /// <summary>Heading text.</summary>
    public string Heading { get; }

    /// <summary>Content in order.</summary>
    public IReadOnlyList<ReportBlock> Blocks => _blocks;

    /// <summary>Subsections, written after this section's own blocks.</summary>
    public IReadOnlyList<ReportSection> Subsections => _subsections;

    /// <summary>Appends a paragraph of plain text (writers escape it; no markup is interpreted).</summary>
    public ReportSection AddParagraph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _blocks.Add(new ReportParagraph(text));
        return this;
    }

    /// <summary>Appends a warning block: <paramref name="title"/> leads, <paramref name="text"/> explains (both plain text).</summary>
    public ReportSection AddWarning(string title, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(text);
        _blocks.Add(new ReportWarning(title, text));
        return this;
    }

    /// <summary>Appends a table.</summary>
    public ReportSection AddTable(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _blocks.Add(table);
        return this;
    }

    /// <summary>Appends a chart with an optional caption under it.</summary>
    public ReportSection AddChart(Chart chart, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        _blocks.Add(new ReportChart(chart, caption));
        return this;
    }

    /// <summary>Appends a list of labelled values (data counts, period boundaries, settings).</summary>
    public ReportSection AddKeyValues(IEnumerable<KeyValuePair<string, string>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _blocks.Add(new ReportKeyValues([.. items]));
        return this;
    }

    /// <summary>Appends a list of labelled values given as (key, value) tuples.</summary>
    public ReportSection AddKeyValues(params (string Key, string Value)[] items) =>
        AddKeyValues(items.Select(i => KeyValuePair.Create(i.Key, i.Value)));

    /// <summary>Appends a subsection and returns it for filling.</summary>
    public ReportSection AddSection(string heading)
    {
        var section = new ReportSection(heading);
        _subsections.Add(section);
        return section;
    }
}
