using ClvML.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Interop;

/// <summary>A cursor of a <see cref="ScoredDataView"/>: the input's cursor for the input's columns, the score arrays at its position for the rest.</summary>
internal sealed class ScoredCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly int _inputCount;
    private readonly Delegate?[] _scoreGetters;
    private readonly int _rows;

    public ScoredCursor(DataViewSchema schema, DataViewRowCursor input, int inputCount, ScoreColumns? scores, IReadOnlyList<DataViewSchema.Column> scoreColumns)
    {
        Schema = schema;
        _input = input;
        _inputCount = inputCount;
        _scoreGetters = new Delegate?[schema.Count - inputCount];
        _rows = scores?.Columns.FirstOrDefault() is { } first ? (first.Numbers?.Length ?? first.Codes!.Length) : 0;
        foreach (var column in scoreColumns)
        {
            var score = scores!.Columns.FirstOrDefault(c => c.Name == column.Name)
                ?? throw new InvalidOperationException($"The run gave no score '{column.Name}' although its schema lists it.");
            _scoreGetters[column.Index - inputCount] = score.IsNumeric
                ? (ValueGetter<double>)((ref double value) => value = score.Number(Row()))
                : (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = score.DistinctText![score.Codes![Row()]].AsMemory());
        }
    }

    public override DataViewSchema Schema { get; }

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool MoveNext() => _input.MoveNext();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < _inputCount ? _input.IsColumnActive(_input.Schema[column.Index]) : _scoreGetters[column.Index - _inputCount] is not null;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index < _inputCount) return _input.GetGetter<TValue>(_input.Schema[column.Index]);
        var getter = _scoreGetters[column.Index - _inputCount]
            ?? throw new InvalidOperationException($"Column '{column.Name}' was not asked for when the cursor was made; pass it in columnsNeeded.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' is {Schema[column.Index].Type.RawType.Name}, not {typeof(TValue).Name}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }

    private int Row()
    {
        var position = _input.Position;
        if (position < 0) throw new InvalidOperationException("The cursor is not on a row: call MoveNext first.");
        return position < _rows
            ? (int)position
            : throw new InvalidOperationException($"The input gave more rows than the {_rows:N0} it gave when scored; an IDataView must give the same rows each time it is read.");
    }
}
