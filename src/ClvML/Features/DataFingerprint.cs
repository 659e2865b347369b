namespace ClvML.Features;

/// <summary>Where the data came from and what became of every row.</summary>
public sealed record DataFingerprint
{
    /// <summary>Source name (file path or generator description).</summary>
    public required string Source { get; init; }
    /// <summary>SHA-256 of the input bytes, when the source is a file.</summary>
    public string? Sha256 { get; init; }
    /// <summary>Rows read (header and blank lines excluded).</summary>
    public long RowsRead { get; init; }
    /// <summary>Rows accepted.</summary>
    public long RowsAccepted { get; init; }
    /// <summary>Rows rejected.</summary>
    public long RowsRejected { get; init; }
    /// <summary>Rejected rows by reason.</summary>
    public IReadOnlyDictionary<string, long> RejectedByReason { get; init; } = new Dictionary<string, long>();
    /// <summary>Blank lines skipped.</summary>
    public long BlankLines { get; init; }
    /// <summary>Customers in the feature table.</summary>
    public int Customers { get; init; }
    /// <summary>Customers excluded because their first purchase is in the holdout.</summary>
    public int CustomersFirstSeenInHoldout { get; init; }
    /// <summary>Last calibration day.</summary>
    public DateOnly? CalibrationEnd { get; init; }
    /// <summary>Last holdout day.</summary>
    public DateOnly? ObservationEnd { get; init; }
    /// <summary>Earliest accepted transaction.</summary>
    public DateOnly? FirstTransaction { get; init; }
    /// <summary>Latest accepted transaction.</summary>
    public DateOnly? LastTransaction { get; init; }
}
