namespace ClvML.Probabilistic;

/// <summary>
/// Time-invariant covariates of the customers: one row per customer (in the order of the purchase histories),
/// one named column per covariate, e.g. one-hot channel or country indicators with one level left out.
/// </summary>
public sealed class CovariateMatrix
{
    private readonly double[] _values;

    /// <summary>Builds the matrix from row-major values (<paramref name="values"/>[i * columns + k] is customer i's covariate k).</summary>
    /// <exception cref="ArgumentException">Names are empty or repeated, a value is not finite, or the value count is not a multiple of the column count.</exception>
    public CovariateMatrix(IReadOnlyList<string> names, ReadOnlySpan<double> values) : this(names, values, null)
    {
    }

    private CovariateMatrix(IReadOnlyList<string> names, ReadOnlySpan<double> values, int? rows)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("Covariate names must not be empty.", nameof(names));
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count) throw new ArgumentException("Covariate names must be distinct.", nameof(names));
        if (names.Count == 0 ? !values.IsEmpty : values.Length % names.Count != 0)
            throw new ArgumentException($"{values.Length} values do not fill rows of {names.Count} covariates.", nameof(values));
        foreach (var v in values)
            if (!double.IsFinite(v)) throw new ArgumentException("Covariate values must be finite.", nameof(values));
        Names = [.. names];
        _values = values.ToArray();
        _rows = rows ?? (names.Count == 0 ? 0 : values.Length / names.Count);
    }

    private readonly int _rows;

    /// <summary>A matrix without covariates for <paramref name="customers"/> customers: the covariate models then are the plain ones.</summary>
    public static CovariateMatrix None(int customers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        return new CovariateMatrix([], default, customers);
    }

    /// <summary>The covariate names, in column order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Covariates per customer.</summary>
    public int Columns => Names.Count;

    /// <summary>Customers (rows).</summary>
    public int Rows => _rows;

    /// <summary>Customer <paramref name="row"/>'s covariates.</summary>
    public ReadOnlySpan<double> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return _values.AsSpan(row * Columns, Columns);
    }
}
