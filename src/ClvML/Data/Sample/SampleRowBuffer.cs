namespace ClvML.Data.Sample;

/// <summary>What a row of the generated CSV is. Malformed kinds follow <see cref="SampleSummary.MalformedReasons"/>.</summary>
internal enum SampleRowKind : byte
{
    Purchase,
    Return,
    MissingCustomerId,
    UnparseableTimestamp,
    BadAmount,
    NonFiniteAmount,
    WrongFieldCount,
}

/// <summary>
/// One row of the generated CSV, 16 bytes: everything else (customer, amount, return) is read
/// from the purchase it refers to, so a million customers' rows stay around 50 MB.
/// </summary>
internal struct SampleRow
{
    /// <summary>Sort key: day (22 bits), time of day (10 bits), sequence number (32 bits).</summary>
    public ulong Key;
    /// <summary>Index of the purchase the row is, returns, or garbles.</summary>
    public int Purchase;
    public SampleRowKind Kind;

    public readonly int Day => (int)(Key >> 42);
}

/// <summary>
/// The generated rows in generation order, sorted into an order log by <see cref="Sort"/>.
/// The sequence number in every key makes keys unique, so the order does not depend on the
/// sort algorithm's stability: rows of one day are ordered by time of day, then by when they
/// were generated.
/// </summary>
internal sealed class SampleRowBuffer(int capacity)
{
    // 22 bits cover every DateOnly (3.65 million days); 10 bits give 84-second time-of-day slots.
    private const int TimeBits = 10;
    private const int SequenceBits = 32;

    private SampleRow[] _rows = new SampleRow[Math.Max(capacity, 16)];
    private int _count;

    public ReadOnlySpan<SampleRow> Rows => _rows.AsSpan(0, _count);

    /// <param name="day">Day since the start.</param>
    /// <param name="timeOfDay">Fraction of the day in [0, 1).</param>
    /// <param name="purchase">Index of the purchase the row refers to.</param>
    /// <param name="kind">What the row is.</param>
    public void Add(int day, double timeOfDay, int purchase, SampleRowKind kind)
    {
        if (_count == _rows.Length) Grow();
        var slot = Math.Clamp((ulong)(timeOfDay * (1 << TimeBits)), 0UL, (1UL << TimeBits) - 1);
        _rows[_count] = new SampleRow
        {
            Key = ((ulong)day << (TimeBits + SequenceBits)) | (slot << SequenceBits) | (uint)_count,
            Purchase = purchase,
            Kind = kind,
        };
        _count++;
    }

    public void Sort() => _rows.AsSpan(0, _count).Sort(new KeyOrder());

    private void Grow()
    {
        if (_rows.Length == Array.MaxLength)
            throw new InvalidOperationException(
                $"The sample would have more than {Array.MaxLength:N0} rows; lower SampleOptions.Customers or the channels' purchase rates (R / Alpha).");
        Array.Resize(ref _rows, (int)Math.Min(Array.MaxLength, _rows.Length * 3L / 2));
    }

    private readonly struct KeyOrder : IComparer<SampleRow>
    {
        public int Compare(SampleRow x, SampleRow y) => x.Key.CompareTo(y.Key);
    }
}
