using System.Buffers.Binary;

namespace ClvML.Data.Parquet.Writing;

/// <summary>
/// Writes Thrift compact-protocol values (thrift/doc/specs/thrift-compact-protocol.md) into a
/// growing byte buffer: the mirror of <see cref="ThriftCompactReader"/>, used for the footer and
/// the page headers (parquet-format, "Metadata"). Field ids are written as deltas from the
/// previous field of the same struct when the delta is 1..15, and as an explicit zigzag i16
/// otherwise; a bool field carries its value in the header's type code.
/// </summary>
internal sealed partial class ThriftCompactWriter
{
    // The compact protocol encodes field ids relative to the previous field of the same struct,
    // so each open struct remembers its last id.
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;
    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer with room for <paramref name="capacity"/> bytes before it grows.</summary>
    public ThriftCompactWriter(int capacity = 256) => _buffer = new byte[Math.Max(16, capacity)];

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Forgets everything written, keeping the buffer for reuse.</summary>
    public void Clear()
    {
        _length = 0;
        _lastFieldId = 0;
        _lastFieldIds.Clear();
    }

    /// <summary>Writes a single byte (Thrift <c>byte</c>/<c>i8</c>).</summary>
    public void WriteI8(sbyte value) => WriteRawByte(unchecked((byte)value));

    /// <summary>Writes a zigzag varint <c>i16</c>.</summary>
    public void WriteI16(short value) => WriteI32(value);

    /// <summary>Writes a zigzag varint <c>i32</c>.</summary>
    public void WriteI32(int value) => WriteVarint((uint)((value << 1) ^ (value >> 31)));

    /// <summary>Writes a zigzag varint <c>i64</c>.</summary>
    public void WriteI64(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a little-endian IEEE 754 <c>double</c> (8 bytes; the compact spec's byte order).</summary>
    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    /// <summary>Writes a <c>binary</c>: an unsigned varint length, then the bytes.</summary>
    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteVarint((uint)value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>Writes a <c>string</c>: a <c>binary</c> holding UTF-8.</summary>
    public void WriteString(string value)
    {
        var count = System.Text.Encoding.UTF8.GetByteCount(value);
        WriteVarint((uint)count);
        System.Text.Encoding.UTF8.GetBytes(value, Reserve(count));
    }

    /// <summary>Writes a bool outside a field header (a list element): one byte, 1 for true and 2 for false.</summary>
    public void WriteBoolElement(bool value) => WriteRawByte(value ? (byte)ThriftCompactType.BooleanTrue : (byte)ThriftCompactType.BooleanFalse);

    /// <summary>Writes a list or set header: sizes 0..14 share the byte with the element type, larger ones follow as a varint.</summary>
    public void WriteListHeader(ThriftCompactType elementType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count < 15)
        {
            WriteRawByte((byte)((count << 4) | (byte)elementType));
            return;
        }
        WriteRawByte((byte)(0xF0 | (byte)elementType));
        WriteVarint((uint)count);
    }

    /// <summary>Writes a map header: the entry count, then (only when non-empty) the key and value types in one byte.</summary>
    public void WriteMapHeader(ThriftCompactType keyType, ThriftCompactType valueType, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteVarint((uint)count);
        if (count > 0) WriteRawByte((byte)(((byte)keyType << 4) | (byte)valueType));
    }

    /// <summary>Opens a struct: field ids inside it count again from 0.</summary>
    public void BeginStruct()
    {
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    /// <summary>Writes the stop byte and closes the struct opened by the matching <see cref="BeginStruct"/>.</summary>
    public void EndStruct()
    {
        if (_lastFieldIds.Count == 0) throw new InvalidOperationException("EndStruct without BeginStruct");
        WriteRawByte((byte)ThriftCompactType.Stop);
        _lastFieldId = _lastFieldIds.Pop();
    }

    /// <summary>
    /// Writes a field header: the id delta in the high nibble when it is 1..15, else a zero nibble
    /// followed by the id as a zigzag i16. For a bool field pass BooleanTrue/BooleanFalse as the type.
    /// </summary>
    public void WriteFieldHeader(short id, ThriftCompactType type)
    {
        if (type == ThriftCompactType.Stop) throw new ArgumentException("A field cannot have the stop type.", nameof(type));
        var delta = id - _lastFieldId;
        if (delta is > 0 and <= 15) WriteRawByte((byte)((delta << 4) | (byte)type));
        else
        {
            WriteRawByte((byte)type);
            WriteI16(id);
        }
        _lastFieldId = id;
    }

    private void WriteVarint(ulong value)
    {
        var span = Reserve(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        // Only the bytes used count as written.
        _length -= 10 - n;
    }

    private void WriteRawByte(byte value) => Reserve(1)[0] = value;

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
