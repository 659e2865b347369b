using System.Buffers.Binary;

namespace ClvML.Tests.Data.Parquet;

/// <summary>
/// Writes a small, valid Parquet file by hand for ingestion tests: one row group of OPTIONAL columns
/// (INT64 customer ids, INT32 DATE days, DOUBLE amounts, or UTF8 text), each one uncompressed v1
/// data page with RLE definition levels (one run per row: header 2, the level) and PLAIN values; a
/// struct column can be added to test the refusal of nested columns. Field ids and types follow
/// parquet.thrift; the Thrift compact protocol is written by <see cref="ThriftWriter"/>.
/// </summary>
internal sealed class TinyParquetFile
{
    private readonly List<(string Name, int Type, int? Converted, object?[] Values)> _columns = [];
    private bool _nested;

    public TinyParquetFile Int64(string name, params long?[] values) => Add(name, 2, null, values.Cast<object?>().ToArray());
    public TinyParquetFile Date(string name, params DateOnly?[] values) =>
        Add(name, 1, 6, values.Select(d => d is { } day ? (object?)(day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber) : null).ToArray());
    public TinyParquetFile Double(string name, params double?[] values) => Add(name, 5, null, values.Cast<object?>().ToArray());
    public TinyParquetFile Text(string name, params string?[] values) => Add(name, 6, 0, values.Cast<object?>().ToArray());

    /// <summary>Adds an optional group <c>address</c> with one text leaf <c>city</c> (never read).</summary>
    public TinyParquetFile WithNestedAddress()
    {
        _nested = true;
        return this;
    }

    private TinyParquetFile Add(string name, int type, int? converted, object?[] values)
    {
        _columns.Add((name, type, converted, values));
        return this;
    }

