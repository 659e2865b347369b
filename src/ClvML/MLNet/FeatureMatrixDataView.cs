using ClvML.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.MLNet;

/// <summary>
/// A <see cref="FeatureMatrix"/> seen by ML.NET without copying: one <see cref="NumberDataViewType.Double"/> column per
/// feature under the feature's name, then optional single-precision columns (the label and the example weight, which
/// ML.NET's trainers read as <see cref="NumberDataViewType.Single"/>). Its cursor checks a cancellation token every
/// few thousand rows, so a fit stops promptly even while ML.NET is still reading the data.
/// </summary>
internal sealed class FeatureMatrixDataView : IDataView
{
    private const int CancellationCheckRows = 4096;
    private readonly IReadOnlyList<double[]> _features;
    private readonly IReadOnlyList<float[]> _extras;
    private readonly int _rows;
    private readonly CancellationToken _cancellation;

    /// <summary>Creates the view; every column must have <paramref name="rows"/> values.</summary>
    public FeatureMatrixDataView(IReadOnlyList<string> names, IReadOnlyList<double[]> features, int rows,
        IReadOnlyList<(string Name, float[] Values)>? extras = null, CancellationToken cancellation = default)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var name in names) builder.AddColumn(name, NumberDataViewType.Double);
        foreach (var (name, _) in extras ?? []) builder.AddColumn(name, NumberDataViewType.Single);
        Schema = builder.ToSchema();
        _features = features;
        _extras = [.. (extras ?? []).Select(e => e.Values)];
        _rows = rows;
        _cancellation = cancellation;
    }

    /// <summary>The feature columns of <paramref name="names"/> taken from <paramref name="features"/> by name.</summary>
    public static FeatureMatrixDataView Of(FeatureMatrix features, IReadOnlyList<string> names,
        IReadOnlyList<(string Name, float[] Values)>? extras = null, CancellationToken cancellation = default) =>
        new(names, MLNetInput.ColumnsByName(features, names), features.RowCount, extras, cancellation);

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public long? GetRowCount() => _rows;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [new Cursor(this, columnsNeeded)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly FeatureMatrixDataView _view;
        private readonly bool[] _active;
        private long _position = -1;

        public Cursor(FeatureMatrixDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            _view = view;
            _active = new bool[view.Schema.Count];
            foreach (var column in columnsNeeded) _active[column.Index] = true;
        }

        public override DataViewSchema Schema => _view.Schema;
        public override long Position => _position;
        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_position + 1 >= _view._rows)
            {
                _position = _view._rows;
                return false;
            }
            _position++;
            if (_position % CancellationCheckRows == 0) _view._cancellation.ThrowIfCancellationRequested();
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' was not requested from the cursor.");
            var features = _view._features.Count;
            if (column.Index < features)
            {
                var values = _view._features[column.Index];
                ValueGetter<double> getter = (ref double value) => value = values[_position];
                return getter as ValueGetter<TValue> ?? throw new InvalidOperationException($"Column '{column.Name}' is a double column, not {typeof(TValue).Name}.");
            }
            var extra = _view._extras[column.Index - features];
            ValueGetter<float> single = (ref float value) => value = extra[_position];
            return single as ValueGetter<TValue> ?? throw new InvalidOperationException($"Column '{column.Name}' is a float column, not {typeof(TValue).Name}.");
        }
    }
}
