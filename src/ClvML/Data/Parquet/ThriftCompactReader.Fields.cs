namespace ClvML.Data.Parquet;

/// <summary>
/// Typed field reads and skipping. Decoders name the field they expect so that a wire type that
/// disagrees with parquet.thrift is reported precisely instead of being misread.
/// </summary>
internal sealed partial class ThriftCompactReader
{
    /// <summary>Reads an <c>i32</c> field (or an enum, which Thrift sends as i32).</summary>
    public int ReadI32(ThriftField field, string name)
    {
        Expect(field, ThriftCompactType.I32, name);
        return ReadI32();
    }

    /// <summary>Reads an <c>i64</c> field.</summary>
    public long ReadI64(ThriftField field, string name)
    {
        Expect(field, ThriftCompactType.I64, name);
        return ReadI64();
    }

    /// <summary>Reads an <c>i8</c> field.</summary>
    public sbyte ReadI8(ThriftField field, string name)
    {
        Expect(field, ThriftCompactType.Byte, name);
        return ReadI8();
    }

    /// <summary>Reads a <c>bool</c> field, whose value is the header's type code.</summary>
    public bool ReadBool(ThriftField field, string name)
    {
        if (!field.IsBool) Fail($"field '{name}' (id {field.Id}) has wire type {field.Type}, expected a bool");
        return field.Type == ThriftCompactType.BooleanTrue;
    }

    /// <summary>Reads a <c>binary</c> field.</summary>
    public byte[] ReadBinary(ThriftField field, string name)
    {
        Expect(field, ThriftCompactType.Binary, name);
        return ReadBinary();
    }

    /// <summary>Reads a <c>string</c> field.</summary>
    public string ReadString(ThriftField field, string name)
    {
        Expect(field, ThriftCompactType.Binary, name);
        return ReadString();
    }

    /// <summary>Reads a list field whose elements are <paramref name="elementType"/>, one by one.</summary>
    public List<T> ReadList<T>(ThriftField field, string name, ThriftCompactType elementType, Func<ThriftCompactReader, T> readElement)
    {
        Expect(field, ThriftCompactType.List, name);
        var at = Offset;
        var (actual, count) = ReadListHeader();
        if (actual != elementType) Fail(at, $"list '{name}' holds {actual} elements, expected {elementType}");
        EnterNested();
        // count is at most the bytes left (checked by the header), so this allocation is bounded by the input.
        var items = new List<T>(count);
        for (var i = 0; i < count; i++) items.Add(readElement(this));
        ExitNested();
        return items;
    }

    /// <summary>Reads a struct field with <paramref name="readStruct"/>, which consumes its fields and stop byte.</summary>
    public T ReadStruct<T>(ThriftField field, string name, Func<ThriftCompactReader, T> readStruct)
    {
        Expect(field, ThriftCompactType.Struct, name);
        return readStruct(this);
    }

    /// <summary>Skips a field this decoder does not know (Thrift's rule for forward compatibility).</summary>
    public void Skip(ThriftField field)
    {
        // A bool field's value was in its header; there is nothing more to read.
        if (field.IsBool) return;
        SkipValue(field.Type);
    }

    /// <summary>Skips one value of the given type, including nested structs, lists, sets and maps.</summary>
    public void SkipValue(ThriftCompactType type)
    {
        switch (type)
        {
            case ThriftCompactType.BooleanTrue or ThriftCompactType.BooleanFalse or ThriftCompactType.Byte:
                // Outside a field header (list elements, map entries) a bool is one byte.
                ReadRawByte();
                break;
            case ThriftCompactType.I16 or ThriftCompactType.I32 or ThriftCompactType.I64:
                ReadVarint64();
                break;
            case ThriftCompactType.Double:
                Take(8, "double");
                break;
            case ThriftCompactType.Binary:
                ReadBinarySpan();
                break;
            case ThriftCompactType.List or ThriftCompactType.Set:
                {
                    var (elementType, count) = ReadListHeader();
                    EnterNested();
                    for (var i = 0; i < count; i++) SkipValue(elementType);
                    ExitNested();
                    break;
                }
            case ThriftCompactType.Map:
                {
                    var (keyType, valueType, count) = ReadMapHeader();
                    EnterNested();
                    for (var i = 0; i < count; i++)
                    {
                        SkipValue(keyType);
                        SkipValue(valueType);
                    }
                    ExitNested();
                    break;
                }
            case ThriftCompactType.Struct:
                BeginStruct();
                while (ReadFieldHeader(out var inner)) Skip(inner);
                EndStruct();
                break;
            default:
                Fail($"cannot skip a value of Thrift compact type {type}");
                break;
        }
    }

    private void Expect(ThriftField field, ThriftCompactType type, string name)
    {
        if (field.Type != type) Fail($"field '{name}' (id {field.Id}) has wire type {field.Type}, expected {type}");
    }
}
