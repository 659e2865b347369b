namespace ClvML.Evaluation.Report;

/// <summary>
/// One piece of section content. The set is closed (paragraph, warning, table, chart, key-value list) so
/// that every writer handles every kind; a new kind is added here and in each writer.
/// </summary>
public abstract class ReportBlock
{
    private protected ReportBlock()
    {
    }
}
