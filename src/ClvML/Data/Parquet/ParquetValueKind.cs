namespace ClvML.Data.Parquet;

/// <summary>What the values of a column mean once its physical type and annotations are applied.</summary>
internal enum ParquetValueKind
{
    /// <summary>BOOLEAN.</summary>
    Boolean,
    /// <summary>A whole number: INT32 or INT64 without a DATE, TIMESTAMP or DECIMAL annotation (unsigned annotations included).</summary>
    Integer,
    /// <summary>FLOAT or DOUBLE.</summary>
    Real,
    /// <summary>DECIMAL over INT32, INT64, FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY: an unscaled integer times 10^-scale.</summary>
    Decimal,
    /// <summary>DATE: days since 1970-01-01 in an INT32.</summary>
    Date,
    /// <summary>TIMESTAMP in an INT64 (millis, micros or nanos since the epoch) or an INT96 (Julian day and nanoseconds of the day).</summary>
    Timestamp,
    /// <summary>UTF-8 text: BYTE_ARRAY annotated STRING/UTF8, ENUM or JSON.</summary>
    Text,
    /// <summary>BYTE_ARRAY without an annotation: bytes that many writers use for text (Impala, Hive).</summary>
    Binary,
}
