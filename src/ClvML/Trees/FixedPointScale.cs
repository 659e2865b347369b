using System.Runtime.Intrinsics;

namespace ClvML.Trees;

/// <summary>
/// Gradients (or hessians) as 64-bit integers: value * 2^<see cref="Exponent"/>, rounded. Integer sums
/// do not depend on the order they are added in, so histograms summed by any number of threads in any
/// order are bit for bit the same, and parent - child is exactly the other child. The exponent is
/// the largest that keeps the sum of every row's largest value below 2^62, which leaves about
/// 62 - log2(rows) bits (42 for 800,000 rows) of resolution relative to the largest value: finer
/// than the rounding of a double sum over as many rows. Scaling by a power of two is exact, so values
/// on a coarse binary grid (integers, eighths) are held exactly. The exponent stays within +-1000, so
/// 2^exponent and its inverse are finite.
/// </summary>
internal readonly record struct FixedPointScale
{
    // Multiplying by an exact power of two is ScaleB without its call per value.
    private readonly double _up, _down;

    public FixedPointScale(int exponent)
    {
        Exponent = exponent;
        _up = Math.ScaleB(1.0, exponent);
        _down = Math.ScaleB(1.0, -exponent);
    }

    /// <summary>Fixed point holds value * 2^Exponent.</summary>
    public int Exponent { get; }

    /// <summary>The scale for <paramref name="rows"/> values whose magnitude is at most <paramref name="maxAbs"/>.</summary>
    public static FixedPointScale For(double maxAbs, int rows)
    {
        if (!(maxAbs > 0) || !double.IsFinite(maxAbs)) return new FixedPointScale(0);
        // 2^e * maxAbs * rows <= 2^62: e = 62 - ceil(log2(maxAbs)) - ceil(log2(rows)), kept where
        // ScaleB stays finite for every value in range.
        var exponent = 62 - (Math.ILogB(maxAbs) + 1) - (Math.ILogB(Math.Max(1, rows)) + 1);
        return new FixedPointScale(Math.Clamp(exponent, -1000, 1000));
    }

    /// <summary>The value in fixed point, rounded to nearest.</summary>
    public long ToFixed(double value) => (long)Math.Round(value * _up);

    /// <summary>
    /// <see cref="ToFixed(double)"/> of every value: vector rounding is to nearest, ties to even, as
    /// Math.Round, and the rounded values are integers in range, so the conversion is exact.
    /// </summary>
    public void ToFixed(ReadOnlySpan<double> values, Span<long> result)
    {
        if (result.Length < values.Length) throw new ArgumentException($"{result.Length} slots for {values.Length} values.", nameof(result));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var up = Vector256.Create(_up);
            for (; i + Vector256<double>.Count <= values.Length; i += Vector256<double>.Count)
                Vector256.ConvertToInt64(Vector256.Round(Vector256.Create(values.Slice(i, Vector256<double>.Count)) * up)).CopyTo(result.Slice(i));
        }
        for (; i < values.Length; i++) result[i] = ToFixed(values[i]);
    }

    /// <summary>
    /// The value in fixed point, rounded up to at least 1 when positive: a row with a tiny positive
    /// hessian never counts as hessian 0, so no leaf of such rows gets an infinite value when lambda is 0.
    /// </summary>
    public long ToFixedPositive(double value) => value > 0 ? Math.Max(1, ToFixed(value)) : ToFixed(value);

    /// <summary>A fixed-point sum back as a double.</summary>
    public double ToDouble(long value) => value * _down;
}
