using ClvML.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ClvML.Interop;

/// <summary>A cursor over a <see cref="FeatureTableDataView"/>: each getter reads the table's array at the cursor's row.</summary>
internal sealed class FeatureTableCursor : DataViewRowCursor
{
    private readonly FeatureTableDataView _view;
    private readonly Delegate?[] _getters;
    private readonly int _count;
    private long _position = -1;

    public FeatureTableCursor(FeatureTableDataView view, object[] values, IEnumerable<DataViewSchema.Column> columnsNeeded)
    {
        _view = view;
        _count = view.Table.Count;
        _getters = new Delegate?[values.Length];
        foreach (var column in columnsNeeded)
        {
            if (column.Index < 0 || column.Index >= values.Length || view.Schema[column.Index].Name != column.Name)
                throw new ArgumentOutOfRangeException(nameof(columnsNeeded), $"Column '{column.Name}' is not a column of this feature table.");
            _getters[column.Index] ??= Getter(values[column.Index]);
        }
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    /// <summary>0: the rows are not split into batches.</summary>
    public override long Batch => 0;

    public override bool MoveNext()
    {
        if (_position >= _count) return false;
        _position++;
        return _position < _count;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => _getters[column.Index] is not null;

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        var getter = _getters[column.Index]
            ?? throw new InvalidOperationException($"Column '{column.Name}' was not asked for when the cursor was made; pass it in columnsNeeded.");
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' is {Schema[column.Index].Type.RawType.Name}, not {typeof(TValue).Name}.");
    }

    /// <summary>The row number (0-based) as the row's id.</summary>
    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) => value = new DataViewRowId((ulong)Row(), 0);

    private Delegate Getter(object values) => values switch
    {
        double[] reals => (ValueGetter<double>)((ref double value) => value = reals[Row()]),
        int[] integers => (ValueGetter<int>)((ref int value) => value = integers[Row()]),
        DateOnly[] dates => (ValueGetter<DateTime>)((ref DateTime value) => value = dates[Row()].ToDateTime(TimeOnly.MinValue)),
        IReadOnlyList<string> text => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) => value = text[Row()].AsMemory()),
        _ => throw new InvalidOperationException($"A feature column holds {values.GetType().Name}, which has no ML.NET type."),
    };

    private int Row() => (ulong)_position < (ulong)_count
        ? (int)_position
        : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first, and read no further once it returns false.");
}
