using ClvML.Data.Parquet;

namespace ClvML.Tests.Data.ParquetWriting;

/// <summary>
/// The FileMetaData fields the reader's decoder skips but other readers use, read straight off the
/// Thrift bytes: column_orders (7), RowGroup file_offset/total_compressed_size/ordinal (5, 6, 7)
/// and ColumnMetaData encoding_stats (13).
/// </summary>
internal sealed class FooterFields
{
    public int ColumnOrders { get; private set; }
    public int TypeDefinedOrders { get; private set; }
    public List<long> RowGroupFileOffsets { get; } = [];
    public List<long> RowGroupCompressedSizes { get; } = [];
    public List<short> RowGroupOrdinals { get; } = [];
    /// <summary>Per column chunk (all row groups in order): (page type, encoding, count).</summary>
    public List<List<(PageType, Encoding, int)>> EncodingStats { get; } = [];

    public static FooterFields Read(ThriftCompactReader reader)
    {
        var result = new FooterFields();
        Struct(reader, (r, field) =>
        {
            switch (field.Id)
            {
                case 4: r.ReadList(field, "row_groups", ThriftCompactType.Struct, g => { result.RowGroup(g); return 0; }); return true;
                case 7:
                    result.ColumnOrders = r.ReadList(field, "column_orders", ThriftCompactType.Struct, o =>
                    {
                        Struct(o, (u, member) =>
                        {
                            if (member.Id != 1) return false;
                            u.SkipValue(ThriftCompactType.Struct);
                            result.TypeDefinedOrders++;
                            return true;
                        });
                        return 0;
                    }).Count;
                    return true;
                default: return false;
            }
        });
        return result;
    }

    private void RowGroup(ThriftCompactReader reader) => Struct(reader, (r, field) =>
    {
        switch (field.Id)
        {
            case 1: r.ReadList(field, "columns", ThriftCompactType.Struct, c => { Chunk(c); return 0; }); return true;
            case 5: RowGroupFileOffsets.Add(r.ReadI64(field, "file_offset")); return true;
            case 6: RowGroupCompressedSizes.Add(r.ReadI64(field, "total_compressed_size")); return true;
            case 7: Assert.Equal(ThriftCompactType.I16, field.Type); RowGroupOrdinals.Add(r.ReadI16()); return true;
            default: return false;
        }
    });

    private void Chunk(ThriftCompactReader reader) => Struct(reader, (r, field) =>
    {
        if (field.Id != 3) return false;
        var stats = new List<(PageType, Encoding, int)>();
        Struct(r, (m, metaField) =>
        {
            if (metaField.Id != 13) return false;
            m.ReadList(metaField, "encoding_stats", ThriftCompactType.Struct, s =>
            {
                int type = 0, encoding = 0, count = 0;
                Struct(s, (e, f) =>
                {
                    var value = e.ReadI32(f, "field");
                    if (f.Id == 1) type = value;
                    else if (f.Id == 2) encoding = value;
                    else count = value;
                    return true;
                });
                stats.Add(((PageType)type, (Encoding)encoding, count));
                return 0;
            });
            return true;
        });
        EncodingStats.Add(stats);
        return true;
    });

    /// <summary>Walks a struct; <paramref name="field"/> consumes the fields it knows and returns false to skip the rest.</summary>
    private static void Struct(ThriftCompactReader reader, Func<ThriftCompactReader, ThriftField, bool> field)
    {
        reader.BeginStruct();
        while (reader.ReadFieldHeader(out var f))
            if (!field(reader, f)) reader.Skip(f);
        reader.EndStruct();
    }
}
