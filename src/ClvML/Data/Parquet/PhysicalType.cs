namespace ClvML.Data.Parquet;

/// <summary>Physical storage type of a leaf column: parquet.thrift enum <c>Type</c> (renamed because <c>Type</c> clashes with System.Type).</summary>
public enum PhysicalType
{
    /// <summary>BOOLEAN: bit-packed booleans.</summary>
    Boolean = 0,
    /// <summary>INT32.</summary>
    Int32 = 1,
    /// <summary>INT64.</summary>
    Int64 = 2,
    /// <summary>INT96: 12 bytes, used by Impala and Spark for timestamps (deprecated in the spec).</summary>
    Int96 = 3,
    /// <summary>FLOAT: IEEE 754 single precision.</summary>
    Float = 4,
    /// <summary>DOUBLE: IEEE 754 double precision.</summary>
    Double = 5,
    /// <summary>BYTE_ARRAY: length-prefixed bytes.</summary>
    ByteArray = 6,
    /// <summary>FIXED_LEN_BYTE_ARRAY: bytes of SchemaElement.type_length each.</summary>
    FixedLenByteArray = 7,
}
