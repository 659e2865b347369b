namespace ClvML.Data.Parquet;

/// <summary>Legacy logical annotation of a column: parquet.thrift enum <c>ConvertedType</c> (superseded by LogicalType but still written by many tools).</summary>
internal enum ConvertedType
{
    /// <summary>UTF8 string.</summary>
    Utf8 = 0,
    /// <summary>MAP group.</summary>
    Map = 1,
    /// <summary>MAP_KEY_VALUE group.</summary>
    MapKeyValue = 2,
    /// <summary>LIST group.</summary>
    List = 3,
    /// <summary>ENUM string.</summary>
    Enum = 4,
    /// <summary>DECIMAL with scale and precision.</summary>
    Decimal = 5,
    /// <summary>DATE: days since the Unix epoch (INT32).</summary>
    Date = 6,
    /// <summary>TIME_MILLIS.</summary>
    TimeMillis = 7,
    /// <summary>TIME_MICROS.</summary>
    TimeMicros = 8,
    /// <summary>TIMESTAMP_MILLIS: milliseconds since the Unix epoch (INT64).</summary>
    TimestampMillis = 9,
    /// <summary>TIMESTAMP_MICROS: microseconds since the Unix epoch (INT64).</summary>
    TimestampMicros = 10,
    /// <summary>UINT_8.</summary>
    Uint8 = 11,
    /// <summary>UINT_16.</summary>
    Uint16 = 12,
    /// <summary>UINT_32.</summary>
    Uint32 = 13,
    /// <summary>UINT_64.</summary>
    Uint64 = 14,
    /// <summary>INT_8.</summary>
    Int8 = 15,
    /// <summary>INT_16.</summary>
    Int16 = 16,
    /// <summary>INT_32.</summary>
    Int32 = 17,
    /// <summary>INT_64.</summary>
    Int64 = 18,
    /// <summary>JSON.</summary>
    Json = 19,
    /// <summary>BSON.</summary>
    Bson = 20,
    /// <summary>INTERVAL.</summary>
    Interval = 21,
}
