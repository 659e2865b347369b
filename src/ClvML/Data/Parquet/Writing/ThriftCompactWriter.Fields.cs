namespace ClvML.Data.Parquet.Writing;

/// <summary>Field-level writes: a header with the field id, then the value, as encoders of parquet.thrift structs need them.</summary>
internal sealed partial class ThriftCompactWriter
{
    /// <summary>Writes an <c>i32</c> field (or an enum, which Thrift sends as i32).</summary>
    public void WriteI32Field(short id, int value)
    {
        WriteFieldHeader(id, ThriftCompactType.I32);
        WriteI32(value);
    }

    /// <summary>Writes an <c>i64</c> field.</summary>
    public void WriteI64Field(short id, long value)
    {
        WriteFieldHeader(id, ThriftCompactType.I64);
        WriteI64(value);
    }

    /// <summary>Writes an <c>i16</c> field.</summary>
    public void WriteI16Field(short id, short value)
    {
        WriteFieldHeader(id, ThriftCompactType.I16);
        WriteI16(value);
    }

    /// <summary>Writes an <c>i8</c> field.</summary>
    public void WriteI8Field(short id, sbyte value)
    {
        WriteFieldHeader(id, ThriftCompactType.Byte);
        WriteI8(value);
    }

    /// <summary>Writes a <c>double</c> field.</summary>
    public void WriteDoubleField(short id, double value)
    {
        WriteFieldHeader(id, ThriftCompactType.Double);
        WriteDouble(value);
    }

    /// <summary>Writes a <c>bool</c> field: the value is the header's type code, nothing follows.</summary>
    public void WriteBoolField(short id, bool value) =>
        WriteFieldHeader(id, value ? ThriftCompactType.BooleanTrue : ThriftCompactType.BooleanFalse);

    /// <summary>Writes a <c>binary</c> field.</summary>
    public void WriteBinaryField(short id, ReadOnlySpan<byte> value)
    {
        WriteFieldHeader(id, ThriftCompactType.Binary);
        WriteBinary(value);
    }

    /// <summary>Writes a <c>string</c> field.</summary>
    public void WriteStringField(short id, string value)
    {
        WriteFieldHeader(id, ThriftCompactType.Binary);
        WriteString(value);
    }

    /// <summary>Writes a list field's header; the caller writes the <paramref name="count"/> elements next.</summary>
    public void WriteListFieldHeader(short id, ThriftCompactType elementType, int count)
    {
        WriteFieldHeader(id, ThriftCompactType.List);
        WriteListHeader(elementType, count);
    }

    /// <summary>Writes a list field of structs, each written by <paramref name="writeElement"/> (which brackets it with BeginStruct/EndStruct).</summary>
    public void WriteStructListField<T>(short id, IReadOnlyList<T> items, Action<ThriftCompactWriter, T> writeElement)
    {
        WriteListFieldHeader(id, ThriftCompactType.Struct, items.Count);
        foreach (var item in items) writeElement(this, item);
    }

    /// <summary>Writes a struct field's header and opens the struct; close it with <see cref="EndStruct"/>.</summary>
    public void BeginStructField(short id)
    {
        WriteFieldHeader(id, ThriftCompactType.Struct);
        BeginStruct();
    }

    /// <summary>Writes a field holding an empty struct (the members of Parquet's LogicalType and ColumnOrder unions that carry no parameters).</summary>
    public void WriteEmptyStructField(short id)
    {
        BeginStructField(id);
        EndStruct();
    }
}
