using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace ClvML.Data.Parquet;

/// <summary>
/// Reads Thrift compact-protocol values (thrift/doc/specs/thrift-compact-protocol.md) from a byte
/// range, as the Parquet format uses for its footer and page headers (parquet-format, "Metadata").
/// Every read is bounds-checked: truncated or malformed input throws a
/// <see cref="ParquetFormatException"/> naming the source and the byte offset, never an
/// out-of-range exception. Collection sizes are checked against the bytes left before anything is
/// allocated, and every element or field consumes at least one byte, so no input makes it loop
/// without progress or allocate more than the input's size.
/// </summary>
internal sealed partial class ThriftCompactReader
{
    /// <summary>
    /// Deepest nesting of structs, lists and maps accepted. Parquet's own metadata nests about six
    /// levels deep; the limit keeps hostile input from exhausting the stack.
    /// </summary>
    public const int MaxNestingDepth = 64;

    private readonly byte[] _bytes;
    private readonly int _start;
    private readonly int _end;
    private readonly long _baseOffset;
    // The compact protocol encodes field ids as deltas from the previous field of the same struct,
    // so each open struct remembers its last id.
    private readonly short[] _lastFieldIds = new short[MaxNestingDepth + 1];
    private int _depth;
    private int _position;

    /// <summary>Reads <paramref name="length"/> bytes of <paramref name="bytes"/> from <paramref name="start"/>.</summary>
    /// <param name="bytes">The buffer.</param>
    /// <param name="start">First byte to read.</param>
    /// <param name="length">Number of bytes that belong to the encoded value.</param>
    /// <param name="source">The file name used in error messages.</param>
    /// <param name="baseOffset">The file offset of <paramref name="start"/>, so errors report file offsets.</param>
    public ThriftCompactReader(byte[] bytes, int start, int length, string source, long baseOffset)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, bytes.Length - start);
        _bytes = bytes;
        _start = start;
        _end = start + length;
        _position = start;
        SourceName = source;
        _baseOffset = baseOffset;
    }

    /// <summary>Reads all of <paramref name="bytes"/>, reporting offsets from 0.</summary>
    public ThriftCompactReader(byte[] bytes, string source) : this(bytes, 0, bytes.Length, source, 0) { }

    /// <summary>The file name used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>Bytes consumed so far.</summary>
    public int BytesRead => _position - _start;

    /// <summary>Bytes not yet consumed.</summary>
    public int Remaining => _end - _position;

    /// <summary>The file offset of the next byte.</summary>
    public long Offset => _baseOffset + BytesRead;

    /// <summary>Reads a single byte (Thrift <c>byte</c>/<c>i8</c>).</summary>
    public sbyte ReadI8() => unchecked((sbyte)ReadRawByte());

    /// <summary>Reads a zigzag varint <c>i16</c>.</summary>
    public short ReadI16()
    {
        var at = Offset;
        var value = ReadZigZag32();
        if (value is < short.MinValue or > short.MaxValue) Fail(at, $"i16 value {value} out of range");
        return (short)value;
    }

    /// <summary>Reads a zigzag varint <c>i32</c>.</summary>
    public int ReadI32() => ReadZigZag32();

    /// <summary>Reads a zigzag varint <c>i64</c>.</summary>
    public long ReadI64()
    {
        var raw = ReadVarint64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads a little-endian IEEE 754 <c>double</c> (8 bytes; the compact spec's byte order).</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "double"));

    /// <summary>Reads a <c>binary</c>: a varint length, then that many bytes.</summary>
    public byte[] ReadBinary() => ReadBinarySpan().ToArray();

    /// <summary>Reads a <c>string</c>: a <c>binary</c> holding UTF-8 (invalid sequences become U+FFFD).</summary>
    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBinarySpan());

    /// <summary>Reads a list or set header: element type and count (count checked against the bytes left).</summary>
    public (ThriftCompactType ElementType, int Count) ReadListHeader()
    {
        var at = Offset;
        var header = ReadRawByte();
        var elementType = ToType((byte)(header & 0x0F), at, allowStop: false);
        // Sizes 0..14 fit the high nibble; 15 there means "a varint size follows".
        var count = header >> 4;
        if (count == 15) count = ReadSize("list size");
        if (count > Remaining) Fail(at, $"truncated or corrupt: list of {count} elements but only {Remaining} bytes left");
        return (elementType, count);
    }

    /// <summary>Reads a map header: entry count, then (when non-empty) the key and value types.</summary>
    public (ThriftCompactType KeyType, ThriftCompactType ValueType, int Count) ReadMapHeader()
    {
        var at = Offset;
        var count = ReadSize("map size");
        if (count == 0) return (ThriftCompactType.Stop, ThriftCompactType.Stop, 0);
        var types = ReadRawByte();
        var keyType = ToType((byte)(types >> 4), at, allowStop: false);
        var valueType = ToType((byte)(types & 0x0F), at, allowStop: false);
        // Each entry has a key and a value of at least one byte each.
        if (count > Remaining / 2) Fail(at, $"truncated or corrupt: map of {count} entries but only {Remaining} bytes left");
        return (keyType, valueType, count);
    }

    /// <summary>Opens a struct: field ids inside it start again from 0.</summary>
    public void BeginStruct()
    {
        EnterNested();
        _lastFieldIds[_depth] = 0;
    }

    /// <summary>Closes the struct opened by the matching <see cref="BeginStruct"/> (after its stop byte).</summary>
    public void EndStruct() => ExitNested();

    /// <summary>
    /// Reads the next field header of the open struct; false at the struct's stop byte.
    /// A header byte holds the id delta (high nibble) and the type (low nibble); delta 0 means an
    /// explicit zigzag i16 id follows.
    /// </summary>
    public bool ReadFieldHeader(out ThriftField field)
    {
        var at = Offset;
        var header = ReadRawByte();
        if (header == 0)
        {
            field = default;
            return false;
        }
        var type = ToType((byte)(header & 0x0F), at, allowStop: false);
        var delta = header >> 4;
        var id = delta == 0 ? ReadI16() : (short)(_lastFieldIds[_depth] + delta);
        _lastFieldIds[_depth] = id;
        field = new ThriftField(id, type);
        return true;
    }

    /// <summary>Fails with the source name and the current offset.</summary>
    [DoesNotReturn]
    public void Fail(string problem) => Fail(Offset, problem);

    /// <summary>Fails with the source name and the given offset.</summary>
    [DoesNotReturn]
    public void Fail(long offset, string problem) => throw new ParquetFormatException(SourceName, offset, problem);

    private ReadOnlySpan<byte> ReadBinarySpan()
    {
        var at = Offset;
        var length = ReadSize("binary length");
        if (length > Remaining) Fail(at, $"truncated or corrupt: binary of {length} bytes but only {Remaining} bytes left");
        return Take(length, "binary");
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining) Fail($"truncated: {what} needs {count} bytes but only {Remaining} are left");
        var span = new ReadOnlySpan<byte>(_bytes, _position, count);
        _position += count;
        return span;
    }

    private byte ReadRawByte()
    {
        if (_position >= _end) Fail("truncated: unexpected end of data");
        return _bytes[_position++];
    }

    private int ReadZigZag32()
    {
        var at = Offset;
        var raw = ReadVarint64();
        if (raw > uint.MaxValue) Fail(at, "i32 varint does not fit in 32 bits");
        var value = (uint)raw;
        return (int)(value >> 1) ^ -(int)(value & 1);
    }

    // Lengths and sizes are unsigned varints (not zigzag) in the compact protocol.
    private int ReadSize(string what)
    {
        var at = Offset;
        var raw = ReadVarint64();
        if (raw > int.MaxValue) Fail(at, $"{what} {raw} is too large");
        return (int)raw;
    }

    private ulong ReadVarint64()
    {
        var at = Offset;
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadRawByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        Fail(at, "varint longer than 10 bytes");
        return 0;
    }

    private ThriftCompactType ToType(byte code, long at, bool allowStop)
    {
        if (code > (byte)ThriftCompactType.Struct || (code == 0 && !allowStop))
            Fail(at, $"invalid Thrift compact type code {code}");
        return (ThriftCompactType)code;
    }

    private void EnterNested()
    {
        if (_depth >= MaxNestingDepth) Fail($"structs, lists and maps nest deeper than {MaxNestingDepth} levels");
        _depth++;
    }

    private void ExitNested()
    {
        if (_depth == 0) throw new InvalidOperationException("EndStruct without BeginStruct");
        _depth--;
    }
}
