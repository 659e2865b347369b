namespace ClvML.Data;

/// <summary>Where transactions come from (<c>data.source</c>).</summary>
public enum DataSourceKind
{
    /// <summary>The built-in synthetic generator.</summary>
    Sample,
    /// <summary>A delimited text file, optionally gzip-compressed.</summary>
    Csv,
    /// <summary>An Apache Parquet file.</summary>
    Parquet,
    /// <summary>A SQLite database queried with <c>data.query</c>.</summary>
    Sqlite,
    /// <summary>A PostgreSQL database queried with <c>data.query</c>.</summary>
    Postgres,
}

/// <summary>What one input row is (<c>data.kind</c>).</summary>
public enum DataKind
{
    /// <summary>One row per purchase (or order line).</summary>
    Transactions,
    /// <summary>One precomputed row per customer: frequency, recency, T, monetary_value.</summary>
    Summary,
}

/// <summary>How a compressed file is recognised (<c>data.compression</c>).</summary>
public enum CompressionKind
{
    /// <summary>gzip when the name ends in .gz or the file starts with the gzip magic bytes.</summary>
    Auto,
    /// <summary>Plain text.</summary>
    None,
    /// <summary>gzip (one or more members).</summary>
    Gzip,
}

/// <summary>What happens to a row that cannot be used (<c>data.bad_rows</c>).</summary>
public enum BadRowPolicy
{
    /// <summary>Write it to rejects.csv with its reason and go on.</summary>
    Reject,
    /// <summary>Stop at the first one with exit code 2.</summary>
    Fail,
}

/// <summary>What a negative amount (a return or cancellation) does (<c>data.returns</c>).</summary>
public enum ReturnPolicy
{
    /// <summary>Subtract it from the customer's spend; it is not a purchase.</summary>
    Net,
    /// <summary>Reject it with the reason "return dropped".</summary>
    Drop,
    /// <summary>Treat it as an ordinary (negative) purchase.</summary>
    Keep,
}

/// <summary><c>data:</c> section.</summary>
public sealed record DataSettings
{
    /// <summary>Where transactions come from.</summary>
    public DataSourceKind Source { get; init; } = DataSourceKind.Sample;
    /// <summary>Transactions, or a precomputed per-customer summary.</summary>
    public DataKind Kind { get; init; } = DataKind.Transactions;
    /// <summary>File path (csv, parquet, sqlite), relative to the config file's folder.</summary>
    public string? Path { get; init; }
    /// <summary>SQL returning the mapped columns (sqlite, postgres).</summary>
    public string? Query { get; init; }
    /// <summary>PostgreSQL connection string; <c>${VAR}</c> references are kept verbatim here and expanded from the environment when connecting.</summary>
    public string? ConnectionString { get; init; }
    /// <summary>The built-in generator's size.</summary>
    public SampleSettings Sample { get; init; } = new();
    /// <summary>Which input column holds what.</summary>
    public ColumnMapping Columns { get; init; } = new();
    /// <summary>.NET custom date/time formats tried in order; empty means ISO 8601.</summary>
    public IReadOnlyList<string> TimestampFormats { get; init; } = [];
    /// <summary>A single delimiter character, or <see cref="WhitespaceDelimiter"/> for runs of spaces and tabs.</summary>
    public string Delimiter { get; init; } = ",";
    /// <summary>Whether the first line names the columns.</summary>
    public bool Header { get; init; } = true;
    /// <summary>Column names for a file without a header.</summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }
    /// <summary>How compression is recognised.</summary>
    public CompressionKind Compression { get; init; } = CompressionKind.Auto;
    /// <summary>Reject bad rows and go on, or stop at the first.</summary>
    public BadRowPolicy BadRows { get; init; } = BadRowPolicy.Reject;
    /// <summary>What negative amounts do.</summary>
    public ReturnPolicy Returns { get; init; } = ReturnPolicy.Net;

    /// <summary>The <see cref="Delimiter"/> value meaning "runs of spaces and tabs".</summary>
    public const string WhitespaceDelimiter = "whitespace";
}

/// <summary><c>data.sample:</c> the built-in generator.</summary>
public sealed record SampleSettings
{
    /// <summary>Number of customers drawn.</summary>
    public int Customers { get; init; } = 20_000;
}

/// <summary>
/// <c>data.columns:</c> input column names. For transactions the amount is either
/// <see cref="Amount"/> or <see cref="Quantity"/> x <see cref="UnitPrice"/>; for a summary input
/// the <see cref="Frequency"/>, <see cref="Recency"/>, <see cref="T"/> and <see cref="MonetaryValue"/> columns are used.
/// </summary>
public sealed record ColumnMapping
{
    /// <summary>Customer identifier (text; kept verbatim apart from surrounding spaces).</summary>
    public string CustomerId { get; init; } = "customer_id";
    /// <summary>Purchase date or date-time.</summary>
    public string Timestamp { get; init; } = "date";
    /// <summary>Amount column; null when the amount is quantity x unit price.</summary>
    public string? Amount { get; init; } = "amount";
    /// <summary>Quantity column (with <see cref="UnitPrice"/>).</summary>
    public string? Quantity { get; init; }
    /// <summary>Unit price column (with <see cref="Quantity"/>).</summary>
    public string? UnitPrice { get; init; }
    /// <summary>Order id: adjacent rows of one customer with the same id are one order.</summary>
    public string? OrderId { get; init; }
    /// <summary>Extra per-customer columns kept for grouping (the customer's first value).</summary>
    public IReadOnlyList<string> Attributes { get; init; } = [];
    /// <summary>Summary input: repeat purchase periods.</summary>
    public string Frequency { get; init; } = "frequency";
    /// <summary>Summary input: age at last purchase.</summary>
    public string Recency { get; init; } = "recency";
    /// <summary>Summary input: age at calibration end.</summary>
    public string T { get; init; } = "T";
    /// <summary>Summary input: mean repeat spend; optional in the file.</summary>
    public string MonetaryValue { get; init; } = "monetary_value";
}
