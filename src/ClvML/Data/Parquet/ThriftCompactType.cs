namespace ClvML.Data.Parquet;

/// <summary>
/// The type codes of the Thrift compact protocol (thrift/doc/specs/thrift-compact-protocol.md,
/// "Struct encoding" and "List and Set"). In a field header a boolean's value is the type code
/// itself (1 = true, 2 = false); inside a list, codes 1 and 2 both mean "bool" and each element is one byte.
/// </summary>
internal enum ThriftCompactType : byte
{
    Stop = 0,
    BooleanTrue = 1,
    BooleanFalse = 2,
    Byte = 3,
    I16 = 4,
    I32 = 5,
    I64 = 6,
    Double = 7,
    Binary = 8,
    List = 9,
    Set = 10,
    Map = 11,
    Struct = 12,
}

/// <summary>One struct field header: the absolute field id and the wire type that follows.</summary>
internal readonly record struct ThriftField(short Id, ThriftCompactType Type)
{
    /// <summary>True for a boolean field, whose value is carried by the type code.</summary>
    public bool IsBool => Type is ThriftCompactType.BooleanTrue or ThriftCompactType.BooleanFalse;
}
