using ParquetSharp;

namespace ClvML.Tests.Data.ParquetInterop;

/// <summary>How ParquetSharp lays out the values of a test file.</summary>
public enum ValueLayout
{
    /// <summary>Arrow's default: RLE_DICTIONARY with a PLAIN dictionary page, PLAIN after a 1 KiB dictionary.</summary>
    Dictionary,
    /// <summary>PLAIN everywhere.</summary>
    Plain,
    /// <summary>DELTA_BINARY_PACKED for every INT32 and INT64 column.</summary>
    DeltaBinaryPacked,
    /// <summary>DELTA_LENGTH_BYTE_ARRAY for the text columns.</summary>
    DeltaLengthByteArray,
    /// <summary>DELTA_BYTE_ARRAY for the text and FIXED_LEN_BYTE_ARRAY decimal columns.</summary>
    DeltaByteArray,
    /// <summary>BYTE_STREAM_SPLIT for FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY columns.</summary>
    ByteStreamSplit,
    /// <summary>RLE for the booleans.</summary>
    RleBooleans,
}

/// <summary>
/// A file written by ParquetSharp (Apache Arrow's parquet-cpp) with every type a transaction log or a
/// feature table uses, nulls in each nullable kind, 1,700-row row groups and 2 KiB data pages (the
/// size is checked every 128 values), so
/// every column spans several row groups and many pages, under a chosen codec, value layout and
/// data page version.
/// </summary>
internal static class ParquetSharpFiles
{
    public const int Rows = 5000;

    /// <summary>The columns, in file order, with the ParquetSharp element type each is written from.</summary>
    public static Column[] Columns() =>
    [
        new Column<long>("id"), new Column<long?>("n_long"), new Column<int>("int"), new Column<uint>("u32"), new Column<short>("i16"),
        new Column<Date>("date"), new Column<Date?>("n_date"),
        new Column<DateTime>("ts"), new Column<DateTime>("ts_ms", LogicalType.Timestamp(true, ParquetSharp.TimeUnit.Millis)),
        new Column<DateTimeNanos>("ts_ns"), new Column<DateTime?>("n_ts"),
        new Column<double>("amount"), new Column<double?>("n_double"), new Column<float>("float"),
        new Column<decimal>("dec", LogicalType.Decimal(18, 2)), new Column<decimal?>("n_dec", LogicalType.Decimal(9, 2)),
        new Column<string>("text"), new Column<string>("label"), new Column<bool>("bool"), new Column<bool?>("n_bool"),
    ];

