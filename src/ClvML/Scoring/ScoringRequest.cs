namespace ClvML.Scoring;

/// <summary>What <c>clvml score</c> is asked to do.</summary>
public sealed record ScoringRequest
{
    /// <summary>Transactions to score (CSV, optionally gzip), read with the run's column mapping.</summary>
    public required string InputPath { get; init; }

    /// <summary>Where the scores go: a CSV file, a Parquet file (a name ending in <c>.parquet</c>), <c>sqlite:PATH</c> (table <c>scores</c>) or <c>postgres:TABLE</c>.</summary>
    public required string OutputPath { get; init; }

    /// <summary>
    /// The date features are computed as of: purchases up to and including it count, later rows are
    /// rejected as after_observation_end. Null: the last transaction date in the input.
    /// </summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>
    /// Input column names that differ from the run's mapping, by mapping key (customer_id,
    /// timestamp, amount, quantity, unit_price, order_id), e.g. to score CDNOW-shaped data with a
    /// run trained on the sample.
    /// </summary>
    public IReadOnlyDictionary<string, string> ColumnMap { get; init; } = new Dictionary<string, string>();

    /// <summary>Timestamp formats that replace the run's data.timestamp_formats (empty: keep the run's).</summary>
    public IReadOnlyList<string> TimestampFormats { get; init; } = [];

    /// <summary>The PostgreSQL connection string for a <c>postgres:TABLE</c> output (<c>${VAR}</c> references allowed); null: the CLVML_POSTGRES variable.</summary>
    public string? Connection { get; init; }

    /// <summary>Where rejected rows are written; null: beside the output (scores.csv -> scores.rejects.csv, scores.parquet -> scores.parquet.rejects.csv).</summary>
    public string? RejectsPath { get; init; }
}
