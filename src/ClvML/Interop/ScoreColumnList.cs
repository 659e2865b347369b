using ClvML.Persistence;
using ClvML.Scoring;

namespace ClvML.Interop;

/// <summary>
/// The score columns a run gives, known before anything is scored (an ML.NET schema is asked for before the
/// data): the stages and order of <see cref="ScoringStages.Run"/>. The interop tests check that this list is
/// what scoring produces.
/// </summary>
internal static class ScoreColumnList
{
    /// <summary>A score column: its name and whether it is text (else a double).</summary>
    public sealed record Entry(string Name, bool IsText);

    public static IReadOnlyList<Entry> Of(SavedRun run, RunModels models)
    {
        var columns = new List<Entry>();
        if (models.Transactions is not null)
            columns.AddRange(new[] { "p_alive", "expected_purchases", "expected_spend", "clv", "net_clv" }.Select(n => new Entry(n, false)));
        if (models.Segments is not null) columns.AddRange([new Entry("cluster", false), new Entry("cluster_label", true)]);
        if (run.Config.Segmentation.Enabled && run.Config.Segmentation.RfmSegments) columns.AddRange([new Entry("rfm_code", true), new Entry("rfm_segment", true)]);
        if (models.Regressor is not null) columns.Add(new Entry("predicted_spend", false));
        return columns;
    }
}