    /// <summary>Writes the file; <paramref name="codec"/> Lz4 is LZ4_RAW in the file and Lz4Hadoop the deprecated LZ4.</summary>
    public static void Write(string path, Compression codec, ValueLayout layout, ParquetDataPageVersion pageVersion, int seed = 1)
    {
        var builder = new WriterPropertiesBuilder().Compression(codec).DataPageVersion(pageVersion).DataPagesize(2048).WriteBatchSize(128).MaxRowGroupLength(1700);
        void Use(Encoding encoding, params string[] columns)
        {
            builder.DisableDictionary();
            foreach (var column in columns) builder.Encoding(column, encoding);
        }
        switch (layout)
        {
            case ValueLayout.Dictionary: builder.EnableDictionary().DictionaryPagesizeLimit(1024); break;
            case ValueLayout.Plain: builder.DisableDictionary(); break;
            case ValueLayout.DeltaBinaryPacked: Use(Encoding.DeltaBinaryPacked, "id", "n_long", "int", "u32", "i16", "date", "n_date", "ts", "ts_ms", "ts_ns", "n_ts"); break;
            case ValueLayout.DeltaLengthByteArray: Use(Encoding.DeltaLengthByteArray, "text", "label"); break;
            case ValueLayout.DeltaByteArray: Use(Encoding.DeltaByteArray, "text", "label", "dec", "n_dec"); break;
            case ValueLayout.ByteStreamSplit: Use(Encoding.ByteStreamSplit, "amount", "n_double", "float", "id", "n_long", "int", "date", "ts", "dec", "n_dec"); break;
            case ValueLayout.RleBooleans: Use(Encoding.Rle, "bool", "n_bool"); break;
        }
        var random = new Random(seed);
        var start = new DateTime(2024, 1, 1);
        using var properties = builder.Build();
        using var writer = new ParquetFileWriter(path, Columns(), properties);
        long[] id = [.. Enumerable.Range(0, Rows).Select(_ => (long)random.Next(1, 400))];
        long?[] nLong = [.. Enumerable.Range(0, Rows).Select(i => i % 7 == 3 ? (long?)null : random.NextInt64(long.MinValue, long.MaxValue))];
        int[] ints = [.. Enumerable.Range(0, Rows).Select(i => i == 0 ? int.MinValue : i == 1 ? int.MaxValue : random.Next(-1000, 1000))];
        uint[] u32 = [.. Enumerable.Range(0, Rows).Select(i => i == 0 ? uint.MaxValue : (uint)random.NextInt64(0, uint.MaxValue))];
        short[] i16 = [.. Enumerable.Range(0, Rows).Select(_ => (short)random.Next(short.MinValue, short.MaxValue + 1))];
        Date[] date = [.. Enumerable.Range(0, Rows).Select(_ => new Date(start.AddDays(random.Next(0, 700))))];
        Date?[] nDate = [.. Enumerable.Range(0, Rows).Select(i => i % 4 == 0 ? (Date?)null : new Date(start.AddDays(random.Next(-30_000, 30_000))))];
        DateTime[] ts = [.. Enumerable.Range(0, Rows).Select(_ => start.AddTicks(random.NextInt64(-30_000_000_000_000, 30_000_000_000_000) * 10))];
        DateTime[] tsMs = [.. Enumerable.Range(0, Rows).Select(_ => start.AddMilliseconds(random.NextInt64(0, 100_000_000_000)))];
        DateTimeNanos[] tsNs = [.. Enumerable.Range(0, Rows).Select(_ => new DateTimeNanos(1_700_000_000_000_000_000L + random.NextInt64(0, 1_000_000_000_000_000_000)))];
        DateTime?[] nTs = [.. Enumerable.Range(0, Rows).Select(i => i % 6 == 0 ? (DateTime?)null : start.AddMinutes(random.Next(0, 90)))];
        double[] amount = [.. Enumerable.Range(0, Rows).Select(i => i switch { 0 => -0.0, 1 => double.MaxValue, 2 => double.Epsilon, _ => Math.Round(random.NextDouble() * 200 - 20, 2) })];
        double?[] nDouble = [.. Enumerable.Range(0, Rows).Select(i => i % 5 == 0 ? (double?)null : Math.Round(random.NextDouble() * 100, 2))];
        float[] floats = [.. Enumerable.Range(0, Rows).Select(_ => (float)(random.NextDouble() * 1e6))];
        decimal[] dec = [.. Enumerable.Range(0, Rows).Select(i => i == 0 ? 9_999_999_999_999_999.99m : i == 1 ? -9_999_999_999_999_999.99m : random.NextInt64(-10_000_000, 10_000_000) / 100m)];
        decimal?[] nDec = [.. Enumerable.Range(0, Rows).Select(i => i % 3 == 0 ? (decimal?)null : random.Next(-1_000_000, 1_000_000) / 100m)];
        string?[] text = [.. Enumerable.Range(0, Rows).Select(i => i % 11 == 0 ? null : i % 13 == 0 ? "" : "t" + random.Next(0, 100_000) + (i % 2 == 0 ? "·€日本" : ""))];
        string[] labels = ["organic", "paid_search", "referral", "ä-ö"];
        string[] label = [.. Enumerable.Range(0, Rows).Select(_ => labels[random.Next(labels.Length)])];
        bool[] flags = [.. Enumerable.Range(0, Rows).Select(i => i % 50 < 30 || random.Next(3) == 0)];
        bool?[] nFlags = [.. Enumerable.Range(0, Rows).Select(i => i % 8 == 0 ? (bool?)null : random.Next(2) == 1)];
        for (var first = 0; first < Rows; first += 1700)
        {
            var count = Math.Min(1700, Rows - first);
            using var group = writer.AppendRowGroup();
            void Put<T>(T[] values)
            {
                using var column = group.NextColumn().LogicalWriter<T>();
                column.WriteBatch(values.AsSpan(first, count));
            }
            Put(id); Put(nLong); Put(ints); Put(u32); Put(i16); Put(date); Put(nDate); Put(ts); Put(tsMs); Put(tsNs); Put(nTs);
            Put(amount); Put(nDouble); Put(floats); Put(dec); Put(nDec); Put(text); Put(label); Put(flags); Put(nFlags);
        }
        writer.Close();
    }
}