    public void Write(string path)
    {
        var rows = _columns[0].Values.Length;
        var file = new List<byte>("PAR1"u8.ToArray());
        var chunks = new List<(long Offset, int Size)>();
        foreach (var column in _columns)
        {
            var body = new List<byte>();
            var levels = new List<byte>();
            foreach (var value in column.Values) levels.AddRange([2, (byte)(value is null ? 0 : 1)]);
            body.AddRange(BitConverter.GetBytes(levels.Count));
            body.AddRange(levels);
            foreach (var value in column.Values)
            {
                switch (value)
                {
                    case null: break;
                    case long l: body.AddRange(BitConverter.GetBytes(l)); break;
                    case int i: body.AddRange(BitConverter.GetBytes(i)); break;
                    case double d: body.AddRange(BitConverter.GetBytes(d)); break;
                    case string s:
                        var utf8 = System.Text.Encoding.UTF8.GetBytes(s);
                        body.AddRange(BitConverter.GetBytes(utf8.Length));
                        body.AddRange(utf8);
                        break;
                }
            }
            var header = new ThriftWriter();
            header.I32(1, 0).I32(2, body.Count).I32(3, body.Count)
                .BeginStruct(5).I32(1, rows).I32(2, 0).I32(3, 3).I32(4, 3).EndStruct().Stop();
            chunks.Add((file.Count, header.Bytes.Count + body.Count));
            file.AddRange(header.Bytes);
            file.AddRange(body);
        }
        var leaves = _columns.Select(c => (c.Name, c.Type, c.Converted, Path: new[] { c.Name })).ToList();
        if (_nested)
        {
            leaves.Add(("city", 6, 0, ["address", "city"]));
            chunks.Add(chunks[0]); // never read: only its metadata must be present
        }
        var footer = new ThriftWriter().I32(1, 1).BeginList(2, 12, 1 + leaves.Count + (_nested ? 1 : 0));
        footer.BeginElement().String(4, "schema").I32(5, _columns.Count + (_nested ? 1 : 0)).EndElement();
        foreach (var c in _columns) Leaf(footer, c.Type, c.Name, c.Converted);
        if (_nested)
        {
            footer.BeginElement().I32(3, 1).String(4, "address").I32(5, 1).EndElement();
            Leaf(footer, 6, "city", 0);
        }
        footer.I64(3, rows).BeginList(4, 12, 1).BeginElement().BeginList(1, 12, leaves.Count);
        for (var i = 0; i < leaves.Count; i++)
        {
            footer.BeginElement().I64(2, chunks[i].Offset).BeginStruct(3)
                .I32(1, leaves[i].Type).I32List(2, 0, 3).StringList(3, leaves[i].Path).I32(4, 0).I64(5, rows)
                .I64(6, chunks[i].Size).I64(7, chunks[i].Size).I64(9, chunks[i].Offset).EndStruct().EndElement();
        }
        footer.I64(2, chunks.Sum(c => c.Size)).I64(3, rows).EndElement().Stop();
        file.AddRange(footer.Bytes);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, footer.Bytes.Count);
        file.AddRange(length);
        file.AddRange("PAR1"u8.ToArray());
        File.WriteAllBytes(path, [.. file]);
    }

    private static void Leaf(ThriftWriter footer, int type, string name, int? converted)
    {
        footer.BeginElement().I32(1, type).I32(3, 1).String(4, name);
        if (converted is { } c) footer.I32(6, c);
        footer.EndElement();
    }

    /// <summary>Thrift compact protocol (thrift-compact-protocol.md): zigzag varints, short field headers, list headers.</summary>
    internal sealed class ThriftWriter
    {
        private readonly Stack<int> _lastIds = new([0]);
        public List<byte> Bytes { get; } = [];

        public ThriftWriter I32(int id, int value) => Field(id, 5).Varint((ulong)(uint)((value << 1) ^ (value >> 31)));
        public ThriftWriter I64(int id, long value) => Field(id, 6).Varint((ulong)((value << 1) ^ (value >> 63)));
        public ThriftWriter String(int id, string value)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(value);
            Field(id, 8).Varint((ulong)bytes.Length);
            Bytes.AddRange(bytes);
            return this;
        }
        public ThriftWriter I32List(int id, params int[] values)
        {
            BeginList(id, 5, values.Length);
            foreach (var v in values) Varint((ulong)(uint)((v << 1) ^ (v >> 31)));
            return this;
        }
        public ThriftWriter StringList(int id, string[] values)
        {
            BeginList(id, 8, values.Length);
            foreach (var v in values)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(v);
                Varint((ulong)bytes.Length);
                Bytes.AddRange(bytes);
            }
            return this;
        }
        public ThriftWriter BeginList(int id, int elementType, int count)
        {
            Field(id, 9);
            if (count < 15) Bytes.Add((byte)((count << 4) | elementType));
            else
            {
                Bytes.Add((byte)(0xF0 | elementType));
                Varint((ulong)count);
            }
            return this;
        }
        public ThriftWriter BeginStruct(int id)
        {
            Field(id, 12);
            _lastIds.Push(0);
            return this;
        }
        public ThriftWriter EndStruct()
        {
            Bytes.Add(0);
            _lastIds.Pop();
            return this;
        }
        public ThriftWriter BeginElement()
        {
            _lastIds.Push(0);
            return this;
        }
        public ThriftWriter EndElement() => EndStruct();
        public ThriftWriter Stop()
        {
            Bytes.Add(0);
            return this;
        }

        private ThriftWriter Field(int id, int type)
        {
            var delta = id - _lastIds.Pop();
            _lastIds.Push(id);
            if (delta is > 0 and <= 15) Bytes.Add((byte)((delta << 4) | type));
            else
            {
                Bytes.Add((byte)type);
                Varint((ulong)(uint)((id << 1) ^ (id >> 31)));
            }
            return this;
        }

        private ThriftWriter Varint(ulong value)
        {
            while (value >= 0x80)
            {
                Bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }
            Bytes.Add((byte)value);
            return this;
        }
    }
}
