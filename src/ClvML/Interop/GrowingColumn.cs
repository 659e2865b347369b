namespace ClvML.Interop;

/// <summary>One column's values as rows arrive from a source that may not know its row count; the array is exact when it does.</summary>
internal sealed class GrowingColumn<T>(int capacity)
{
    private T[] _values = new T[Math.Max(capacity, 1)];

    /// <summary>The value of <paramref name="row"/>, set earlier.</summary>
    public T this[int row] => _values[row];

    /// <summary>Sets row <paramref name="row"/>, the next row or one set before.</summary>
    public void Set(int row, T value)
    {
        if (row == _values.Length) Array.Resize(ref _values, (int)Math.Min(2L * _values.Length, Array.MaxLength));
        _values[row] = value;
    }

    /// <summary>The first <paramref name="rows"/> values (the buffer itself when it has exactly that many).</summary>
    public T[] ToArray(int rows) => rows == _values.Length ? _values : _values[..rows];
}
