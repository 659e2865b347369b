using ClvML.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Interop;

/// <summary>
/// What <see cref="ClvMLRunTransformer.Transform"/> returns: the input's columns, then the score columns. The
/// scores are computed on first use, from one pass over the whole input (RFM segments rank customers within
/// it), and kept; every cursor reads the input's own columns from the input and the scores by row position.
/// So the view does not shuffle, and the input must give the same rows in the same order each time it is read,
/// as an IDataView does.
/// </summary>
internal sealed class ScoredDataView : IDataView
{
    private readonly IDataView _input;
    private readonly Lazy<ScoreColumns> _scores;

    public ScoredDataView(IDataView input, DataViewSchema schema, Func<ScoreColumns> score)
    {
        _input = input;
        Schema = schema;
        _scores = new Lazy<ScoreColumns>(score, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        var inputCount = _input.Schema.Count;
        var inputColumns = needed.Where(c => c.Index < inputCount).Select(c => _input.Schema[c.Index]).ToList();
        var scoreColumns = needed.Where(c => c.Index >= inputCount).ToList();
        // Scored before the input cursor opens, so a refused input is reported here rather than mid-read.
        var scores = scoreColumns.Count > 0 ? _scores.Value : null;
        return new ScoredCursor(Schema, _input.GetRowCursor(inputColumns), inputCount, scores, scoreColumns);
    }

    /// <summary>One cursor: the scores are read by row position, which a split into several cursors would not keep.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
