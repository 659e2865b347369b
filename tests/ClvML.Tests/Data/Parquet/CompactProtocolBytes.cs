namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// Builds Thrift compact-protocol bytes by hand for decoder tests: short-form field headers when the
/// id rises by 1..15, the long form otherwise (thrift-compact-protocol.md, "Struct encoding").
/// </summary>
internal sealed class CompactProtocolBytes
{
    private readonly List<byte> _bytes = [];
    private readonly Stack<int> _lastIds = new([0]);

    public byte[] ToArray() => [.. _bytes];

    public CompactProtocolBytes I32(int id, int value) => Header(id, 5).Varint((uint)((value << 1) ^ (value >> 31)));

    public CompactProtocolBytes I8(int id, sbyte value)
    {
        Header(id, 3);
        _bytes.Add(unchecked((byte)value));
        return this;
    }

    public CompactProtocolBytes Bool(int id, bool value) => Header(id, value ? 1 : 2);

    public CompactProtocolBytes String(int id, string value)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(value);
        Header(id, 8).Varint((uint)utf8.Length);
        _bytes.AddRange(utf8);
        return this;
    }

    /// <summary>A list of i32 values (used to exercise skipping).</summary>
    public CompactProtocolBytes I32List(int id, params int[] values)
    {
        Header(id, 9);
        _bytes.Add((byte)(values.Length << 4 | 5));
        foreach (var v in values) Varint((uint)((v << 1) ^ (v >> 31)));
        return this;
    }

    public CompactProtocolBytes Struct(int id, Action<CompactProtocolBytes> fields)
    {
        Header(id, 12);
        _lastIds.Push(0);
        fields(this);
        _bytes.Add(0);
        _lastIds.Pop();
        return this;
    }

    /// <summary>The stop byte that ends the outermost struct.</summary>
    public CompactProtocolBytes Stop()
    {
        _bytes.Add(0);
        return this;
    }

    private CompactProtocolBytes Header(int id, int type)
    {
        var delta = id - _lastIds.Pop();
        _lastIds.Push(id);
        if (delta is >= 1 and <= 15)
        {
            _bytes.Add((byte)(delta << 4 | type));
            return this;
        }
        // Long form: the type alone, then the id as a zigzag varint i16.
        _bytes.Add((byte)type);
        return Varint((uint)((id << 1) ^ (id >> 31)));
    }

    private CompactProtocolBytes Varint(uint value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }
        _bytes.Add((byte)value);
        return this;
    }
}
