namespace ClvML.Data.Parquet;

/// <summary>
/// The logical annotation of a column: parquet.thrift union <c>LogicalType</c>
/// (LogicalTypes.md). The kinds ClvML reads get their own record; the rest are kept by name so
/// the caller can refuse them precisely.
/// </summary>
public abstract record LogicalType
{
    /// <summary>The spec's name of the union member (STRING, DATE, TIMESTAMP, ...).</summary>
    public abstract string Name { get; }

    /// <summary>STRING: UTF-8 text in a BYTE_ARRAY.</summary>
    public sealed record StringType : LogicalType
    {
        /// <inheritdoc />
        public override string Name => "STRING";
    }

    /// <summary>DATE: days since 1970-01-01 in an INT32.</summary>
    public sealed record DateType : LogicalType
    {
        /// <inheritdoc />
        public override string Name => "DATE";
    }

    /// <summary>TIMESTAMP: an instant (UTC-adjusted) or a local date-time, counted in <paramref name="Unit"/> since the epoch.</summary>
    /// <param name="IsAdjustedToUTC">True for an instant, false for a wall-clock ("local") time.</param>
    /// <param name="Unit">MILLIS, MICROS or NANOS.</param>
    public sealed record TimestampType(bool IsAdjustedToUTC, ParquetTimeUnit Unit) : LogicalType
    {
        /// <inheritdoc />
        public override string Name => "TIMESTAMP";
    }

    /// <summary>TIME: time of day counted in <paramref name="Unit"/>.</summary>
    /// <param name="IsAdjustedToUTC">True when normalised to UTC.</param>
    /// <param name="Unit">MILLIS, MICROS or NANOS.</param>
    public sealed record TimeType(bool IsAdjustedToUTC, ParquetTimeUnit Unit) : LogicalType
    {
        /// <inheritdoc />
        public override string Name => "TIME";
    }

    /// <summary>DECIMAL: an unscaled integer times 10^-<paramref name="Scale"/>.</summary>
    /// <param name="Scale">Digits after the decimal point.</param>
    /// <param name="Precision">Total significant digits.</param>
    public sealed record DecimalType(int Scale, int Precision) : LogicalType
    {
        /// <inheritdoc />
        public override string Name => "DECIMAL";
    }

    /// <summary>INTEGER: an integer of <paramref name="BitWidth"/> bits (8, 16, 32, 64), signed or not.</summary>
    /// <param name="BitWidth">8, 16, 32 or 64.</param>
    /// <param name="IsSigned">False for unsigned integers.</param>
    public sealed record IntegerType(int BitWidth, bool IsSigned) : LogicalType
    {
        /// <inheritdoc />
        public override string Name => "INTEGER";
    }

    /// <summary>Any other member of the union (MAP, LIST, ENUM, JSON, UUID, FLOAT16, ...), kept by name.</summary>
    /// <param name="SpecName">The spec's name of the member, or "field N" for an id this reader does not know.</param>
    public sealed record OtherType(string SpecName) : LogicalType
    {
        /// <inheritdoc />
        public override string Name => SpecName;
    }
}

/// <summary>Unit of a TIMESTAMP or TIME logical type: parquet.thrift union <c>TimeUnit</c>.</summary>
public enum ParquetTimeUnit
{
    /// <summary>Milliseconds.</summary>
    Millis,
    /// <summary>Microseconds.</summary>
    Micros,
    /// <summary>Nanoseconds.</summary>
    Nanos,
}
