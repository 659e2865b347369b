using ClvML.Evaluation.Charts;

namespace ClvML.Evaluation.Report;

/// <summary>A chart placed in a report, with an optional caption.</summary>
public sealed class ReportChart : ReportBlock
{
    internal ReportChart(Chart chart, string? caption)
    {
        Chart = chart;
        Caption = caption;
    }

    /// <summary>The chart.</summary>
    public Chart Chart { get; }

    /// <summary>Caption under the chart: how to read it, or null.</summary>
    public string? Caption { get; }
}
